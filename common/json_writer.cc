#include "common/json_writer.h"

#include "common/utf8.h"

#include <cmath>
#include <cstdio>

namespace newsd {

namespace {

}  // namespace

void json_escape(std::string& out, std::string_view s) {
  static const char* hex = "0123456789abcdef";
  out.push_back('"');
  size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      size_t n = utf8_sequence_length(s, i);
      if (n == 0) {
        out.append("\xEF\xBF\xBD");
        ++i;
      } else {
        out.append(s.substr(i, n));
        i += n;
      }
      continue;
    }
    switch (c) {
      case '"': out.append("\\\""); break;
      case '\\': out.append("\\\\"); break;
      case '\n': out.append("\\n"); break;
      case '\r': out.append("\\r"); break;
      case '\t': out.append("\\t"); break;
      case '\b': out.append("\\b"); break;
      case '\f': out.append("\\f"); break;
      default:
        if (c < 0x20 || c == 0x7F) {
          out.append("\\u00");
          out.push_back(hex[c >> 4]);
          out.push_back(hex[c & 0xF]);
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
    ++i;
  }
  out.push_back('"');
}

void json_writer::separator() {
  if (need_comma_) out_.push_back(',');
  need_comma_ = true;
}

json_writer& json_writer::begin_object() {
  separator();
  out_.push_back('{');
  need_comma_ = false;
  return *this;
}
json_writer& json_writer::end_object() {
  out_.push_back('}');
  need_comma_ = true;
  return *this;
}
json_writer& json_writer::begin_array() {
  separator();
  out_.push_back('[');
  need_comma_ = false;
  return *this;
}
json_writer& json_writer::end_array() {
  out_.push_back(']');
  need_comma_ = true;
  return *this;
}
json_writer& json_writer::key(std::string_view k) {
  separator();
  json_escape(out_, k);
  out_.push_back(':');
  need_comma_ = false;
  return *this;
}
json_writer& json_writer::value(std::string_view s) {
  separator();
  json_escape(out_, s);
  return *this;
}
json_writer& json_writer::value(int64_t n) {
  separator();
  out_.append(std::to_string(n));
  return *this;
}
json_writer& json_writer::value(uint64_t n) {
  separator();
  out_.append(std::to_string(n));
  return *this;
}
json_writer& json_writer::value(double d) {
  separator();
  if (!std::isfinite(d)) {
    out_.append("null");
    return *this;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", d);
  out_.append(buf);
  return *this;
}
json_writer& json_writer::value(bool b) {
  separator();
  out_.append(b ? "true" : "false");
  return *this;
}
json_writer& json_writer::null() {
  separator();
  out_.append("null");
  return *this;
}
json_writer& json_writer::raw(std::string_view json) {
  separator();
  out_.append(json);
  return *this;
}

}  // namespace newsd
