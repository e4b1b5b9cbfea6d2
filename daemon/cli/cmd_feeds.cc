#include <cstdio>

#include "connectors/feeds/opml.h"
#include "daemon/cli/commands.h"

namespace newsd::cli {

void add_feeds(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("feeds", "Feed list tools");
  cmd->require_subcommand(1);
  auto* imp = cmd->add_subcommand("import-opml", "Print the feeds of an OPML file as [[feeds]] TOML");
  static std::string file;
  imp->add_option("FILE", file, "OPML file (- for stdin)")->required();
  imp->callback([&exit_code] {
    std::string body, err;
    if (!read_input(file, body, err)) {
      std::fprintf(stderr, "newsd feeds import-opml: %s\n", err.c_str());
      exit_code = kExitNoInput;
      return;
    }
    auto feeds = feeds::parse_opml(body);
    if (!feeds) {
      std::fprintf(stderr, "newsd feeds import-opml: %s: %s\n", file.c_str(),
                   feeds.err().message.c_str());
      exit_code = kExitDataErr;
      return;
    }
    std::string out = feeds::opml_to_toml(*feeds);
    std::fwrite(out.data(), 1, out.size(), stdout);
    exit_code = 0;
  });
}

}  // namespace newsd::cli
