// bench_entities: tagging throughput (articles of ~600 tokens, one core), model load time
// and resident memory, for the tagger as the daemon loads it (Arabic with its second pass),
// plus the Arabic first pass alone (*OnePass) and real ANT news (*News, when ../shared is
// there). Target: >= 5,000 articles/s, load < 2 s.
#include <benchmark/benchmark.h>

#include <simdjson.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "daemon/entities/tagger.h"
#include "daemon/entities/utf8.h"

namespace {

std::shared_ptr<const newsd::entities::tagger> g_tagger;
std::shared_ptr<const newsd::entities::tagger> g_tagger1;  // first pass only

long rss_kb() {
  std::ifstream f("/proc/self/status");
  std::string line;
  while (std::getline(f, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  return 0;
}

// Our own news-like text; words vary per article so the per-text cache does not flatter us.
std::string article(const char* const* paras, size_t np, int seed, size_t tokens) {
  std::string s;
  size_t n = 0;
  for (int k = 0; n < tokens; ++k) {
    const std::string p = paras[(seed + k) % np];
    s += p;
    s += " رقم" + std::to_string(seed * 31 + k) + "\n";
    n += newsd::entities::tokenise(p).size() + 1;
  }
  return s;
}

const char* const kArabic[] = {
    "قال الزعيم الكوري الشمالي كيم جونغ أون إن بلاده مستعدة لتعزيز التعاون مع روسيا، وذلك خلال "
    "لقائه الرئيس الروسي فلاديمير بوتين في مدينة فلاديفوستوك على ساحل المحيط الهادي.",
    "وذكرت وكالة رويترز نقلا عن مسؤولين في واشنطن أن وزير الخارجية الأمريكي بحث مع نظيره الصيني "
    "في بكين ملف العقوبات، فيما أكد المتحدث باسم الكرملين دميتري بيسكوف أن المحادثات مستمرة.",
    "وأعلنت وزارة الدفاع الروسية أن سيرغي شويغو زار بيونغ يانغ الأسبوع الماضي، وأن الجانبين "
    "ناقشا إجراء تدريبات مشتركة في بحر اليابان بمشاركة الصين.",
    "وفي القاهرة، استقبل الرئيس عبد الفتاح السيسي وفدا من الاتحاد الأوروبي لبحث الأوضاع في غزة "
    "والسودان، بحضور ممثلين عن الأمم المتحدة وجامعة الدول العربية.",
};
const char* const kEnglish[] = {
    "North Korean leader Kim Jong Un met Russian President Vladimir Putin in Vladivostok on "
    "Wednesday, the Kremlin said, as the United States warned against an arms deal.",
    "Reuters reported that Secretary of State Antony Blinken spoke with Chinese officials in "
    "Beijing about sanctions, while NATO ministers gathered in Brussels.",
    "The International Atomic Energy Agency said inspectors had left Tehran after talks with "
    "Iranian officials, according to a statement released in Vienna.",
};

void BM_TagArabicArticle(benchmark::State& state) {
  std::vector<std::string> docs;
  for (int i = 0; i < 64; ++i) docs.push_back(article(kArabic, 4, i, 600));
  size_t i = 0, tokens = 0;
  for (auto _ : state) {
    const auto& d = docs[i++ % docs.size()];
    benchmark::DoNotOptimize(g_tagger->tag(d, "ar"));
  }
  for (const auto& d : docs) tokens += newsd::entities::tokenise(d).size();
  state.counters["articles/s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
  state.counters["tokens/article"] = static_cast<double>(tokens) / docs.size();
}
BENCHMARK(BM_TagArabicArticle);

// The same without the Arabic second pass (tagger::options::second_pass = false).
void BM_TagArabicArticleOnePass(benchmark::State& state) {
  std::vector<std::string> docs;
  for (int i = 0; i < 64; ++i) docs.push_back(article(kArabic, 4, i, 600));
  size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(g_tagger1->tag(docs[i++ % docs.size()], "ar"));
  state.counters["articles/s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_TagArabicArticleOnePass);

void BM_TagEnglishArticle(benchmark::State& state) {
  std::vector<std::string> docs;
  for (int i = 0; i < 64; ++i) docs.push_back(article(kEnglish, 3, i, 600));
  size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(g_tagger->tag(docs[i++ % docs.size()], "en"));
  state.counters["articles/s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_TagEnglishArticle);

// Real Arabic news (the ANT corpus in ../shared, when present): unlike the synthetic articles
// above, most words are outside the training vocabulary, so this measures the per-word path
// (analysis, feature hashing, sparse lookups) at its real share. Throughput is reported per
// 600 tokens so that it compares with the target.
std::vector<std::string> ant_articles(size_t max_docs) {
  const char* env = std::getenv("NEWSD_SHARED_DIR");
  const std::string dir = env && *env ? env : std::string(NEWSD_SOURCE_DIR) + "/../shared";
  std::vector<std::string> out;
  simdjson::dom::parser parser;
  simdjson::dom::document_stream docs;
  if (parser.load_many(dir + "/data/dedup/ant-dev.jsonl").get(docs)) return out;
  for (auto doc : docs) {
    std::string_view text;
    if (doc["text"].get_string().get(text) == simdjson::SUCCESS && text.size() > 2000)
      out.emplace_back(text);
    if (out.size() >= max_docs) break;
  }
  return out;
}

void tag_news(benchmark::State& state, const newsd::entities::tagger* t) {
  // $NEWSD_BENCH_NEWS_SKIP=N: the 200 articles after the first N instead (another sample).
  static const auto docs = [] {
    const char* skip = std::getenv("NEWSD_BENCH_NEWS_SKIP");
    const size_t k = skip ? std::strtoul(skip, nullptr, 10) : 0;
    auto all = ant_articles(k + 200);
    return std::vector<std::string>(all.begin() + static_cast<long>(std::min(k, all.size())),
                                    all.end());
  }();
  if (docs.empty()) {
    state.SkipWithError("../shared/data/dedup/ant-dev.jsonl not found");
    return;
  }
  size_t i = 0, tokens = 0;
  for (auto _ : state) {
    const auto& d = docs[i++ % docs.size()];
    benchmark::DoNotOptimize(t->tag(d, "ar"));
  }
  size_t all = 0;
  for (const auto& d : docs) all += newsd::entities::tokenise(d).size();
  tokens = all / docs.size();
  state.counters["articles600/s"] = benchmark::Counter(
      static_cast<double>(state.iterations()) * static_cast<double>(tokens) / 600.0,
      benchmark::Counter::kIsRate);
  state.counters["tokens/article"] = static_cast<double>(tokens);
}
void BM_TagArabicNews(benchmark::State& state) { tag_news(state, g_tagger.get()); }
BENCHMARK(BM_TagArabicNews);
void BM_TagArabicNewsOnePass(benchmark::State& state) { tag_news(state, g_tagger1.get()); }
BENCHMARK(BM_TagArabicNewsOnePass);

// The memos of unknown words and name windows kept across texts would see only the 200
// articles above after the first lap. This one is a stream: a tagger of its own (empty
// memos) warmed on 1,000 articles, then every timed article is one it has not seen (articles
// 1,200 onwards, each once; a repetition continues where the previous one stopped).
constexpr size_t kStreamWarm = 1000, kStreamBatch = 1500;
std::shared_ptr<const newsd::entities::tagger> g_tagger_stream;
void BM_TagArabicNewsStream(benchmark::State& state) {
  static const auto docs = ant_articles(200 + kStreamWarm + 4 * kStreamBatch);
  static size_t next = 200;
  static const auto ntok = [] {
    std::vector<size_t> n;
    for (const auto& d : docs) n.push_back(newsd::entities::tokenise(d).size());
    return n;
  }();
  if (docs.size() < 200 + kStreamWarm + kStreamBatch) {
    state.SkipWithError("../shared/data/dedup/ant-dev.jsonl not found or too short");
    return;
  }
  if (next == 200)
    for (; next < 200 + kStreamWarm; ++next)
      benchmark::DoNotOptimize(g_tagger_stream->tag(docs[next], "ar"));
  size_t tokens = 0;
  for (auto _ : state) {
    if (next >= docs.size()) next = 200 + kStreamWarm;  // only after 4 repetitions
    tokens += ntok[next];
    benchmark::DoNotOptimize(g_tagger_stream->tag(docs[next++], "ar"));
  }
  state.counters["articles600/s"] =
      benchmark::Counter(static_cast<double>(tokens) / 600.0, benchmark::Counter::kIsRate);
  state.counters["tokens/article"] = static_cast<double>(tokens) / state.iterations();
}
BENCHMARK(BM_TagArabicNewsStream)->Iterations(kStreamBatch);

}  // namespace

int main(int argc, char** argv) {
  // $NEWSD_BENCH_WORD_CACHE_MB: the memo budget of every tagger here (0: memos off, each text
  // on its own as before the memos existed); default: the tagger's default.
  newsd::entities::tagger::options sopts;
  if (const char* mb = std::getenv("NEWSD_BENCH_WORD_CACHE_MB"))
    sopts.word_cache_mb = std::strtoul(mb, nullptr, 10);
  const long before = rss_kb();
  const auto t0 = std::chrono::steady_clock::now();
  // $NEWSD_MODELS_DIR (tagger search order) overrides the source tree's models/.
  const char* models_env = std::getenv("NEWSD_MODELS_DIR");
  auto t = newsd::entities::tagger::load(
      models_env && *models_env ? std::string() : std::string(NEWSD_SOURCE_DIR) + "/models", sopts);
  const double load_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (!t) {
    std::fprintf(stderr, "bench_entities: %s\n", t.err().message.c_str());
    return 1;
  }
  g_tagger = *t;
  const long after = rss_kb();
  std::printf("entities: models loaded in %.3f s; resident memory +%ld MB (total %ld MB)\n", load_s,
              (after - before) / 1024, after / 1024);
  // A second tagger without the Arabic second pass, for comparison.
  newsd::entities::tagger::options opts = sopts;
  opts.second_pass = false;
  auto t1 = newsd::entities::tagger::load(
      models_env && *models_env ? std::string() : std::string(NEWSD_SOURCE_DIR) + "/models", opts);
  if (!t1) {
    std::fprintf(stderr, "bench_entities: %s\n", t1.err().message.c_str());
    return 1;
  }
  g_tagger1 = *t1;
  auto ts = newsd::entities::tagger::load(
      models_env && *models_env ? std::string() : std::string(NEWSD_SOURCE_DIR) + "/models", sopts);
  if (!ts) {
    std::fprintf(stderr, "bench_entities: %s\n", ts.err().message.c_str());
    return 1;
  }
  g_tagger_stream = *ts;
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  // Resident memory now includes the per-thread memos (unknown words, name windows) grown
  // by the benchmarks above, and the three taggers loaded.
  std::printf("entities: resident memory after the benchmarks %ld MB (3 taggers loaded)\n",
              rss_kb() / 1024);
  return 0;
}
