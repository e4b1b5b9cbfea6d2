#include "common/log.h"

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>
#include <vector>

#include "common/json_writer.h"
#include "common/time_util.h"

namespace newsd::log {

namespace {
std::atomic<int> g_level{static_cast<int>(level::info)};
std::atomic<int> g_format{static_cast<int>(format::text)};
std::mutex g_mu;

const char* name(level l) {
  switch (l) {
    case level::debug:
      return "debug";
    case level::info:
      return "info";
    case level::warn:
      return "warn";
    case level::error:
      return "error";
  }
  return "info";
}

int syslog_priority(level l) {
  switch (l) {
    case level::debug:
      return 7;
    case level::info:
      return 6;
    case level::warn:
      return 4;
    case level::error:
      return 3;
  }
  return 6;
}

bool is_key_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-' || c == '.';
}

// A plain decimal integer becomes a JSON number (counts, durations); anything
// else stays a string, so that "007" or "1e5" keep their spelling.
bool is_integer(std::string_view v) {
  size_t i = (!v.empty() && v[0] == '-') ? 1 : 0;
  if (i == v.size() || v.size() - i > 18) return false;
  if (v[i] == '0' && v.size() - i > 1) return false;
  for (; i < v.size(); ++i) {
    if (v[i] < '0' || v[i] > '9') return false;
  }
  return true;
}

bool reserved(std::string_view k) {
  return k == "ts" || k == "level" || k == "component" || k == "msg" || k == "fields";
}

bool under_journald() {
  static const bool j = std::getenv("JOURNAL_STREAM") != nullptr;
  return j;
}
}  // namespace

std::string quote(std::string_view v) {
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  out.reserve(v.size() + 2);
  out += '"';
  for (char c : v) {
    auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (u < 0x20 || u == 0x7f) {
      out += "\\u00";
      out += hex[u >> 4];
      out += hex[u & 15];
    } else {
      out += c;
    }
  }
  out += '"';
  return out;
}

std::vector<field> split_fields(std::string_view s) {
  std::vector<field> out;
  size_t i = 0;
  while (i < s.size()) {
    if (s[i] == ' ') {
      ++i;
      continue;
    }
    size_t k = i;
    while (i < s.size() && is_key_char(s[i])) ++i;
    if (i == k || i == s.size() || s[i] != '=') return {};
    field f;
    f.key = s.substr(k, i - k);
    ++i;
    if (i < s.size() && s[i] == '"') {
      // The value ends at the first quote not escaped by quote().
      bool closed = false;
      for (++i; i < s.size(); ++i) {
        char c = s[i];
        if (c == '"') {
          closed = true;
          ++i;
          break;
        }
        if (c != '\\') {
          f.value += c;
          continue;
        }
        if (++i == s.size()) return {};
        switch (s[i]) {
          case 'n':
            f.value += '\n';
            break;
          case 'r':
            f.value += '\r';
            break;
          case 't':
            f.value += '\t';
            break;
          case 'u': {
            unsigned code = 0;
            if (i + 4 >= s.size()) return {};
            for (int d = 1; d <= 4; ++d) {
              char h = s[i + d];
              code = code * 16 + (h >= '0' && h <= '9'   ? h - '0'
                                  : h >= 'a' && h <= 'f' ? h - 'a' + 10
                                  : h >= 'A' && h <= 'F' ? h - 'A' + 10
                                                         : 256);
            }
            if (code >= 0x20 && code != 0x7f) return {};  // quote() escapes control characters only
            f.value += static_cast<char>(code);
            i += 4;
            break;
          }
          default:
            f.value += s[i];  // \" and \\ .
        }
      }
      if (!closed || (i < s.size() && s[i] != ' ')) return {};
      f.quoted = true;
    } else {
      size_t v = i;
      while (i < s.size() && s[i] != ' ') ++i;
      f.value = std::string(s.substr(v, i - v));
    }
    out.push_back(f);
  }
  return out;
}

void set_level(level l) { g_level = static_cast<int>(l); }
void set_format(format f) { g_format = static_cast<int>(f); }
bool enabled(level l) { return static_cast<int>(l) >= g_level.load(); }

bool parse_level(std::string_view s, level& out) {
  if (s == "debug")
    out = level::debug;
  else if (s == "info")
    out = level::info;
  else if (s == "warn" || s == "warning")
    out = level::warn;
  else if (s == "error")
    out = level::error;
  else
    return false;
  return true;
}

void write(level l, std::string_view component, std::string_view msg, std::string_view fields) {
  if (!enabled(l)) return;
  std::string line;
  line.reserve(128 + msg.size() + fields.size());
  if (static_cast<format>(g_format.load()) == format::json) {
    json_writer w(line);
    w.begin_object()
        .field("ts", format_rfc3339(now_unix_ms(), true))
        .field("level", name(l))
        .field("component", component)
        .field("msg", msg);
    if (!fields.empty()) {
      auto parsed = split_fields(fields);
      if (parsed.empty()) {
        w.field("fields", fields);  // not key=value pairs: kept whole rather than guessed at
      } else {
        for (const auto& f : parsed) {
          // A field named like one of the line's own keys is prefixed, never duplicated.
          std::string key = reserved(f.key) ? "field_" + std::string(f.key) : std::string(f.key);
          if (!f.quoted && is_integer(f.value))
            w.key(key).raw(f.value);
          else
            w.field(key, f.value);
        }
      }
    }
    w.end_object();
  } else {
    if (under_journald()) {
      line += '<';
      line += std::to_string(syslog_priority(l));
      line += '>';
    } else {
      line += format_rfc3339(now_unix_ms(), true);
      line += ' ';
    }
    line += name(l);
    line += ' ';
    line += component;
    line += ": ";
    size_t from = line.size();
    line += msg;
    if (!fields.empty()) {
      line += ' ';
      line += fields;
    }
    // Free text that reached msg or a field unquoted must not start a forged line.
    for (size_t i = from; i < line.size(); ++i) {
      if (line[i] == '\n' || line[i] == '\r') line[i] = ' ';
    }
  }
  line += '\n';
  std::lock_guard lk(g_mu);
  std::fwrite(line.data(), 1, line.size(), stderr);
}

}  // namespace newsd::log
