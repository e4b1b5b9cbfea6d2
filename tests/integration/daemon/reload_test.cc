// SIGHUP: an invalid new config is rejected and the old one keeps running;
// a valid one adds feeds without a restart, and names the settings that need
// one. SIGTERM then stops it cleanly.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "daemon/publish/dev_broker.h"
#include "tests/support/test_support.h"

namespace newsd {
namespace {

using testing::wait_for;

TEST(Reload, SighupRejectsBadConfigAndAddsFeeds) {
  auto broker = publish::dev_broker::start(1).value();
  testing::http_server server;
  const char* rss =
      "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>t</title></channel></rss>";
  server.serve("/a.xml", rss, "application/rss+xml");
  server.serve("/b.xml", rss, "application/rss+xml");
  testing::temp_dir dir;
  std::string cfg = dir.path() + "/newsd.toml";
  std::string base =
      "[kafka]\nbrokers = \"" + broker->bootstrap() +
      "\"\n[metrics]\nenabled = false\n"
      "[entities]\nenabled = false\n[state]\ndir = \"" +
      dir.path() +
      "/state\"\n"
      "[fetch]\nallow_private_addresses = true\ndefault_interval = \"1s\"\nmin_interval = \"1s\"\n";
  std::string feed_a = "[[feeds]]\nid = \"a\"\nurl = \"" + server.url("/a.xml") + "\"\n";
  std::string feed_b = "[[feeds]]\nid = \"b\"\nurl = \"" + server.url("/b.xml") + "\"\n";
  testing::write_file(cfg, base + feed_a);
  std::string log = dir.path() + "/daemon.log";
  pid_t pid = fork();
  if (pid == 0) {
    int fd = open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    dup2(fd, 2);
    execl(NEWSD_BINARY, "newsd", "run", "--config", cfg.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  ASSERT_TRUE(wait_for([&] { return server.hits("/a.xml") >= 1; }, std::chrono::seconds(15)));

  testing::write_file(cfg, base + "bogus_key = 1\n" + feed_a + feed_b);
  kill(pid, SIGHUP);
  int polls = server.hits("/a.xml");
  ASSERT_TRUE(wait_for([&] { return server.hits("/a.xml") > polls + 1; }, std::chrono::seconds(15)))
      << "the old config must keep running";
  EXPECT_EQ(server.hits("/b.xml"), 0);
  int st = 0;
  EXPECT_EQ(waitpid(pid, &st, WNOHANG), 0) << "still running";
  EXPECT_NE(testing::read_file(log).find("unknown key \\\"bogus_key\\\""), std::string::npos)
      << testing::read_file(log);

  // A restart-only setting changed with the feeds: the feeds apply, the setting is named.
  testing::write_file(cfg, base + "user_agent = \"other/1\"\n" + feed_a + feed_b);
  kill(pid, SIGHUP);
  EXPECT_TRUE(wait_for([&] { return server.hits("/b.xml") >= 1; }, std::chrono::seconds(15)))
      << testing::read_file(log);
  EXPECT_TRUE(wait_for(
      [&] {
        return testing::read_file(log).find("setting=\"[fetch] user_agent\"") != std::string::npos;
      },
      std::chrono::seconds(5)))
      << testing::read_file(log);

  kill(pid, SIGTERM);
  bool exited =
      wait_for([&] { return waitpid(pid, &st, WNOHANG) == pid; }, std::chrono::seconds(25));
  if (!exited) {
    kill(pid, SIGKILL);
    waitpid(pid, &st, 0);
  }
  ASSERT_TRUE(exited);
  EXPECT_TRUE(WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

}  // namespace
}  // namespace newsd
