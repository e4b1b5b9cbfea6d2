#include "common/log.h"

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>

#include "common/json_writer.h"
#include "common/time_util.h"

namespace newsd::log {

namespace {
std::atomic<int> g_level{static_cast<int>(level::info)};
std::atomic<int> g_format{static_cast<int>(format::text)};
std::mutex g_mu;

const char* name(level l) {
  switch (l) {
    case level::debug: return "debug";
    case level::info: return "info";
    case level::warn: return "warn";
    case level::error: return "error";
  }
  return "info";
}

int syslog_priority(level l) {
  switch (l) {
    case level::debug: return 7;
    case level::info: return 6;
    case level::warn: return 4;
    case level::error: return 3;
  }
  return 6;
}

bool under_journald() {
  static const bool j = std::getenv("JOURNAL_STREAM") != nullptr;
  return j;
}
}  // namespace

void set_level(level l) { g_level = static_cast<int>(l); }
void set_format(format f) { g_format = static_cast<int>(f); }
bool enabled(level l) { return static_cast<int>(l) >= g_level.load(); }

bool parse_level(std::string_view s, level& out) {
  if (s == "debug") out = level::debug;
  else if (s == "info") out = level::info;
  else if (s == "warn" || s == "warning") out = level::warn;
  else if (s == "error") out = level::error;
  else return false;
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
    if (!fields.empty()) w.field("fields", fields);
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
    line += msg;
    if (!fields.empty()) {
      line += ' ';
      line += fields;
    }
  }
  line += '\n';
  std::lock_guard lk(g_mu);
  std::fwrite(line.data(), 1, line.size(), stderr);
}

}  // namespace newsd::log
