#include <cstdio>

#include "daemon/cli/commands.h"

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
