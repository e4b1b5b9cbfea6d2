// Fetch-stage figures for docs/performance.md:
//  - BM_Polling: the real fetcher (scheduler, curl multi, SQLite feed state)
//    polling feeds on a loopback civetweb server; reports requests/min and the
//    CPU time of the fetch thread (the server's threads are not counted).
//  - BM_ConfiguredFeeds: resident memory per configured feed with 100,000 feeds
//    (config entries + fetcher slots + schedule), state in SQLite on disk.
#include <benchmark/benchmark.h>
#include <civetweb.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include "common/log.h"
#include "daemon/pipeline/fetcher.h"

namespace {

using namespace newsd;

const std::string kFeed = [] {
  std::string s = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Bench</title>";
  for (int i = 0; i < 20; ++i) {
    s += "<item><title>Item " + std::to_string(i) + "</title><guid>g" + std::to_string(i) +
         "</guid><link>http://127.0.0.1/a" + std::to_string(i) + "</link><description>" +
         std::string(600, 'w') + "</description></item>";
  }
  return s + "</channel></rss>";
}();

// 304 when the client sends the ETag it was given, like most real feed servers.
int handle(mg_connection* conn, void*) {
  const char* inm = mg_get_header(conn, "If-None-Match");
  if (inm != nullptr && std::strcmp(inm, "\"v1\"") == 0) {
    mg_printf(conn, "HTTP/1.1 304 Not Modified\r\nETag: \"v1\"\r\nContent-Length: 0\r\n\r\n");
    return 304;
  }
  mg_printf(conn,
            "HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nETag: \"v1\"\r\n"
            "Content-Length: %zu\r\n\r\n",
            kFeed.size());
  mg_write(conn, kFeed.data(), kFeed.size());
  return 200;
}

struct server {
  mg_context* ctx = nullptr;
  int port = 0;
  server() {
    const char* opts[] = {
        "listening_ports",       "127.0.0.1:0", "num_threads", "32", "enable_keep_alive", "yes",
        "keep_alive_timeout_ms", "60000",       nullptr};
    mg_callbacks cb{};
    ctx = mg_start(&cb, nullptr, opts);
    mg_server_port p[2];
    mg_get_server_ports(ctx, 2, p);
    port = p[0].port;
    mg_set_request_handler(ctx, "/", &handle, nullptr);
  }
  ~server() { mg_stop(ctx); }
};

double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

std::string temp_dir() {
  std::string t = (std::filesystem::temp_directory_path() / "newsd-bench-fetch-XXXXXX").string();
  return mkdtemp(t.data());
}

// range(0) feeds, each polled every range(1) seconds, for range(2) seconds.
void BM_Polling(benchmark::State& state) {
  log::set_level(log::level::error);
  int feeds = static_cast<int>(state.range(0));
  int64_t interval_ms = state.range(1) * 1000;
  int seconds = static_cast<int>(state.range(2));
  server srv;
  for (auto _ : state) {
    std::string dir = temp_dir();
    config::config cfg;
    cfg.fetch.allow_private_addresses = true;
    cfg.fetch.min_interval_ms = 1000;
    // One loopback host stands for thousands of publishers: lift its politeness limits.
    cfg.fetch.per_host_concurrency = 0;
    cfg.fetch.per_host_requests_per_minute = 0;
    cfg.extract.enabled = false;
    for (int i = 0; i < feeds; ++i) {
      config::feed f;
      f.id = "feed-" + std::to_string(i);
      f.url = "http://127.0.0.1:" + std::to_string(srv.port) + "/f/" + std::to_string(i);
      f.interval_ms = interval_ms;
      cfg.feeds.push_back(std::move(f));
    }
    auto opened = state::store::open(dir);
    auto store = std::move(*opened);
    state::feed_state fs(*store);
    (void)fs.init();
    ops::metrics m;
    pipeline::tracker tr;
    pipeline::fetcher f(cfg, fs, m, tr, [&](pipeline::work_item&& w) {
      tr.end(pipeline::tracking_key(w.feed_id, w.item_key));
      return true;
    });
    std::atomic<bool> stop{false};
    double cpu = 0;
    auto wall0 = std::chrono::steady_clock::now();
    std::thread t([&] {
      double c0 = thread_cpu_seconds();
      f.run(stop, false);
      cpu = thread_cpu_seconds() - c0;
    });
    std::this_thread::sleep_for(std::chrono::seconds(seconds));
    stop = true;
    t.join();
    double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
    double requests =
        m.fetch("ok").Value() + m.fetch("not_modified").Value() + m.fetch("unchanged").Value();
    double errors = 0;
    for (const char* e : {"dns", "connect", "tls", "timeout", "too_large", "http_4xx", "http_5xx",
                          "redirect", "other", "parse"}) {
      if (double v = m.fetch(e).Value(); v > 0) {
        errors += v;
        state.counters[std::string("errors_") + e] = v;
      }
    }
    state.counters["requests_per_min"] = requests / wall * 60.0;
    state.counters["errors"] = errors;
    state.counters["fetch_thread_cpu_s"] = cpu;
    state.counters["cores_busy"] = cpu / wall;
    state.counters["cpu_us_per_request"] = requests > 0 ? cpu / requests * 1e6 : 0;
    std::filesystem::remove_all(dir);
  }
}
BENCHMARK(BM_Polling)
    ->Args({1000, 6, 20})
    ->Args({2000, 1, 15})
    ->Iterations(1)
    ->Unit(benchmark::kSecond)
    ->UseRealTime();

long rss_bytes() {
  std::ifstream in("/proc/self/statm");
  long pages = 0, resident = 0;
  in >> pages >> resident;
  return resident * sysconf(_SC_PAGESIZE);
}

void BM_ConfiguredFeeds(benchmark::State& state) {
  log::set_level(log::level::error);
  int n = static_cast<int>(state.range(0));
  for (auto _ : state) {
    std::string dir = temp_dir();
    long before = rss_bytes();
    {
      config::config cfg;
      cfg.feeds.reserve(static_cast<size_t>(n));
      for (int i = 0; i < n; ++i) {
        config::feed f;
        f.id = "publisher-" + std::to_string(i) + "-news";
        f.url = "https://www.publisher-" + std::to_string(i) + ".example.com/feeds/news/rss.xml";
        f.name = "Publisher " + std::to_string(i) + " News";
        f.language = "en";
        f.labels = {"news"};
        cfg.feeds.push_back(std::move(f));
      }
      auto opened = state::store::open(dir);
      auto store = std::move(*opened);
      state::feed_state fs(*store);
      (void)fs.init();
      ops::metrics m;
      pipeline::tracker tr;
      pipeline::fetcher f(cfg, fs, m, tr, [](pipeline::work_item&&) { return true; });
      f.apply_feed_changes();
      long after = rss_bytes();
      state.counters["feeds"] = static_cast<double>(f.feed_count());
      state.counters["rss_mb"] = static_cast<double>(after) / 1e6;
      state.counters["bytes_per_feed"] = static_cast<double>(after - before) / n;
    }
    std::filesystem::remove_all(dir);
  }
}
BENCHMARK(BM_ConfiguredFeeds)->Arg(100000)->Iterations(1)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
