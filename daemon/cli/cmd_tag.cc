#include <cstdio>
#include <sstream>

#include "daemon/cli/commands.h"
#include "daemon/config/config.h"
#include "daemon/entities/tagger.h"
#include "daemon/pipeline/entities_options.h"

namespace newsd::cli {

void add_tag(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand(
      "tag", "Entity recognition on pre-tokenised CoNLL text (token<TAB>TAG out)");
  static std::string config_file, conll, language;
  cmd->add_option("--config", config_file, "Config file (for [entities] models_dir)");
  cmd->add_option("--conll", conll,
                  "CoNLL input: one token per line, blank line between sentences (- for stdin)")
      ->required();
  cmd->add_option("--language", language, "ar or en (default: detected per sentence)")
      ->check(CLI::IsMember({"ar", "en"}));
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
    auto t = entities::tagger::load(models_dir, entities_options(cfg.entities));
    if (!t) {
      std::fprintf(stderr, "newsd tag: %s\n", t.err().message.c_str());
      exit_code = 1;
      return;
    }
    // A document (up to -DOCSTART- or the end) is tagged as a whole: the Arabic
    // second pass reads the neighbouring sentences, as it does for an article.
    std::string out;
    std::vector<std::vector<std::string>> doc;
    std::vector<std::string> after;  // what follows each sentence (blank lines)
    std::vector<std::string> sentence;
    auto end_sentence = [&] {
      if (sentence.empty()) return;
      doc.push_back(std::move(sentence));
      after.emplace_back();
      sentence.clear();
    };
    auto flush_doc = [&] {
      end_sentence();
      if (doc.empty()) return;
      auto tags = (*t)->tag_document(doc, language);
      for (size_t s = 0; s < doc.size(); ++s) {
        for (size_t i = 0; i < doc[s].size(); ++i) {
          out += doc[s][i];
          out += '\t';
          out += s < tags.size() && i < tags[s].size() ? tags[s][i] : "O";
          out += '\n';
        }
        out += after[s];
      }
      doc.clear();
      after.clear();
    };
    auto blank = [&] {
      end_sentence();
      if (after.empty())
        out += '\n';  // before the document's first sentence
      else
        after.back() += '\n';
    };
    std::istringstream in(body);
    std::string line;
    while (std::getline(in, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.find_first_not_of(" \t") == std::string::npos) {
        blank();
        continue;
      }
      if (line.rfind("-DOCSTART-", 0) == 0) {
        flush_doc();
        out += line.substr(0, line.find_first_of(" \t")) + "\tO\n";
        continue;
      }
      sentence.push_back(line.substr(0, line.find_first_of(" \t")));
    }
    flush_doc();
    exit_code = write_stdout(out, "tag") ? 0 : kExitIoErr;
  });
}

}  // namespace newsd::cli
