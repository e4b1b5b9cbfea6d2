#pragma once
// One function per subcommand; each registers its options on the CLI11 app
// and returns the callback's exit code through `exit_code`. Thin: the logic
// lives in the components.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <string>
#include <string_view>

#include "daemon/config/config.h"

namespace newsd::cli {

inline constexpr int kExitConfig = 78;   // EX_CONFIG
inline constexpr int kExitUsage = 64;    // EX_USAGE
inline constexpr int kExitDataErr = 65;  // EX_DATAERR
inline constexpr int kExitNoInput = 66;  // EX_NOINPUT
inline constexpr int kExitIoErr = 74;    // EX_IOERR

void add_run(CLI::App& app, int& exit_code);
void add_check_config(CLI::App& app, int& exit_code);
void add_process(CLI::App& app, int& exit_code);
void add_feed_parse(CLI::App& app, int& exit_code);
void add_feeds(CLI::App& app, int& exit_code);
void add_extract(CLI::App& app, int& exit_code);
void add_tag(CLI::App& app, int& exit_code);
void add_dev_broker(CLI::App& app, int& exit_code);
void add_version(CLI::App& app, int& exit_code);

// What `newsd version` (and `newsd --version`) prints.
void print_version();

// The one-line message for a config file that cannot be read, with `hint` after it.
void print_cannot_open_config(const newsd::config::load_result& res, const char* hint);

// Loads `path` into cfg (defaults when path is empty); on problems prints every
// one as FILE:LINE: message and returns false (the caller exits 78).
bool load_config(const std::string& path, newsd::config::config& cfg);

// Reads a whole file ("-" = stdin); false with a message on failure (also for a directory).
bool read_input(const std::string& path, std::string& out, std::string& error);

// Writes data to out (a full disk, a closed pipe); on failure prints
// "newsd CMD: cannot write NAME: reason" and returns false (the caller exits kExitIoErr).
bool write_output(std::FILE* out, std::string_view data, const char* cmd, const std::string& name);
// Flushes (and closes, unless stdout) out; the same message on failure: a buffered
// write only fails here.
bool finish_output(std::FILE* out, const char* cmd, const std::string& name);
// Writes data to stdout and flushes it: true, or false after the message.
bool write_stdout(std::string_view data, const char* cmd);

}  // namespace newsd::cli
