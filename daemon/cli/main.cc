#include <cstdio>
#include <string_view>

#include "daemon/cli/commands.h"

namespace {

bool is_command(const CLI::App& app, std::string_view name) {
  auto found = app.get_subcommands([name](const CLI::App* c) { return c->check_name(std::string(name)); });
  return !found.empty();
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"newsd: streaming news ingestion daemon (feeds -> dedup -> entities -> Kafka)"};
  app.require_subcommand(1);
  int exit_code = 0;
  newsd::cli::add_run(app, exit_code);
  newsd::cli::add_check_config(app, exit_code);
  newsd::cli::add_process(app, exit_code);
  newsd::cli::add_feed_parse(app, exit_code);
  newsd::cli::add_feeds(app, exit_code);
  newsd::cli::add_extract(app, exit_code);
  newsd::cli::add_tag(app, exit_code);
  newsd::cli::add_dev_broker(app, exit_code);
  newsd::cli::add_version(app, exit_code);
  // CLI11 answers both of these with "A subcommand is required", which hides the mistake.
  if (argc >= 2) {
    std::string_view first = argv[1];
    if (first == "--version" || first == "-v") {
      newsd::cli::print_version();
      return 0;
    }
    if (!first.empty() && first[0] != '-' && !is_command(app, first)) {
      std::fprintf(stderr,
                   "newsd: unknown command \"%s\"\nRun 'newsd --help' (or 'newsd COMMAND --help') "
                   "for usage.\n",
                   argv[1]);
      return newsd::cli::kExitUsage;
    }
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    // One clear line, then the usage hint.
    std::fprintf(stderr, "newsd: %s\nRun 'newsd --help' (or 'newsd COMMAND --help') for usage.\n",
                 e.what());
    return newsd::cli::kExitUsage;
  }
  return exit_code;
}
