#pragma once
// One line per event on stderr, with level and component. The text format
// starts with a syslog priority prefix ("<6>") when running under systemd
// (JOURNAL_STREAM set), so journald keeps the level; the JSON format writes
// one object per line for log shippers.
#include <string>
#include <string_view>
#include <vector>

namespace newsd::log {

enum class level { debug = 0, info = 1, warn = 2, error = 3 };
enum class format { text, json };

void set_level(level l);
void set_format(format f);
bool parse_level(std::string_view s, level& out);
bool enabled(level l);

// msg is free text; fields are "key=value" pairs already formatted by the caller
// (free text goes through quote(): key=" + quote(value)). The JSON format turns
// each pair into a key of the line's object. A line break inside msg or fields is
// written as a space in the text format, so one event is always one line.
void write(level l, std::string_view component, std::string_view msg, std::string_view fields = {});

// Free text as a field value: in double quotes, with \\ \" \n \r \t and other
// control characters escaped (logfmt style), so that a value holding quotes or
// " key=" can neither end early nor forge another field.
std::string quote(std::string_view value);

struct field {
  std::string_view key;
  std::string value;  // unescaped
  bool quoted = false;
};
// Splits "a=1 b=\"x y\"" into its pairs; empty when fields is not such a list.
std::vector<field> split_fields(std::string_view fields);

inline void debug(std::string_view c, std::string_view m, std::string_view f = {}) {
  if (enabled(level::debug)) write(level::debug, c, m, f);
}
inline void info(std::string_view c, std::string_view m, std::string_view f = {}) {
  write(level::info, c, m, f);
}
inline void warn(std::string_view c, std::string_view m, std::string_view f = {}) {
  write(level::warn, c, m, f);
}
inline void error(std::string_view c, std::string_view m, std::string_view f = {}) {
  write(level::error, c, m, f);
}

}  // namespace newsd::log
