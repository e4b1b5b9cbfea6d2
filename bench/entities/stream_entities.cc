// stream_entities: BM_TagArabicNewsStream's workload on its own, for profiling (perf record -D
// past the load) and for instruction counts (perf stat): load the default tagger, warm it on
// ANT articles 200..1199, then tag articles 1200..N once each and print the CPU-time rate.
// usage: stream_entities MODELS_DIR SHARED_DIR [N=7200]
#include <simdjson.h>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <vector>

#include "daemon/entities/tagger.h"
#include "daemon/entities/utf8.h"

namespace {
double cpu_s() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}
}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) return std::fprintf(stderr, "usage: stream_entities MODELS SHARED [N]\n"), 2;
  const size_t n = argc > 3 ? std::strtoul(argv[3], nullptr, 10) : 7200;
  auto t = newsd::entities::tagger::load(argv[1]);
  if (!t) return std::fprintf(stderr, "stream_entities: %s\n", t.err().message.c_str()), 1;
  std::vector<std::string> docs;
  simdjson::dom::parser parser;
  simdjson::dom::document_stream stream;
  if (parser.load_many(std::string(argv[2]) + "/data/dedup/ant-dev.jsonl").get(stream))
    return std::fprintf(stderr, "stream_entities: cannot read ant-dev.jsonl\n"), 1;
  for (auto doc : stream) {
    std::string_view text;
    if (doc["text"].get_string().get(text) == simdjson::SUCCESS && text.size() > 2000)
      docs.emplace_back(text);
    if (docs.size() >= n) break;
  }
  if (docs.size() < 1300) return std::fprintf(stderr, "stream_entities: too few articles\n"), 1;
  size_t tokens = 0, ents = 0;
  for (size_t i = 200; i < 1200; ++i) ents += (*t)->tag(docs[i], "ar").size();
  for (size_t i = 1200; i < docs.size(); ++i) tokens += newsd::entities::tokenise(docs[i]).size();
  std::fprintf(stderr, "stream_entities: warmed; timing %zu articles\n", docs.size() - 1200);
  const double t0 = cpu_s();
  for (size_t i = 1200; i < docs.size(); ++i) ents += (*t)->tag(docs[i], "ar").size();
  const double dt = cpu_s() - t0;
  std::printf("stream: %zu articles, %.1f tokens/article, %.3f s CPU, %.0f articles600/s (%zu)\n",
              docs.size() - 1200, static_cast<double>(tokens) / (docs.size() - 1200), dt,
              static_cast<double>(tokens) / 600.0 / dt, ents);
  // Skip the models' teardown: it would be most of a profile's tail.
  std::fflush(stdout);
  std::_Exit(0);
}
