#include <cstdio>

#include "connectors/feeds/parse.h"
#include "daemon/cli/commands.h"

namespace newsd::cli {

void add_feed_parse(CLI::App& app, int& exit_code) {
  auto* cmd =
      app.add_subcommand("feed-parse", "Parse one feed document and print the feed model as JSON");
  static std::string file, url, content_type;
  cmd->add_option("FILE", file, "Feed document (- for stdin)")->required();
  cmd->add_option("--url", url, "Base URL for relative links");
  cmd->add_option("--content-type", content_type, "HTTP Content-Type it was served with");
  cmd->callback([&exit_code] {
    std::string body, err;
    if (!read_input(file, body, err)) {
      std::fprintf(stderr, "newsd feed-parse: %s\n", err.c_str());
      exit_code = kExitNoInput;
      return;
    }
    feeds::parse_options opts{url, content_type};
    auto doc = feeds::parse(body, opts);
    if (!doc) {
      std::fprintf(stderr, "newsd feed-parse: %s: %s\n", file.c_str(), doc.err().message.c_str());
      exit_code = kExitDataErr;
      return;
    }
    std::string out = feeds::to_json(*doc);
    out.push_back('\n');
    exit_code = write_stdout(out, "feed-parse") ? 0 : kExitIoErr;
  });
}

}  // namespace newsd::cli
