// Kafka unreachable (nothing listens on 127.0.0.1:1): `run --once` ends,
// non-zero, with its records kept in the outbox for the next run; SIGTERM
// ends the daemon within shutdown_timeout whatever flush_timeout says; the
// log names the brokers instead of suggesting to create topics.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <thread>

#include "daemon/publish/dev_broker.h"
#include "tests/support/test_support.h"

namespace newsd {
namespace {

const char* kFeed = R"(<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Wire</title><link>http://example.test/</link>
<item><title>One</title><link>http://example.test/1</link><guid>g1</guid>
<description>The first story: ministers met in Brussels on Monday to discuss the budget.</description></item>
<item><title>Two</title><link>http://example.test/2</link><guid>g2</guid>
<description>The second story: a storm closed roads across the north of the country.</description></item>
<item><title>Three</title><link>http://example.test/3</link><guid>g3</guid>
<description>The third story: the central bank kept its interest rate unchanged again.</description></item>
</channel></rss>)";

using testing::wait_for;

size_t count(const std::string& s, const std::string& what) {
  size_t n = 0;
  for (size_t p = s.find(what); p != std::string::npos; p = s.find(what, p + 1)) ++n;
  return n;
}

// Sum of the numbers that follow `prefix` in the log.
int sum_of(const std::string& s, const std::string& prefix) {
  int n = 0;
  for (size_t p = s.find(prefix); p != std::string::npos; p = s.find(prefix, p + 1)) {
    n += std::atoi(s.c_str() + p + prefix.size());
  }
  return n;
}

class UnreachableKafka : public ::testing::Test {
 protected:
  void SetUp() override {
    server.serve("/feed.xml", kFeed, "application/rss+xml; charset=utf-8");
    cfg = dir.path() + "/newsd.toml";
    log = dir.path() + "/newsd.log";
  }
  void write_config(const std::string& brokers, const std::string& daemon_extra,
                    const std::string& kafka_extra) {
    testing::write_file(
        cfg, "[daemon]\nlog_level = \"debug\"\n" + daemon_extra + "[kafka]\nbrokers = \"" +
                 brokers + "\"\ncompression = \"none\"\n" + kafka_extra +
                 "[metrics]\nenabled = false\n[entities]\nenabled = false\n[state]\ndir = \"" +
                 dir.path() +
                 "/state\"\n[fetch]\nallow_private_addresses = true\n"
                 "[extract]\nmin_summary_chars = 0\n[[feeds]]\nid = \"wire\"\nurl = \"" +
                 server.url("/feed.xml") + "\"\n");
  }
  // The hang guard is generous: it catches a run that never ends, not a slow one.
  int run_once() {
    return testing::run_command(
        "timeout 120 " + std::string(NEWSD_BINARY) + " run --once --config " + cfg + " 2>" + log,
        nullptr);
  }

  testing::http_server server;
  testing::temp_dir dir;
  std::string cfg, log;
};

TEST_F(UnreachableKafka, OnceExitsNonZeroAndTheNextRunDeliversTheRecords) {
  write_config("127.0.0.1:1", "shutdown_timeout = \"10s\"\n", "message_timeout = \"2s\"\n");
  int rc = run_once();
  std::string out = testing::read_file(log);
  ASSERT_EQ(rc, 1) << "1: undelivered records; 124: it never ended\n" << out;
  EXPECT_NE(out.find("undelivered=3"), std::string::npos) << out;
  // Not a missing-topic problem: the brokers are named, no create_topics hint.
  EXPECT_NE(out.find("cannot reach the Kafka brokers (127.0.0.1:1)"), std::string::npos) << out;
  EXPECT_EQ(out.find("create_topics"), std::string::npos) << out;
  // Debug lines at each step.
  EXPECT_NE(out.find("feed polled feed=wire result=ok status=200 items_new=3 items_seen=0"),
            std::string::npos)
      << out;
  EXPECT_EQ(count(out, "item processed feed=wire"), 3u) << out;
  EXPECT_NE(out.find("batch taken into the outbox records="), std::string::npos) << out;

  // Nothing was lost: with Kafka back, the next run sends the outbox's records.
  auto broker = publish::dev_broker::start(1).value();
  for (const char* t : {"news.articles", "news.duplicates", "news.deadletter"}) {
    ASSERT_TRUE(broker->create_topic(t, 1).ok());
  }
  write_config(broker->bootstrap(), "", "");
  ASSERT_EQ(run_once(), 0) << testing::read_file(log);
  out = testing::read_file(log);
  EXPECT_NE(out.find("replaying undelivered records from the outbox records=3"), std::string::npos)
      << out;
  EXPECT_EQ(count(out, "item processed"), 0u) << "fetched again instead of replayed\n" << out;
  EXPECT_EQ(testing::consume_all(broker->bootstrap(), "news.articles", 3).size(), 3u);
}

// Runs the daemon until the three records were handed to the Kafka client, then
// SIGTERM; the log's text. `exited` is false when it had to be killed.
std::string run_then_sigterm(const std::string& cfg, const std::string& log, bool& produced,
                             bool& exited, int& st) {
  pid_t pid = fork();
  if (pid == 0) {
    int fd = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(fd, 2);
    execl(NEWSD_BINARY, "newsd", "run", "--config", cfg.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  // The three records are in the outbox and handed to the Kafka client (in one batch or more).
  produced =
      wait_for([&] { return sum_of(testing::read_file(log), "batch produced records=") >= 3; },
               std::chrono::seconds(60));
  kill(pid, SIGTERM);
  exited = wait_for([&] { return waitpid(pid, &st, WNOHANG) == pid; }, std::chrono::seconds(60));
  if (!exited) {
    kill(pid, SIGKILL);
    waitpid(pid, &st, 0);
  }
  return testing::read_file(log);
}

TEST_F(UnreachableKafka, SigtermStopsWithinShutdownTimeoutNotFlushTimeout) {
  // A final flush with its own 300 s budget would outlast the hang guard below.
  write_config("127.0.0.1:1", "shutdown_timeout = \"2s\"\n",
               "message_timeout = \"300s\"\nflush_timeout = \"300s\"\n");
  bool produced = false, exited = false;
  int st = 0;
  std::string out = run_then_sigterm(cfg, log, produced, exited, st);
  ASSERT_TRUE(produced) << out;
  ASSERT_TRUE(exited) << out;
  EXPECT_TRUE(WIFEXITED(st) && WEXITSTATUS(st) == 0) << out;
  EXPECT_NE(out.find("undelivered records stay in the outbox and are sent at the next start "
                     "undelivered=3"),
            std::string::npos)
      << out;
  // "stopped" is the last line: nothing slow runs after it.
  ASSERT_GT(out.size(), 1u);
  size_t last = out.rfind('\n', out.size() - 2);
  std::string last_line = out.substr(last == std::string::npos ? 0 : last + 1);
  EXPECT_NE(last_line.find("info daemon: stopped"), std::string::npos) << out;
  EXPECT_NE(last_line.find("undelivered=3"), std::string::npos) << out;
}

TEST_F(UnreachableKafka, AFullClientQueueDoesNotHoldUpTheStop) {
  // librdkafka takes one message; the other two find its queue full until that one
  // times out (300 s). Waiting for room inside produce() would ignore the stop.
  write_config("127.0.0.1:1", "shutdown_timeout = \"2s\"\n",
               "message_timeout = \"300s\"\n[kafka.properties]\n"
               "\"queue.buffering.max.messages\" = \"1\"\n");
  bool produced = false, exited = false;
  int st = 0;
  std::string out = run_then_sigterm(cfg, log, produced, exited, st);
  ASSERT_TRUE(produced) << out;
  ASSERT_TRUE(exited) << out;
  EXPECT_TRUE(WIFEXITED(st) && WEXITSTATUS(st) == 0) << out;
  EXPECT_NE(out.find("undelivered=3"), std::string::npos) << out;
}

}  // namespace
}  // namespace newsd
