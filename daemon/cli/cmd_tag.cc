#include <cstdio>
#include <sstream>

#include "daemon/cli/commands.h"
#include "daemon/config/config.h"
#include "daemon/entities/tagger.h"

namespace newsd::cli {

void add_tag(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("tag", "Entity recognition on pre-tokenised CoNLL text (token<TAB>TAG out)");
  static std::string config_file, conll, language;
  cmd->add_option("--config", config_file, "Config file (for [entities] models_dir)");
  cmd->add_option("--conll", conll, "CoNLL input: one token per line, blank line between sentences (- for stdin)")
      ->required();
  cmd->add_option("--language", language, "ar or en (default: detected per sentence)");
  cmd->callback([&exit_code] {
    config::config cfg;
    if (!load_config(config_file, cfg)) {
      exit_code = kExitConfig;
      return;
    }
    const std::string& models_dir = cfg.entities.models_dir;
    std::string body, err;
    if (!read_input(conll, body, err)) {
      std::fprintf(stderr, "newsd tag: %s\n", err.c_str());
      exit_code = kExitNoInput;
      return;
    }
    auto t = entities::tagger::load(models_dir);
    if (!t) {
      std::fprintf(stderr, "newsd tag: %s\n", t.err().message.c_str());
      exit_code = 1;
      return;
    }
    std::string out;
    std::vector<std::string> sentence;
    auto flush = [&] {
      if (sentence.empty()) return;
      auto tags = (*t)->tag_tokens(sentence, language);
      for (size_t i = 0; i < sentence.size(); ++i) {
        out += sentence[i];
        out += '\t';
        out += i < tags.size() ? tags[i] : "O";
        out += '\n';
      }
      sentence.clear();
    };
    std::istringstream in(body);
    std::string line;
    while (std::getline(in, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.find_first_not_of(" \t") == std::string::npos) {
        flush();
        out += '\n';
        continue;
      }
      if (line.rfind("-DOCSTART-", 0) == 0) {
        flush();
        out += line.substr(0, line.find_first_of(" \t")) + "\tO\n";
        continue;
      }
      sentence.push_back(line.substr(0, line.find_first_of(" \t")));
    }
    flush();
    std::fwrite(out.data(), 1, out.size(), stdout);
    exit_code = 0;
  });
}

}  // namespace newsd::cli
