#pragma once
// Internal to daemon/config: typed reads of one TOML table.
#include <toml++/toml.h>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/config/config.h"

namespace newsd::config {

// Reads one TOML table into typed fields, remembering which keys it knew, so
// that every key left over is reported as unknown (Vector-style strictness).
class table_reader {
 public:
  table_reader(const toml::table& t, std::string section, std::string_view file,
               std::vector<std::string>& errors)
      : t_(t), section_(std::move(section)), file_(file), errors_(errors) {}

  void str(std::string_view key, std::string& out) {
    if (auto* n = find(key)) {
      if (auto v = n->value<std::string>())
        out = *v;
      else
        type_error(*n, key, "a string");
    }
  }
  void boolean(std::string_view key, bool& out) {
    if (auto* n = find(key)) {
      if (auto v = n->value_exact<bool>())
        out = *v;
      else
        type_error(*n, key, "true or false");
    }
  }
  template <class Int>
  void integer(std::string_view key, Int& out, int64_t min, int64_t max) {
    if (auto* n = find(key)) {
      auto v = n->value_exact<int64_t>();
      if (!v) return type_error(*n, key, "an integer");
      if (*v < min || *v > max) {
        return error(*n, qualified(key) + " must be between " + std::to_string(min) + " and " +
                             std::to_string(max) + ", got " + std::to_string(*v));
      }
      out = static_cast<Int>(*v);
    }
  }
  void number(std::string_view key, double& out, double min, double max) {
    if (auto* n = find(key)) {
      auto v = n->value<double>();
      if (!v) return type_error(*n, key, "a number");
      if (*v < min || *v > max) {
        std::ostringstream os;
        os << qualified(key) << " must be between " << min << " and " << max << ", got " << *v;
        return error(*n, os.str());
      }
      out = *v;
    }
  }
  void duration(std::string_view key, int64_t& out, int64_t min_ms) {
    if (auto* n = find(key)) {
      int64_t ms = 0;
      if (auto i = n->value_exact<int64_t>()) {
        ms = *i * 1000;
      } else if (auto s = n->value_exact<std::string>()) {
        if (!parse_duration_ms(*s, ms)) {
          return error(*n, qualified(key) + ": invalid duration \"" + *s +
                               "\" (use e.g. \"500ms\", \"30s\", \"10m\", \"1h\")");
        }
      } else {
        return type_error(*n, key, "a duration string such as \"30s\"");
      }
      if (ms < min_ms) {
        return error(*n, qualified(key) + " must be at least " + std::to_string(min_ms) + "ms");
      }
      out = ms;
    }
  }
  void string_list(std::string_view key, std::vector<std::string>& out) {
    if (auto* n = find(key)) {
      auto* arr = n->as_array();
      if (!arr) return type_error(*n, key, "an array of strings");
      out.clear();
      for (auto& el : *arr) {
        if (auto s = el.value_exact<std::string>())
          out.push_back(*s);
        else
          return type_error(el, key, "an array of strings");
      }
    }
  }
  void string_map(std::string_view key, std::map<std::string, std::string>& out) {
    if (auto* n = find(key)) {
      auto* tbl = n->as_table();
      if (!tbl) return type_error(*n, key, "a table of strings");
      for (auto&& [k, v] : *tbl) {
        if (auto s = v.value<std::string>()) {
          out[std::string(k.str())] = *s;
        } else if (auto b = v.value_exact<bool>()) {
          out[std::string(k.str())] = *b ? "true" : "false";
        } else if (auto i = v.value_exact<int64_t>()) {
          out[std::string(k.str())] = std::to_string(*i);
        } else {
          error(v, qualified(key) + "." + std::string(k.str()) +
                       " must be a string, number or boolean");
        }
      }
    }
  }
  void mark(std::string_view key) { known_.insert(std::string(key)); }
  const toml::table* sub_table(std::string_view key) {
    if (auto* n = find(key)) {
      if (auto* t = n->as_table()) return t;
      type_error(*n, key, "a table");
    }
    return nullptr;
  }
  void require(std::string_view key, const std::string& value, int line) {
    if (value.empty()) {
      errors_.push_back(std::string(file_) + ":" + std::to_string(line) + ": " + qualified(key) +
                        " is required");
    }
  }
  // Reports every key nobody asked for.
  void finish() {
    for (auto&& [k, v] : t_) {
      if (!known_.count(std::string(k.str()))) {
        int line = static_cast<int>(k.source().begin.line);
        if (line == 0) line = static_cast<int>(v.source().begin.line);
        errors_.push_back(std::string(file_) + ":" + std::to_string(line) + ": unknown key \"" +
                          std::string(k.str()) + "\" in " + where());
      }
    }
  }
  void error(const toml::node& n, const std::string& msg) {
    errors_.push_back(std::string(file_) + ":" + std::to_string(n.source().begin.line) + ": " +
                      msg);
  }

 private:
  const toml::node* find(std::string_view key) {
    known_.insert(std::string(key));
    return t_.get(key);
  }
  std::string where() const { return section_.empty() ? "the top level" : "[" + section_ + "]"; }
  std::string qualified(std::string_view key) const {
    return section_.empty() ? std::string(key) : section_ + "." + std::string(key);
  }
  void type_error(const toml::node& n, std::string_view key, const char* expected) {
    error(n, qualified(key) + " must be " + expected);
  }

  const toml::table& t_;
  std::string section_;
  std::string_view file_;
  std::vector<std::string>& errors_;
  std::set<std::string> known_;
};

}  // namespace newsd::config
