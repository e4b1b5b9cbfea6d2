#include <cstdio>

#include "daemon/cli/commands.h"
#include "daemon/config/config.h"
#include "daemon/entities/tagger.h"
#include "daemon/pipeline/entities_options.h"

namespace newsd::cli {

void add_check_config(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("check-config", "Validate a config file (exit 0, or 78 listing every problem)");
  static std::string file;
  cmd->add_option("FILE", file, "Config file (TOML)")->required();
  cmd->callback([&exit_code] {
    auto res = config::load_file(file);
    if (res.cannot_open) {
      print_cannot_open_config(res, "");
      exit_code = kExitConfig;
      return;
    }
    // It runs as ExecStartPre: a model the daemon could not load must fail here too.
    if (res.cfg.entities.enabled) {
      auto t = entities::tagger::load(res.cfg.entities.models_dir, entities_options(res.cfg.entities));
      if (!t) {
        int line = res.cfg.entities.line > 0 ? res.cfg.entities.line : 1;
        res.errors.push_back(file + ":" + std::to_string(line) +
                             ": entities.models_dir: cannot load the entity models: " +
                             t.err().message);
        config::sort_errors(res.errors);
      }
    }
    for (const auto& e : res.errors) std::fprintf(stderr, "%s\n", e.c_str());
    if (!res.ok()) {
      exit_code = kExitConfig;
      return;
    }
    size_t n = res.cfg.feeds.size();
    std::printf("%s: ok (%zu feed%s)\n", file.c_str(), n, n == 1 ? "" : "s");
    exit_code = 0;
  });
}

}  // namespace newsd::cli
