// Crash safety of the whole daemon: kill -9 at random moments while it
// ingests feeds from a loopback HTTP server, then a clean run; every source
// item must be in Kafka at least once, with under 1% duplicates. And SIGTERM
// under load: a clean exit within the shutdown timeout, nothing lost.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <simdjson.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <map>
#include <random>
#include <set>
#include <thread>

#include "common/time_util.h"
#include "daemon/publish/dev_broker.h"
#include "tests/support/test_support.h"

namespace newsd {
namespace {

pid_t spawn_daemon(const std::string& cfg, const std::string& log) {
  pid_t pid = fork();
  if (pid == 0) {
    int fd = open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    dup2(fd, 2);
    dup2(fd, 1);
    execl(NEWSD_BINARY, "newsd", "run", "--config", cfg.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  return pid;
}

// Waits for pid up to timeout; returns the exit status, or -1 on timeout (then kills it).
int wait_exit(pid_t pid, std::chrono::milliseconds timeout) {
  auto end = std::chrono::steady_clock::now() + timeout;
  int st = 0;
  while (std::chrono::steady_clock::now() < end) {
    if (waitpid(pid, &st, WNOHANG) == pid) return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  kill(pid, SIGKILL);
  waitpid(pid, &st, 0);
  return -1;
}

std::string item_xml(int feed, int i) {
  std::string url = "http://example.test/f" + std::to_string(feed) + "/a" + std::to_string(i);
  return "<item><title>Feed " + std::to_string(feed) + " story " + std::to_string(i) + "</title><link>" + url +
         "</link><guid>" + url + "</guid><description>Story number " + std::to_string(i) + " of feed " +
         std::to_string(feed) + ": the ministry said talks on the " + std::to_string(i * 7919 % 1000) +
         "th round of negotiations would continue, officials in city " + std::to_string(feed * 131 + i) +
         " told reporters on condition of anonymity.</description></item>";
}

struct fixture {
  std::unique_ptr<publish::dev_broker> broker;
  testing::http_server server;
  testing::temp_dir dir;
  std::string cfg;
  int feeds, items;

  fixture(int feeds_, int items_, std::function<int(int)> visible, const std::string& extra = "")
      : feeds(feeds_), items(items_) {
    broker = publish::dev_broker::start(1).value();
    for (const char* t : {"news.articles", "news.duplicates", "news.deadletter"}) {
      EXPECT_TRUE(broker->create_topic(t, 32).ok());
    }
    std::string toml = "[daemon]\nshutdown_timeout = \"3s\"\n" + extra + "[kafka]\nbrokers = \"" +
                       broker->bootstrap() +
                       "\"\ncompression = \"none\"\n[metrics]\nenabled = false\n[state]\ndir = \"" + dir.path() +
                       "/state\"\n[entities]\nenabled = false\n[fetch]\nallow_private_addresses = true\ndefault_interval = \"1s\"\n"
                       "min_interval = \"1s\"\n[extract]\nmin_summary_chars = 0\n";
    for (int f = 0; f < feeds; ++f) {
      std::string path = "/feed" + std::to_string(f) + ".xml";
      server.route(path, [f, this, visible](const testing::http_request&) {
        testing::http_response r;
        r.headers.emplace_back("Content-Type", "application/rss+xml");
        r.body = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>f</title>";
        int n = std::min(items, visible(f));
        for (int i = n - 1; i >= 0; --i) r.body += item_xml(f, i);
        r.body += "</channel></rss>";
        return r;
      });
      toml += "[[feeds]]\nid = \"f" + std::to_string(f) + "\"\nurl = \"" + server.url(path) + "\"\n";
    }
    cfg = dir.path() + "/newsd.toml";
    testing::write_file(cfg, toml);
  }

  // URL -> how many records carry it, over both record topics.
  std::map<std::string, int> published() {
    std::map<std::string, int> urls;
    simdjson::dom::parser p;
    for (const char* t : {"news.articles", "news.duplicates"}) {
      for (const auto& m : testing::consume_all(broker->bootstrap(), t, 1000000, 6000)) {
        simdjson::dom::element e;
        if (p.parse(m.value).get(e) == simdjson::SUCCESS) urls[std::string(std::string_view(e["url"]))]++;
      }
    }
    return urls;
  }
};

TEST(CrashSafety, KillNineTwentyTimesLosesNothing) {
  auto start = now_unix_ms();
  // Items appear over time, so that kills land while new items are in flight.
  fixture fx(8, 60, [start](int) { return static_cast<int>((now_unix_ms() - start) / 120); });
  std::mt19937 rng(20231113);
  std::string log = fx.dir.path() + "/daemon.log";
  for (int k = 0; k < 20; ++k) {
    pid_t pid = spawn_daemon(fx.cfg, log);
    std::this_thread::sleep_for(std::chrono::milliseconds(250 + rng() % 900));
    kill(pid, SIGKILL);
    int st;
    waitpid(pid, &st, 0);
  }
  while (now_unix_ms() - start < 60 * 120) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  std::string out;
  ASSERT_EQ(testing::run_command(std::string(NEWSD_BINARY) + " run --once --config " + fx.cfg + " 2>>" + log, &out), 0);
  auto urls = fx.published();
  int missing = 0, dups = 0, total = 0;
  for (int f = 0; f < fx.feeds; ++f) {
    for (int i = 0; i < fx.items; ++i) {
      auto it = urls.find("http://example.test/f" + std::to_string(f) + "/a" + std::to_string(i));
      if (it == urls.end()) ++missing;
      else dups += it->second - 1;
    }
  }
  for (auto& [u, n] : urls) total += n;
  EXPECT_EQ(missing, 0);
  std::printf("crash test: %d records for %d items, %d duplicates (%.2f%%)\n", total, fx.feeds * fx.items, dups,
              100.0 * dups / std::max(1, total));
  EXPECT_LT(dups, total / 100 + 1) << "duplicates must stay under 1%";
}

TEST(CrashSafety, SigtermUnderLoadExitsInTimeAndLosesNothing) {
  fixture fx(10, 200, [](int) { return 200; });
  std::string log = fx.dir.path() + "/daemon.log";
  pid_t pid = spawn_daemon(fx.cfg, log);
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  kill(pid, SIGTERM);
  // shutdown_timeout is 3 s; allow start-up slack but not systemd's 30 s.
  int rc = wait_exit(pid, std::chrono::seconds(10));
  EXPECT_EQ(rc, 0) << testing::read_file(log);
  ASSERT_EQ(testing::run_command(std::string(NEWSD_BINARY) + " run --once --config " + fx.cfg + " 2>>" + log, nullptr), 0);
  auto urls = fx.published();
  int missing = 0;
  for (int f = 0; f < fx.feeds; ++f)
    for (int i = 0; i < fx.items; ++i)
      if (!urls.count("http://example.test/f" + std::to_string(f) + "/a" + std::to_string(i))) ++missing;
  EXPECT_EQ(missing, 0);
}

}  // namespace
}  // namespace newsd
