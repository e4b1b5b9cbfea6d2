// Publishing throughput (2 KB records, outbox writes on, to librdkafka's mock
// cluster) and delivery latency at a steady 1,000 articles/s.
#include <benchmark/benchmark.h>

#include <cmath>
#include <vector>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include "common/log.h"
#include "common/time_util.h"
#include "daemon/ops/metrics.h"
#include "daemon/pipeline/publisher.h"
#include "daemon/publish/dev_broker.h"
#include "daemon/state/feed_state.h"
#include "daemon/state/outbox.h"

namespace newsd::pipeline {
namespace {

struct rig {
  std::string dir;
  std::unique_ptr<publish::dev_broker> broker;
  config::config cfg;
  std::unique_ptr<state::store> store;
  std::unique_ptr<state::feed_state> fs;
  std::unique_ptr<state::outbox> ob;
  ops::metrics metrics;
  tracker tr;
  rig() {
    log::set_level(log::level::error);
    // NEWSD_BENCH_DIR picks the state store's disk (default /tmp).
    const char* base = std::getenv("NEWSD_BENCH_DIR");
    std::string tmpl = std::string(base ? base : "/tmp") + "/newsd-bench-XXXXXX";
    dir = mkdtemp(tmpl.data());
    broker = publish::dev_broker::start(1).value();
    for (const char* t : {"news.articles", "news.duplicates", "news.deadletter"}) (void)broker->create_topic(t, 64);
    cfg.kafka.brokers = broker->bootstrap();
    cfg.kafka.compression = "none";
    store = state::store::open(dir).value();
    fs = std::make_unique<state::feed_state>(*store);
    (void)fs->init();
    ob = std::make_unique<state::outbox>(*store);
    (void)ob->init();
  }
  ~rig() {
    ob.reset();
    fs.reset();
    store.reset();
    std::filesystem::remove_all(dir);
  }
};

// ~2 KB of text-like JSON (random words from a small vocabulary), so that
// the outbox's compression sees what real records give it, not a run of 'x'.
std::string body_text(int64_t i) {
  static const char* words[] = {"the", "minister", "said", "on", "Tuesday", "that", "talks", "with",
                                "officials", "in", "the", "capital", "would", "resume", "after", "a",
                                "pause", "of", "several", "weeks", "according", "to", "statement",
                                "government", "spokesman", "military", "economic", "cooperation",
                                "between", "two", "countries", "president", "visit", "border", "agency",
                                "reported", "security", "council", "resolution", "sanctions", "vote",
                                "القمة", "الرئيس", "الروسي", "الكوري", "الشمالي", "وزير", "الدفاع"};
  std::string s;
  uint64_t x = static_cast<uint64_t>(i) * 6364136223846793005ULL + 1442695040888963407ULL;
  while (s.size() < 1900) {
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 29;
    s += words[x % (sizeof words / sizeof *words)];
    s += ' ';
  }
  return s;
}

outgoing item(int64_t i) {
  outgoing o;
  o.topic = "news.articles";
  o.key = "id-" + std::to_string(i);
  o.value = "{\"id\":\"" + o.key + "\",\"text\":\"" + body_text(i) + "\"}";
  o.item.feed_id = "bench";
  o.item.item_key = o.key;
  o.item.enqueued_ms = now_unix_ms();
  return o;
}

void BM_PublishThroughput(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  int64_t total = 0;
  for (auto _ : state) {
    rig r;
    bounded_queue<outgoing> q(4096);
    publisher pub(r.cfg, *r.ob, r.metrics, r.tr);
    (void)pub.start(r.broker->bootstrap());
    // Records are made before the clock starts: this measures publishing only.
    std::vector<outgoing> items;
    items.reserve(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) items.push_back(item(total + i));
    std::thread feeder([&] {
      // The feeder stands for the process stage, which compresses records for the outbox.
      for (auto& it : items) {
        it.packed = state::outbox::pack(it.value);
        q.push(std::move(it), std::chrono::seconds(60));
      }
      q.close();
    });
    auto t0 = std::chrono::steady_clock::now();
    bool ok = pub.run(q);
    auto secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    feeder.join();
    if (!ok || r.tr.delivered.load() != static_cast<uint64_t>(n)) state.SkipWithError("not all delivered");
    state.SetIterationTime(secs);
    total += n;
  }
  state.counters["records_per_s"] = benchmark::Counter(static_cast<double>(total), benchmark::Counter::kIsRate);
  state.SetItemsProcessed(total);
  state.SetBytesProcessed(total * 2048);
}
BENCHMARK(BM_PublishThroughput)->Arg(50000)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(1);

// p99 from the delivery-latency histogram: the upper bound of the bucket holding it.
double p99_upper_bound(const prometheus::ClientMetric::Histogram& h) {
  double target = 0.99 * static_cast<double>(h.sample_count);
  for (const auto& b : h.bucket) {
    if (static_cast<double>(b.cumulative_count) >= target) return b.upper_bound;
  }
  return INFINITY;
}

void BM_LatencyAt1000PerSecond(benchmark::State& state) {
  for (auto _ : state) {
    rig r;
    bounded_queue<outgoing> q(4096);
    publisher pub(r.cfg, *r.ob, r.metrics, r.tr);
    (void)pub.start(r.broker->bootstrap());
    std::thread runner([&] { pub.run(q); });
    // Warm-up: the idempotent producer first acquires its producer id; a
    // daemon pays that once at start, so it is kept out of the measurement.
    q.push(item(-1), std::chrono::seconds(10));
    while (r.tr.delivered.load() == 0) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    auto warm = r.metrics.delivery_latency.Collect().histogram;
    auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < 5000; ++i) {  // 5 s at 1,000 articles/s
      std::this_thread::sleep_until(start + std::chrono::microseconds(1000 * i));
      q.push(item(i), std::chrono::seconds(10));
    }
    q.close();
    runner.join();
    auto m = r.metrics.delivery_latency.Collect();
    m.histogram.sample_count -= warm.sample_count;
    m.histogram.sample_sum -= warm.sample_sum;
    for (size_t b = 0; b < m.histogram.bucket.size(); ++b) {
      m.histogram.bucket[b].cumulative_count -= warm.bucket[b].cumulative_count;
    }
    state.counters["p99_latency_ms_upper_bound"] = p99_upper_bound(m.histogram) * 1000.0;
    state.counters["mean_latency_ms"] = m.histogram.sample_sum / static_cast<double>(m.histogram.sample_count) * 1000.0;
    state.counters["delivered"] = static_cast<double>(r.tr.delivered.load() - 1);
    if (std::getenv("NEWSD_BENCH_VERBOSE")) {
      for (const auto& b : m.histogram.bucket) std::fprintf(stderr, "le %g: %llu\n", b.upper_bound, static_cast<unsigned long long>(b.cumulative_count));
    }
  }
}
BENCHMARK(BM_LatencyAt1000PerSecond)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace
}  // namespace newsd::pipeline

BENCHMARK_MAIN();
