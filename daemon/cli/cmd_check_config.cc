#include <cstdio>

#include "daemon/cli/commands.h"
#include "daemon/config/config.h"

namespace newsd::cli {

void add_check_config(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("check-config", "Validate a config file (exit 0, or 78 listing every problem)");
  static std::string file;
  cmd->add_option("FILE", file, "Config file (TOML)")->required();
  cmd->callback([&exit_code] {
    auto res = config::load_file(file);
    for (const auto& e : res.errors) std::fprintf(stderr, "%s\n", e.c_str());
    if (!res.ok()) {
      exit_code = kExitConfig;
      return;
    }
    std::printf("%s: ok (%zu feeds)\n", file.c_str(), res.cfg.feeds.size());
    exit_code = 0;
  });
}

}  // namespace newsd::cli
