#include <cstdio>

#include "daemon/cli/commands.h"

namespace newsd::cli {

void add_feeds(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("feeds", "Feed list tools");
  cmd->require_subcommand(1);
  auto* imp = cmd->add_subcommand("import-opml", "Print the feeds of an OPML file as [[feeds]] TOML");
  static std::string file;
  imp->add_option("FILE", file, "OPML file")->required();
  imp->callback([&exit_code] {
    std::fprintf(stderr, "newsd feeds import-opml: not implemented yet\n");
    exit_code = 1;
  });
}

}  // namespace newsd::cli
