// Normalisation MB/s, the dedup stage (features + query + verification + insert)
// in articles/s for ~3 KB articles of a synthetic stream (corpus.h), and at
// 300,000 articles: memory per indexed article and save/restore time.
#include <benchmark/benchmark.h>

#include <malloc.h>
#include <time.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>

#include "bench/dedup/corpus.h"
#include "daemon/dedup/dedup.h"
#include "daemon/dedup/features.h"
#include "daemon/state/store.h"
#include "daemon/text/normalise.h"

namespace {

// ~3 KB of Arabic-script prose with tashkeel, hamza forms and punctuation (normalisation
// input; its 28-word vocabulary makes it useless for the dedup stage).
std::string article_text(uint32_t seed) {
  static const char* words[] = {
      "الرئيس", "الأمريكي", "ترامب",    "قال",  "إن",     "المحادثات", "مع",
      "كوريا",  "الشمالية", "ستُعقد",    "في",   "مايو",   "المقبل،",   "وأضاف",
      "مسؤول",  "أن",       "الاجتماع", "يهدف", "إلى",    "نزع",       "السلاح",
      "النووي", "جونغ",     "أون",      "٢٠١٨", "الدولة", "الإسلامية", "مؤتمر"};
  std::mt19937 rng(seed);
  std::string out;
  while (out.size() < 3000) {
    for (int w = 0; w < 12; ++w) {
      out += words[rng() % 28];
      // A random word of random letters keeps articles apart, as real texts are.
      static const char* letters[] = {"ب", "ت", "ج", "ح", "د", "ر", "س",
                                      "ع", "ف", "ق", "ل", "م", "ن", "ه"};
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

// Counters shared by the stage benchmarks: what the index decided, per article.
void report(benchmark::State& state, const newsd::dedup::stats& s, uint64_t n, uint64_t copies,
            uint64_t copies_found, uint64_t originals_flagged) {
  state.counters["candidates_per_article"] = static_cast<double>(s.candidates) / n;
  state.counters["verifications_per_article"] = static_cast<double>(s.verifications) / n;
  state.counters["copy_recall"] = copies ? static_cast<double>(copies_found) / copies : 0;
  state.counters["originals_flagged"] = static_cast<double>(originals_flagged) / (n - copies);
  // The second tier: candidates read back from the archive, and its bytes on disk.
  state.counters["aligned_checks_per_article"] = static_cast<double>(s.aligned_checks) / n;
  if (s.indexed) {
    state.counters["archive_disk_bytes_per_article"] =
        static_cast<double>(s.archive_bytes) / s.indexed;
  }
}

// A fresh directory for the second tier's archive files (the daemon's sits beside the
// state store): the stage is measured with its appends.
std::string archive_dir() {
  std::string d = "/tmp/bench_dedup_archive_XXXXXX";
  if (mkdtemp(d.data()) == nullptr) std::abort();
  return d;
}

const newsd::bench::corpus& stream() {
  static const newsd::bench::corpus c;
  return c;
}

constexpr int64_t kSpacingMs = 864;  // 300,000 articles in 72 hours

// The parts of the stage, on the same stream: normalisation alone, and the
// features (normalisation + shingles + MinHash + sample) without the index.
std::vector<newsd::model::article> first_articles(uint32_t n) {
  std::vector<newsd::model::article> arts(n);
  for (uint32_t i = 0; i < n; ++i) stream().make(i, kSpacingMs, arts[i]);
  return arts;
}

void BM_StreamNormalise(benchmark::State& state) {
  auto arts = first_articles(2048);
  size_t n = 0, bytes = 0;
  for (auto _ : state) {
    const auto& a = arts[n++ % arts.size()];
    benchmark::DoNotOptimize(newsd::text::normalise(a.text));
    bytes += a.text.size();
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_StreamNormalise);

// What dedup runs instead of normalise: the folded code points, no string, no offsets.
void BM_StreamCodePoints(benchmark::State& state) {
  auto arts = first_articles(2048);
  size_t n = 0, bytes = 0;
  std::vector<char32_t> cps;
  for (auto _ : state) {
    const auto& a = arts[n++ % arts.size()];
    newsd::text::normalise_code_points(a.text, cps);
    benchmark::DoNotOptimize(cps.data());
    bytes += a.text.size();
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_StreamCodePoints);

void BM_StreamFeatures(benchmark::State& state) {
  auto arts = first_articles(2048);
  size_t n = 0;
  for (auto _ : state) {
    const auto& a = arts[n++ % arts.size()];
    benchmark::DoNotOptimize(
        newsd::dedup::compute_features(a.text, [](uint32_t) { return false; }));
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}
BENCHMARK(BM_StreamFeatures);

// The dedup stage (features + query + verification + insert) over the synthetic
// stream, 20,000 articles per pass into a fresh window; texts built beforehand.
void BM_DedupStage(benchmark::State& state) {
  constexpr uint32_t kN = 20000;
  std::vector<newsd::model::article> arts(kN);
  std::vector<int64_t> copy_of(kN);
  for (uint32_t i = 0; i < kN; ++i) stream().make(i, kSpacingMs, arts[i], &copy_of[i]);
  newsd::config::dedup_section cfg;
  uint64_t copies = 0, found = 0, flagged = 0;
  newsd::dedup::stats last;
  for (auto _ : state) {
    state.PauseTiming();
    auto idx = std::make_unique<newsd::dedup::index>(cfg);
    // NEWSD_BENCH_NO_ARCHIVE=1: one tier, for paired runs.
    const bool no_archive = std::getenv("NEWSD_BENCH_NO_ARCHIVE") != nullptr;
    const std::string arc = no_archive ? std::string() : archive_dir();
    if (!no_archive && !idx->attach_archive(arc)) std::abort();
    copies = found = flagged = 0;
    state.ResumeTiming();
    for (uint32_t i = 0; i < kN; ++i) {
      auto v = idx->check_and_insert(arts[i]);
      bool dup = v.status != newsd::model::dedup_status::unique;
      copies += copy_of[i] >= 0;
      found += dup && copy_of[i] >= 0;
      flagged += dup && copy_of[i] < 0;
    }
    state.PauseTiming();
    last = idx->get_stats();
    idx.reset();
    if (!arc.empty()) std::filesystem::remove_all(arc);
    state.ResumeTiming();
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * kN);
  report(state, last, kN, copies, found, flagged);
}
BENCHMARK(BM_DedupStage)->Unit(benchmark::kMillisecond)->MinTime(3);

// The machine is shared: CPU time of this thread, not wall time, measures the stage.
double thread_cpu_s() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

size_t heap_in_use() { return mallinfo2().uordblks + mallinfo2().hblkhd; }

size_t rss_bytes() {
  long pages = 0, resident = 0;
  if (std::FILE* f = std::fopen("/proc/self/statm", "r")) {
    if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
    std::fclose(f);
  }
  return static_cast<size_t>(resident) * static_cast<size_t>(sysconf(_SC_PAGESIZE));
}

// One-shot: stream 300,000 articles (72 hours) into the window; report the stage
// speed at that size, bytes per indexed article (get_stats and, as a cross-check,
// the heap and RSS growth), then time save and restore through an on-disk state store.
void BM_Window300k(benchmark::State& state) {
  constexpr uint32_t kN = 300000;
  for (auto _ : state) {
    newsd::config::dedup_section cfg;
    const size_t heap0 = heap_in_use(), rss0 = rss_bytes();
    auto idx = std::make_unique<newsd::dedup::index>(cfg);
    // The live window's archive; the restored one gets a copy beside its store below
    // (two writers must not append to the same files).
    const std::string live_arc = archive_dir();
    if (!idx->attach_archive(live_arc)) std::abort();
    newsd::model::article a;
    int64_t copy_of = -1;
    uint64_t copies = 0, found = 0, flagged = 0;
    double stage_s = 0;
    for (uint32_t i = 0; i < kN; ++i) {
      stream().make(i, kSpacingMs, a, &copy_of);
      const double t0 = thread_cpu_s();
      auto v = idx->check_and_insert(a);
      stage_s += thread_cpu_s() - t0;
      bool dup = v.status != newsd::model::dedup_status::unique;
      copies += copy_of >= 0;
      found += dup && copy_of >= 0;
      flagged += dup && copy_of < 0;
    }
    a = newsd::model::article{};
    auto s = idx->get_stats();
    const size_t heap1 = heap_in_use(), rss1 = rss_bytes();
    report(state, s, kN, copies, found, flagged);
    state.counters["stage_articles_per_s"] = kN / stage_s;
    state.counters["indexed"] = static_cast<double>(s.indexed);
    state.counters["bytes_per_article"] = static_cast<double>(s.memory_bytes) / s.indexed;
    state.counters["heap_bytes_per_article"] = static_cast<double>(heap1 - heap0) / s.indexed;
    state.counters["rss_bytes_per_article"] = static_cast<double>(rss1 - rss0) / s.indexed;

    char dir[] = "/tmp/bench_dedup_XXXXXX";
    if (mkdtemp(dir) == nullptr) {
      state.SkipWithError("mkdtemp");
      return;
    }
    {
      auto st = newsd::state::store::open(dir);
      if (!st) {
        state.SkipWithError("state store");
        return;
      }
      auto t0 = std::chrono::steady_clock::now();
      const double c0 = thread_cpu_s();
      auto saved = idx->save(**st);
      auto t1 = std::chrono::steady_clock::now();
      state.counters["save_cpu_s"] = thread_cpu_s() - c0;
      state.counters["save_s"] = std::chrono::duration<double>(t1 - t0).count();
      if (!saved) state.SkipWithError("save failed");
      std::filesystem::copy(live_arc, std::string(dir) + "/dedup-archive");
    }
    {
      auto st = newsd::state::store::open(dir);  // a restart: a new connection
      newsd::dedup::index restored(cfg);
      auto t1 = std::chrono::steady_clock::now();
      const double c1 = thread_cpu_s();
      auto loaded = restored.load(**st);
      auto t2 = std::chrono::steady_clock::now();
      state.counters["load_cpu_s"] = thread_cpu_s() - c1;
      state.counters["load_s"] = std::chrono::duration<double>(t2 - t1).count();
      state.counters["restored"] = static_cast<double>(restored.get_stats().indexed);
      if (!loaded) state.SkipWithError("load failed");
      // The restored window must decide the next articles exactly as the live one.
      uint64_t mismatches = 0;
      for (uint32_t i = kN; i < kN + 2000; ++i) {
        stream().make(i, kSpacingMs, a, nullptr);
        auto x = idx->check_and_insert(a), y = restored.check_and_insert(a);
        mismatches += x.status != y.status || x.duplicate_of != y.duplicate_of;
      }
      state.counters["restore_mismatches"] = static_cast<double>(mismatches);
      // Seven hours later: seven buckets (~29,000 articles) leave the window, and
      // their band cells go in one sweep of the table.
      stream().make(kN + 30000, kSpacingMs, a, nullptr);
      const double c3 = thread_cpu_s();
      idx->check_and_insert(a);
      state.counters["drop_7_buckets_s"] = thread_cpu_s() - c3;
    }
    std::filesystem::remove_all(dir);
    std::filesystem::remove_all(live_arc);
  }
}
// About a minute: run with NEWSD_BENCH_300K=1.
const bool kRun300k = [] {
  if (std::getenv("NEWSD_BENCH_300K") != nullptr) {
    benchmark::RegisterBenchmark("BM_Window300k", BM_Window300k)
        ->Iterations(1)
        ->Unit(benchmark::kSecond);
  }
  return true;
}();

}  // namespace

BENCHMARK_MAIN();
