#pragma once
// One function per subcommand; each registers its options on the CLI11 app
// and returns the callback's exit code through `exit_code`. Thin: the logic
// lives in the components.
#include <CLI/CLI.hpp>

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

// Reads a whole file ("-" = stdin); false with a message on failure.
bool read_input(const std::string& path, std::string& out, std::string& error);

}  // namespace newsd::cli
