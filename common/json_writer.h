#pragma once
// Streaming JSON writer. simdjson (3.0 in bookworm) only parses, so the
// writer is ours: it appends to a std::string, escapes per RFC 8259 and
// replaces invalid UTF-8 with U+FFFD so the output is always valid JSON.
#include <cstdint>
#include <string>
#include <string_view>

namespace newsd {

class json_writer {
 public:
  explicit json_writer(std::string& out) : out_(out) {}

  json_writer& begin_object();
  json_writer& end_object();
  json_writer& begin_array();
  json_writer& end_array();
  json_writer& key(std::string_view k);
  json_writer& value(std::string_view s);
  json_writer& value(const char* s) { return value(std::string_view(s)); }
  json_writer& value(int64_t n);
  json_writer& value(uint64_t n);
  json_writer& value(int n) { return value(static_cast<int64_t>(n)); }
  json_writer& value(double d);
  json_writer& value(bool b);
  json_writer& null();
  // Appends already-serialised JSON verbatim (caller guarantees validity).
  json_writer& raw(std::string_view json);

  // Helpers for optional fields: omitted entirely when empty.
  json_writer& field(std::string_view k, std::string_view v) { return key(k).value(v); }
  json_writer& field_if(std::string_view k, std::string_view v) {
    return v.empty() ? *this : field(k, v);
  }

 private:
  void separator();
  std::string& out_;
  bool need_comma_ = false;
};

// Appends s as a quoted JSON string.
void json_escape(std::string& out, std::string_view s);

}  // namespace newsd
