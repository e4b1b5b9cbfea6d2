// Normalisation MB/s, the dedup stage (features + query + verification + insert)
// in articles/s for ~3 KB articles, and memory per indexed article at 300,000.
#include <benchmark/benchmark.h>

#include <chrono>
#include <random>

#include "daemon/dedup/dedup.h"
#include "daemon/state/store.h"
#include "daemon/text/normalise.h"

namespace {

// ~3 KB of Arabic-script prose with tashkeel, hamza forms and punctuation.
std::string article_text(uint32_t seed) {
  static const char* words[] = {"الرئيس", "الأمريكي", "ترامب", "قال", "إن", "المحادثات", "مع",
                                "كوريا", "الشمالية", "ستُعقد", "في", "مايو", "المقبل،", "وأضاف",
                                "مسؤول", "أن", "الاجتماع", "يهدف", "إلى", "نزع", "السلاح",
                                "النووي", "جونغ", "أون", "٢٠١٨", "الدولة", "الإسلامية", "مؤتمر"};
  std::mt19937 rng(seed);
  std::string out;
  while (out.size() < 3000) {
    for (int w = 0; w < 12; ++w) {
      out += words[rng() % 28];
      // A random word of random letters keeps articles apart, as real texts are.
      static const char* letters[] = {"ب", "ت", "ج", "ح", "د", "ر", "س", "ع", "ف", "ق", "ل", "م", "ن", "ه"};
      out += " ";
      for (int k = 0; k < 5; ++k) out += letters[rng() % 14];
      out += " ";
    }
    out += ".\n";
  }
  return out;
}

void BM_Normalise(benchmark::State& state) {
  std::string text = article_text(1);
  for (auto _ : state) benchmark::DoNotOptimize(newsd::text::normalise(text));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_Normalise);

void BM_DedupStage(benchmark::State& state) {
  newsd::config::dedup_section cfg;
  newsd::dedup::index idx(cfg);
  std::vector<newsd::model::article> arts(4096);
  for (size_t i = 0; i < arts.size(); ++i) {
    arts[i].text = article_text(static_cast<uint32_t>(i + 100));
    arts[i].source = "s" + std::to_string(i % 5);
  }
  uint64_t n = 0;
  for (auto _ : state) {
    auto& a = arts[n % arts.size()];
    a.id = "id" + std::to_string(n);
    a.url = "https://x.example/" + a.id;
    a.canonical_url = a.url;
    a.published_at_ms = 1520000000000 + static_cast<int64_t>(n) * 1000;  // ~3.6k per bucket
    benchmark::DoNotOptimize(idx.check_and_insert(a));
    ++n;
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
  state.counters["indexed"] = static_cast<double>(idx.get_stats().indexed);
}
BENCHMARK(BM_DedupStage);

// One-shot: fill the window with 300,000 articles, report bytes per article,
// then time save and restore through the state store.
void BM_Window300k(benchmark::State& state) {
  for (auto _ : state) {
    newsd::config::dedup_section cfg;
    newsd::dedup::index idx(cfg);
    newsd::model::article a;
    std::vector<std::string> texts;
    for (uint32_t i = 0; i < 1000; ++i) texts.push_back(article_text(i + 7));
    for (uint32_t i = 0; i < 300000; ++i) {
      a.id = "w" + std::to_string(i);
      a.url = "https://x.example/" + a.id;
      a.canonical_url = a.url;
      a.source = "s" + std::to_string(i % 5);
      // Rotate words so the 300k texts differ while staying cheap to build.
      a.text = std::to_string(i) + texts[i % 1000].substr(i % 97) + std::to_string(i * 7);
      a.published_at_ms = 1520000000000 + static_cast<int64_t>(i) * 800;  // 300k in 67 h
      idx.check_and_insert(a);
    }
    auto s = idx.get_stats();
    state.counters["indexed"] = static_cast<double>(s.indexed);
    state.counters["bytes_per_article"] = static_cast<double>(s.memory_bytes) / s.indexed;
    auto st = newsd::state::store::open(":memory:");
    auto t0 = std::chrono::steady_clock::now();
    (void)idx.save(**st);
    auto t1 = std::chrono::steady_clock::now();
    newsd::dedup::index restored(cfg);
    (void)restored.load(**st);
    auto t2 = std::chrono::steady_clock::now();
    state.counters["save_s"] = std::chrono::duration<double>(t1 - t0).count();
    state.counters["load_s"] = std::chrono::duration<double>(t2 - t1).count();
    state.counters["restored"] = static_cast<double>(restored.get_stats().indexed);
  }
}
BENCHMARK(BM_Window300k)->Iterations(1)->Unit(benchmark::kSecond);

}  // namespace

BENCHMARK_MAIN();
