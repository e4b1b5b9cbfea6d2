#include <cstdio>
#include <set>
#include <string>
#include <vector>

#include "connectors/feeds/opml.h"
#include "daemon/cli/commands.h"
#include "daemon/config/values.h"

namespace newsd::cli {

void add_feeds(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("feeds", "Feed list tools");
  cmd->require_subcommand(1);
  auto* imp =
      cmd->add_subcommand("import-opml", "Print the feeds of an OPML file as [[feeds]] TOML");
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
    // What check-config would reject is left out with a warning, so that the output
    // can be appended to a config as it is.
    std::vector<feeds::opml_feed> kept;
    std::set<std::string> urls;
    for (auto& f : *feeds) {
      if (auto why = config::check_feed_url(f.url); !why.empty()) {
        std::fprintf(stderr, "newsd feeds import-opml: skipped \"%s\": it %s\n", f.url.c_str(),
                     why.c_str());
      } else if (!urls.insert(f.url).second) {
        std::fprintf(stderr, "newsd feeds import-opml: skipped \"%s\": listed twice\n",
                     f.url.c_str());
      } else {
        kept.push_back(std::move(f));
      }
    }
    std::string out = feeds::opml_to_toml(kept);
    exit_code = write_stdout(out, "feeds import-opml") ? 0 : kExitIoErr;
  });
}

}  // namespace newsd::cli
