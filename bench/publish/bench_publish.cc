// Publishing throughput (2 KB records, outbox writes on, to librdkafka's mock
// cluster) and delivery latency at a steady 1,000 articles/s.
#include <benchmark/benchmark.h>

#include <pthread.h>
#include <atomic>
#include <cmath>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <thread>
#include <vector>

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
    // NEWSD_BENCH_PARTITIONS: partitions per topic (default 64), for tuning runs.
    const char* parts = std::getenv("NEWSD_BENCH_PARTITIONS");
    for (const char* t : {"news.articles", "news.duplicates", "news.deadletter"})
      (void)broker->create_topic(t, parts ? std::atoi(parts) : 64);
    cfg.kafka.brokers = broker->bootstrap();
    cfg.kafka.compression = "none";
    // For tuning runs: extra librdkafka properties, "name=value,name=value".
    if (const char* props = std::getenv("NEWSD_BENCH_KAFKA")) {
      std::string all = props;
      for (size_t i = 0; i < all.size();) {
        size_t end = all.find(',', i);
        if (end == std::string::npos) end = all.size();
        std::string kv = all.substr(i, end - i);
        if (size_t eq = kv.find('='); eq != std::string::npos)
          cfg.kafka.properties[kv.substr(0, eq)] = kv.substr(eq + 1);
        i = end + 1;
      }
    }
    store = state::store::open(dir).value();
    fs = std::make_unique<state::feed_state>(*store);
    (void)fs->init();
    ob = std::make_unique<state::outbox>(*store);
    (void)ob->init();
    // For tuning runs: extra SQL (pragmas) applied to the store after it opened.
    if (const char* sql = std::getenv("NEWSD_BENCH_SQL")) (void)store->exec(sql);
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
  static const char* words[] = {
      "the",      "minister",  "said",       "on",         "Tuesday",   "that",     "talks",
      "with",     "officials", "in",         "the",        "capital",   "would",    "resume",
      "after",    "a",         "pause",      "of",         "several",   "weeks",    "according",
      "to",       "statement", "government", "spokesman",  "military",  "economic", "cooperation",
      "between",  "two",       "countries",  "president",  "visit",     "border",   "agency",
      "reported", "security",  "council",    "resolution", "sanctions", "vote",     "القمة",
      "الرئيس",   "الروسي",    "الكوري",     "الشمالي",    "وزير",      "الدفاع"};
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

double cpu_seconds(clockid_t clock) {
  timespec ts{};
  clock_gettime(clock, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// CPU of librdkafka's threads, from /proc: the client's (rdk:main, rdk:broker*)
// count as newsd's work; the mock cluster's (rdk:mock) stands for Kafka.
struct kafka_cpu {
  double client = 0, mock = 0;
};
kafka_cpu kafka_threads_cpu() {
  kafka_cpu c;
  for (const auto& e : std::filesystem::directory_iterator("/proc/self/task")) {
    std::ifstream comm(e.path() / "comm"), sched(e.path() / "schedstat");
    std::string name;
    double ns = 0;
    if (!std::getline(comm, name) || !(sched >> ns) || name.rfind("rdk:", 0) != 0) continue;
    (name.rfind("rdk:mock", 0) == 0 ? c.mock : c.client) += ns * 1e-9;
  }
  return c;
}

// Per thread: CPU time and time spent runnable but waiting for a core (from
// schedstat), to tell a thread that sleeps on a hand-off from one the machine starves.
struct thread_sched {
  std::string name;
  double cpu = 0, runq = 0;
};
std::map<std::string, thread_sched> threads_sched() {
  std::map<std::string, thread_sched> out;
  for (const auto& e : std::filesystem::directory_iterator("/proc/self/task")) {
    std::ifstream comm(e.path() / "comm"), sched(e.path() / "schedstat");
    thread_sched t;
    double cpu = 0, runq = 0;
    if (!std::getline(comm, t.name) || !(sched >> cpu >> runq)) continue;
    t.cpu = cpu * 1e-9;
    t.runq = runq * 1e-9;
    out[e.path().filename().string()] = t;
  }
  return out;
}

void print_sched_diff(const std::map<std::string, thread_sched>& a,
                      const std::map<std::string, thread_sched>& b, double wall) {
  std::fprintf(stderr, "%-8s %-16s %8s %8s %8s\n", "tid", "thread", "cpu_s", "runq_s", "other_s");
  for (const auto& [tid, t] : b) {
    auto it = a.find(tid);
    double cpu = t.cpu - (it == a.end() ? 0 : it->second.cpu);
    double runq = t.runq - (it == a.end() ? 0 : it->second.runq);
    if (cpu < 0.005) continue;
    std::fprintf(stderr, "%-8s %-16s %8.3f %8.3f %8.3f\n", tid.c_str(), t.name.c_str(), cpu, runq,
                 wall - cpu - runq);
  }
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

// CPU is reported next to the wall rate: the machine has two cores shared by
// the publisher, the stand-in process stage (compression), librdkafka's
// threads and the in-process mock cluster, so the wall rate alone says little.
// newsd_us_per_rec is newsd's CPU per record (everything but the mock
// cluster): under 20 us is 50,000 records/s from one core.
void BM_PublishThroughput(benchmark::State& state) {
  // NEWSD_BENCH_RECORDS overrides the count (short runs under callgrind).
  const char* records = std::getenv("NEWSD_BENCH_RECORDS");
  const int n = records ? std::atoi(records) : static_cast<int>(state.range(0));
  const bool prepacked = state.range(1) != 0;
  int64_t total = 0;
  double writer_cpu = 0;
  double push_wait = 0, feed_wall = 0;
  double wall = 0, pub_cpu = 0, proc_cpu = 0, feed_cpu = 0, txns = 0, client_cpu = 0, mock_cpu = 0;
  for (auto _ : state) {
    rig r;
    bounded_queue<outgoing> q(4096);
    publisher pub(r.cfg, *r.ob, r.metrics, r.tr);
    (void)pub.start(r.broker->bootstrap());
    // The daemon checks its topics at start (daemon.cc) and its idempotent
    // producer has its producer id long before a burst: both happen before the
    // clock, as in the latency bench. Measured cold (NEWSD_BENCH_COLD=1), the
    // first ~0.5 s of a 1 s run went to the producer id and topic metadata,
    // while 64 MB of records queued in librdkafka and input stalled.
    if (!std::getenv("NEWSD_BENCH_COLD")) {
      (void)pub.producer()->check_topics({"news.articles"}, 5000);
      // Token 0 is no outbox seq: the publisher ignores its report.
      (void)pub.producer()->produce(publish::message{"news.articles", "warm-up", "{}", "bench", 0});
      (void)pub.producer()->flush(5000);
    }
    // Records are made before the clock starts: this measures publishing only.
    std::vector<outgoing> items;
    items.reserve(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) items.push_back(item(total + i));
    if (prepacked) {
      for (auto& it : items) it.packed = state::outbox::pack(it.value);
    }
    double feeder_cpu = 0, feeder_wall = 0;
    std::thread feeder([&] {
      pthread_setname_np(pthread_self(), "feeder");
      double c0 = cpu_seconds(CLOCK_THREAD_CPUTIME_ID);
      auto f0 = std::chrono::steady_clock::now();
      // The feeder stands for the process stage, which compresses records for the outbox.
      for (auto& it : items) {
        if (!prepacked) it.packed = state::outbox::pack(it.value);
        auto b0 = std::chrono::steady_clock::now();
        q.push(std::move(it), std::chrono::seconds(60));
        push_wait += std::chrono::duration<double>(std::chrono::steady_clock::now() - b0).count();
      }
      q.close();
      feeder_wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - f0).count();
      feeder_cpu = cpu_seconds(CLOCK_THREAD_CPUTIME_ID) - c0;
    });
    double p0 = cpu_seconds(CLOCK_PROCESS_CPUTIME_ID), t0c = cpu_seconds(CLOCK_THREAD_CPUTIME_ID);
    double w0 = pub.worker_cpu_seconds();
    kafka_cpu k0 = kafka_threads_cpu();
    const bool verbose = std::getenv("NEWSD_BENCH_VERBOSE") != nullptr;
    auto s0 = verbose ? threads_sched() : std::map<std::string, thread_sched>{};
    // Threads that end before run() returns (feeder, outbox writer) are sampled while alive.
    std::atomic<bool> sampling{verbose};
    auto s1 = s0;
    std::thread sampler([&] {
      while (sampling.load()) {
        for (auto& [tid, t] : threads_sched()) s1[tid] = t;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
    });
    auto t0 = std::chrono::steady_clock::now();
    bool ok = pub.run(q);
    auto secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    sampling = false;
    sampler.join();
    if (verbose) {
      for (auto& [tid, t] : threads_sched()) s1[tid] = t;
      print_sched_diff(s0, s1, secs);
    }
    pub_cpu += cpu_seconds(CLOCK_THREAD_CPUTIME_ID) - t0c + pub.worker_cpu_seconds() - w0;
    writer_cpu += pub.worker_cpu_seconds() - w0;
    proc_cpu += cpu_seconds(CLOCK_PROCESS_CPUTIME_ID) - p0;
    kafka_cpu k1 = kafka_threads_cpu();
    client_cpu += k1.client - k0.client;
    mock_cpu += k1.mock - k0.mock;
    feeder.join();
    feed_cpu += feeder_cpu;
    feed_wall += feeder_wall;
    txns += static_cast<double>(pub.outbox_transactions());
    wall += secs;
    if (!ok || r.tr.delivered.load() != static_cast<uint64_t>(n))
      state.SkipWithError("not all delivered");
    state.SetIterationTime(secs);
    total += n;
  }
  state.counters["records_per_s"] =
      benchmark::Counter(static_cast<double>(total), benchmark::Counter::kIsRate);
  // The publish stage (publisher + outbox writer threads).
  state.counters["stage_cpu_s"] = pub_cpu;
  state.counters["stage_us_per_rec"] = pub_cpu / static_cast<double>(total) * 1e6;
  state.counters["writer_us_per_rec"] =
      writer_cpu / static_cast<double>(total) * 1e6;  // of which the outbox writer
  // All of newsd's work for a record: the stage, the compression for the outbox
  // (done by the stage before it) and librdkafka's client threads.
  double newsd = pub_cpu + feed_cpu + client_cpu;
  state.counters["newsd_cpu_s"] = newsd;
  state.counters["newsd_us_per_rec"] = newsd / static_cast<double>(total) * 1e6;
  state.counters["newsd_cores"] = newsd / wall;
  state.counters["compress_cpu_s"] = feed_cpu;
  // Wall time of the feeder, and the part of it spent blocked on a full input queue.
  state.counters["feeder_wall_s"] = feed_wall;
  state.counters["feeder_push_wait_s"] = push_wait;
  state.counters["rdkafka_client_cpu_s"] = client_cpu;
  state.counters["mock_cluster_cpu_s"] = mock_cpu;
  state.counters["process_cpu_s"] = proc_cpu;
  state.counters["rows_per_txn"] = txns > 0 ? static_cast<double>(total) / txns : 0;
  state.SetItemsProcessed(total);
  state.SetBytesProcessed(total * 2048);
}
// Args: records, and 1 to compress before the clock starts (the publish stage alone).
BENCHMARK(BM_PublishThroughput)
    ->Args({50000, 0})
    ->Args({50000, 1})
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);

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
    state.counters["mean_latency_ms"] =
        m.histogram.sample_sum / static_cast<double>(m.histogram.sample_count) * 1000.0;
    state.counters["delivered"] = static_cast<double>(r.tr.delivered.load() - 1);
    if (std::getenv("NEWSD_BENCH_VERBOSE")) {
      for (const auto& b : m.histogram.bucket)
        std::fprintf(stderr, "le %g: %llu\n", b.upper_bound,
                     static_cast<unsigned long long>(b.cumulative_count));
    }
  }
}
BENCHMARK(BM_LatencyAt1000PerSecond)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace
}  // namespace newsd::pipeline

BENCHMARK_MAIN();
