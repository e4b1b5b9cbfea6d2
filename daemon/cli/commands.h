#pragma once
// One function per subcommand; each registers its options on the CLI11 app
// and returns the callback's exit code through `exit_code`. Thin: the logic
// lives in the components.
#include <CLI/CLI.hpp>

#include "daemon/config/config.h"

namespace newsd::cli {

inline constexpr int kExitConfig = 78;  // EX_CONFIG
inline constexpr int kExitUsage = 64;   // EX_USAGE
inline constexpr int kExitDataErr = 65; // EX_DATAERR
inline constexpr int kExitNoInput = 66; // EX_NOINPUT

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

}  // namespace newsd::cli
