// tag_text: prints the entities of text files (error analysis on the seeds), one per line:
// type, id, name, count, mentions. With --conll FILE: scores the tagger's BIO labels
// (tag_document, both passes, the whole file as one document) against a CoNLL file, so that
// the runtime path can be checked against train_ner's own scoring; --conll-sentences FILE
// tags each sentence alone (tag_tokens).
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

#include "daemon/entities/features.h"
#include "daemon/entities/tagger.h"
#include "tools/train_ner/conll_eval.h"

namespace {

// per_sentence: each sentence alone through tag_tokens (what `newsd tag --conll` does today).
int score_conll(const newsd::entities::tagger& t, const char* lang, const char* file,
                bool per_sentence) {
  std::string err;
  const auto sents = newsd::train::read_conll(file, &err);
  if (!err.empty()) return std::fprintf(stderr, "tag_text: %s\n", err.c_str()), 1;
  std::vector<std::vector<std::string>> doc, tags;
  for (const auto& s : sents) doc.push_back(s.tokens);
  if (per_sentence) {
    for (const auto& s : doc) tags.push_back(t.tag_tokens(s, lang));
  } else {
    tags = t.tag_document(doc, lang);
  }
  newsd::train::scores sc;
  for (size_t k = 0; k < sents.size(); ++k) {
    std::vector<int> pred;
    for (const auto& x : tags[k]) pred.push_back(std::max(0, newsd::entities::label_id(x)));
    newsd::train::score_sentence(sents[k].labels, pred, sc);
  }
  std::printf("%s", newsd::train::format_scores(sc).c_str());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3)
    return std::fprintf(stderr, "usage: tag_text MODELS_DIR LANG FILE... | --conll FILE\n"), 2;
  // NEWSD_SECOND_PASS=0: first pass only (tagger::options; default: the second pass when
  // MODELS_DIR/ner-ar-doc.bin exists).
  newsd::entities::tagger::options opts;
  const char* sp = std::getenv("NEWSD_SECOND_PASS");
  opts.second_pass = !(sp != nullptr && std::strcmp(sp, "0") == 0);
  auto t = newsd::entities::tagger::load(argv[1], opts);
  if (!t) return std::fprintf(stderr, "tag_text: %s\n", t.err().message.c_str()), 1;
  if (argc == 5 && std::strcmp(argv[3], "--conll") == 0)
    return score_conll(**t, argv[2], argv[4], false);
  if (argc == 5 && std::strcmp(argv[3], "--conll-sentences") == 0)
    return score_conll(**t, argv[2], argv[4], true);
  for (int a = 3; a < argc; ++a) {
    std::ifstream f(argv[a]);
    std::stringstream ss;
    ss << f.rdbuf();
    std::printf("== %s\n", argv[a]);
    for (const auto& e : (*t)->tag(ss.str(), argv[2])) {
      std::printf("%-12s %-22s %-28s %u:", e.type.c_str(), e.id.c_str(), e.name.c_str(),
                  static_cast<unsigned>(e.mentions.size()));
      for (const auto& m : e.mentions) std::printf(" [%s]", m.text.c_str());
      std::printf("\n");
    }
  }
  return 0;
}
