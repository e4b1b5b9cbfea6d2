#include <cstdio>

#include "connectors/extract/extract.h"
#include "daemon/cli/commands.h"

namespace newsd::cli {

void add_extract(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("extract", "Extract the article from one HTML page and print it as JSON");
  static std::string file, url, content_type;
  cmd->add_option("FILE", file, "HTML page (- for stdin)")->required();
  cmd->add_option("--url", url, "The page's address");
  cmd->add_option("--content-type", content_type, "HTTP Content-Type it was served with");
  cmd->callback([&exit_code] {
    std::string body, err;
    if (!read_input(file, body, err)) {
      std::fprintf(stderr, "newsd extract: %s\n", err.c_str());
      exit_code = kExitNoInput;
      return;
    }
    extract::options opts;
    opts.url = url;
    opts.content_type = content_type;
    auto page = extract::extract(body, opts);
    if (!page) {
      std::fprintf(stderr, "newsd extract: %s: %s\n", file.c_str(), page.err().message.c_str());
      exit_code = kExitDataErr;
      return;
    }
    std::string out = extract::to_json(*page);
    out.push_back('\n');
    std::fwrite(out.data(), 1, out.size(), stdout);
    exit_code = 0;
  });
}

}  // namespace newsd::cli
