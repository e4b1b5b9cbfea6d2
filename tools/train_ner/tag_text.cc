// tag_text: prints the entities of text files (error analysis on the seeds), one per line:
// type, id, name, count, mentions.
#include <cstdio>
#include <fstream>
#include <sstream>

#include "daemon/entities/tagger.h"

int main(int argc, char** argv) {
  if (argc < 3) return std::fprintf(stderr, "usage: tag_text MODELS_DIR LANG FILE...\n"), 2;
  auto t = newsd::entities::tagger::load(argv[1]);
  if (!t) return std::fprintf(stderr, "tag_text: %s\n", t.err().message.c_str()), 1;
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
