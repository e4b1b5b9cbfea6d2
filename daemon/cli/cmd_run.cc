#include <cstdio>

#include "common/log.h"
#include "daemon/cli/commands.h"
#include "daemon/config/config.h"
#include "daemon/pipeline/daemon.h"

namespace newsd::cli {

void add_run(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("run", "Run the daemon");
  static std::string config_file = "/etc/newsd/newsd.toml";
  static bool once = false, dev = false;
  auto* config_opt = cmd->add_option("--config", config_file, "Config file")->capture_default_str();
  cmd->add_flag("--once", once, "Poll every feed once, publish, wait for every delivery report, exit");
  cmd->add_flag("--dev", dev,
                "Use the embedded development config: bundled sample feeds, in-process Kafka broker");
  cmd->callback([&exit_code, config_opt] {
    if (dev && config_opt->count() > 0) {
      // --dev replaces the whole config: silently dropping --config would run something else.
      std::fprintf(stderr,
                   "newsd run: --dev and --config exclude each other (--dev uses the built-in "
                   "development config)\n");
      exit_code = kExitUsage;
      return;
    }
    auto res = dev ? config::load_string(config::embedded_dev_config(), "<embedded dev config>")
                   : config::load_file(config_file);
    if (res.cannot_open) {
      print_cannot_open_config(res, "(use --config FILE, or --dev for the built-in defaults)");
      exit_code = kExitConfig;
      return;
    }
    for (const auto& e : res.errors) std::fprintf(stderr, "%s\n", e.c_str());
    if (!res.ok()) {
      exit_code = kExitConfig;
      return;
    }
    pipeline::run_options opts;
    opts.once = once;
    exit_code = pipeline::run_daemon(std::move(res.cfg), opts);
  });
}

}  // namespace newsd::cli
