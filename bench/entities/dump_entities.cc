// dump_entities: prints every field of tag() for real ANT articles and the seed texts, so that
// a change meant to be output-neutral (caches, speed-ups) can be checked by diffing two dumps.
// usage: dump_entities MODELS_DIR SHARED_DIR N_ARTICLES [passes]
//   N_ARTICLES: ANT articles (text > 2000 bytes, file order); passes: how often the whole set is
//   tagged (a later pass meets words cached by earlier texts; every pass must print the same).
#include <simdjson.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "daemon/entities/tagger.h"

namespace {

void dump(const newsd::entities::tagger& t, const std::string& name, const std::string& text,
          const char* lang) {
  std::printf("== %s\n", name.c_str());
  for (const auto& e : t.tag(text, lang)) {
    std::printf("%s\t%s\t%s\t%s\t%zu:", e.type.c_str(), e.id.c_str(), e.name.c_str(),
                e.wikidata.c_str(), e.mentions.size());
    for (const auto& m : e.mentions) std::printf(" [%u,%u %s]", m.start, m.end, m.text.c_str());
    std::printf("\n");
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4)
    return std::fprintf(stderr, "usage: dump_entities MODELS_DIR SHARED_DIR N [passes]\n"), 2;
  auto t = newsd::entities::tagger::load(argv[1]);
  if (!t) return std::fprintf(stderr, "dump_entities: %s\n", t.err().message.c_str()), 1;
  const std::string shared = argv[2];
  const size_t n = std::strtoul(argv[3], nullptr, 10);
  const int passes = argc > 4 ? std::atoi(argv[4]) : 1;
  std::vector<std::string> docs;
  simdjson::dom::parser parser;
  simdjson::dom::document_stream stream;
  if (parser.load_many(shared + "/data/dedup/ant-dev.jsonl").get(stream))
    return std::fprintf(stderr, "dump_entities: cannot read ant-dev.jsonl\n"), 1;
  for (auto doc : stream) {
    std::string_view text;
    if (doc["text"].get_string().get(text) == simdjson::SUCCESS && text.size() > 2000)
      docs.emplace_back(text);
    if (docs.size() >= n) break;
  }
  std::vector<std::filesystem::path> seeds;
  for (const auto& f : std::filesystem::directory_iterator(shared + "/seeds"))
    seeds.push_back(f.path());
  std::sort(seeds.begin(), seeds.end());
  for (int p = 0; p < passes; ++p) {
    std::printf("### pass %d\n", p);
    for (const auto& s : seeds) {
      std::ifstream f(s);
      std::stringstream ss;
      ss << f.rdbuf();
      dump(**t, s.filename().string(), ss.str(), "ar");
    }
    for (size_t i = 0; i < docs.size(); ++i) dump(**t, "ant " + std::to_string(i), docs[i], "ar");
  }
  return 0;
}
