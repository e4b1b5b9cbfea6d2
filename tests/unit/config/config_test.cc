#include "daemon/config/config.h"

#include <gtest/gtest.h>

#include "tests/support/test_support.h"

namespace newsd::config {
namespace {

TEST(Config, DefaultsWhenEmpty) {
  auto r = load_string("", "empty.toml");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.cfg.kafka.topics.articles, "news.articles");
  EXPECT_EQ(r.cfg.kafka.topics.duplicates, "news.duplicates");
  EXPECT_EQ(r.cfg.kafka.topics.deadletter, "news.deadletter");
  EXPECT_EQ(r.cfg.metrics.listen, "127.0.0.1:9464");
  EXPECT_EQ(r.cfg.kafka.compression, "zstd");
  EXPECT_TRUE(r.cfg.feeds.empty());
}

TEST(Config, ReadsEverySection) {
  auto r = load_string(R"(
[daemon]
log_level = "debug"
log_format = "json"
shutdown_timeout = "5s"
[fetch]
user_agent = "test/1"
default_interval = "2m"
[kafka]
brokers = "k1:9092,k2:9092"
compression = "lz4"
[kafka.topics]
articles = "a"
[kafka.properties]
"security.protocol" = "SASL_SSL"
"socket.keepalive.enable" = true
[metrics]
listen = "0.0.0.0:9999"
[state]
dir = "/var/tmp/x"
[dedup]
window_hours = 24
threshold = 0.6
[[feeds]]
id = "f1"
url = "https://example.com/rss"
labels = ["world", "ar"]
interval = "90s"
full_text = true
[[feeds]]
url = "https://example.org/atom"
)",
                       "good.toml");
  ASSERT_TRUE(r.ok()) << r.errors[0];
  EXPECT_EQ(r.cfg.daemon.log_level, "debug");
  EXPECT_EQ(r.cfg.daemon.shutdown_timeout_ms, 5000);
  EXPECT_EQ(r.cfg.fetch.default_interval_ms, 120000);
  EXPECT_EQ(r.cfg.kafka.brokers, "k1:9092,k2:9092");
  EXPECT_EQ(r.cfg.kafka.topics.articles, "a");
  EXPECT_EQ(r.cfg.kafka.topics.duplicates, "news.duplicates");
  EXPECT_EQ(r.cfg.kafka.properties.at("security.protocol"), "SASL_SSL");
  EXPECT_EQ(r.cfg.kafka.properties.at("socket.keepalive.enable"), "true");
  EXPECT_EQ(r.cfg.dedup.window_hours, 24);
  EXPECT_DOUBLE_EQ(r.cfg.dedup.threshold, 0.6);
  ASSERT_EQ(r.cfg.feeds.size(), 2u);
  EXPECT_EQ(r.cfg.feeds[0].labels, (std::vector<std::string>{"world", "ar"}));
  EXPECT_EQ(r.cfg.feeds[0].interval_ms, 90000);
  EXPECT_TRUE(r.cfg.feeds[0].full_text);
  EXPECT_EQ(r.cfg.feeds[1].id, "https://example.org/atom");  // defaults to the URL
}

TEST(Config, UnknownKeysAreErrorsWithLine) {
  auto r = load_string(
      "[daemon]\nlog_level = \"info\"\nlog_levle = \"debug\"\n\n[kafka]\nbrokerz = \"x\"\n",
      "typo.toml");
  ASSERT_EQ(r.errors.size(), 2u);
  EXPECT_EQ(r.errors[0], "typo.toml:3: unknown key \"log_levle\" in [daemon]");
  EXPECT_EQ(r.errors[1], "typo.toml:6: unknown key \"brokerz\" in [kafka]");
}

TEST(Config, UnknownSectionAndFeedKey) {
  auto r = load_string(
      "[kafak]\nbrokers = \"x\"\n[[feeds]]\nurl = \"http://a/\"\nfull_txt = true\n", "f.toml");
  ASSERT_EQ(r.errors.size(), 2u);
  // Sorted by line, whatever order the sections were checked in.
  EXPECT_EQ(r.errors[0], "f.toml:1: unknown key \"kafak\" in the top level");
  EXPECT_EQ(r.errors[1], "f.toml:5: unknown key \"full_txt\" in [feeds[0]]");
}

TEST(Config, WrongTypesAndValues) {
  auto r = load_string(
      "[daemon]\nworkers = \"four\"\nlog_level = \"loud\"\n[fetch]\ntimeout = \"10 parsecs\"\n"
      "[kafka]\ncompression = \"brotli\"\n",
      "bad.toml");
  ASSERT_EQ(r.errors.size(), 4u);
  EXPECT_EQ(r.errors[0], "bad.toml:2: daemon.workers must be an integer");
  EXPECT_EQ(r.errors[1],
            "bad.toml:3: daemon.log_level must be one of debug, info, warn, error; got \"loud\"");
  EXPECT_EQ(r.errors[2],
            "bad.toml:5: fetch.timeout: invalid duration \"10 parsecs\" (use e.g. \"500ms\", "
            "\"30s\", \"10m\", \"1h\")");
  EXPECT_EQ(
      r.errors[3],
      "bad.toml:7: kafka.compression must be one of none, gzip, snappy, lz4, zstd; got \"brotli\"");
}

TEST(Config, FeedNeedsAbsoluteUniqueUrl) {
  auto r = load_string(
      "[[feeds]]\nid = \"a\"\nurl = \"example.com/rss\"\n[[feeds]]\nid = \"a\"\nurl = "
      "\"http://x/\"\n"
      "[[feeds]]\nname = \"no url\"\n",
      "feeds.toml");
  ASSERT_EQ(r.errors.size(), 3u);
  EXPECT_EQ(r.errors[0], "feeds.toml:1: feeds.url \"example.com/rss\" is not an absolute URL");
  EXPECT_EQ(r.errors[1], "feeds.toml:4: duplicate feed id \"a\"");
  EXPECT_EQ(r.errors[2], "feeds.toml:7: feeds[2].url is required");
}

TEST(Config, OwnedKafkaPropertiesRejected) {
  auto r = load_string("[kafka.properties]\n\"enable.idempotence\" = \"false\"\n", "k.toml");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0],
            "k.toml:2: kafka.properties.\"enable.idempotence\" is set by newsd itself (use the "
            "[kafka] keys instead)");
}

TEST(Config, SyntaxErrorHasLine) {
  auto r = load_string("[daemon]\nlog_level = \n", "syntax.toml");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_TRUE(r.errors[0].rfind("syntax.toml:2: ", 0) == 0) << r.errors[0];
}

TEST(Config, MissingFile) {
  auto r = load_file("/nonexistent/newsd.toml");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_TRUE(r.cannot_open);
  EXPECT_EQ(r.errors[0], "cannot open config /nonexistent/newsd.toml: No such file or directory");
}

TEST(Config, EmbeddedDevConfigIsValid) {
  auto r = load_string(embedded_dev_config(), "dev");
  ASSERT_TRUE(r.ok()) << r.errors[0];
  EXPECT_EQ(r.cfg.kafka.brokers, "embedded");
  EXPECT_GE(r.cfg.feeds.size(), 4u);
}

TEST(Config, ShippedConfigsAreValid) {
  for (const char* f : {"/deploy/config/newsd.dev.toml", "/deploy/config/newsd.toml"}) {
    auto r = load_file(std::string(NEWSD_SOURCE_DIR) + f);
    EXPECT_TRUE(r.ok()) << f << ": " << (r.errors.empty() ? "" : r.errors[0]);
  }
}

TEST(Config, ListenAddressesAreCheckedAtLoad) {
  for (const char* bad : {"not-an-address", "127.0.0.1:99999", "127.0.0.1:0", ":9464",
                          "127.0.0.1:", "300.1.2.3:80", "[::1:80", "[zz::1]:80", "host name:80"}) {
    auto r = load_string(std::string("[dev]\n[metrics]\nlisten = \"") + bad + "\"\n", "l.toml");
    ASSERT_EQ(r.errors.size(), 1u) << bad;
    EXPECT_EQ(r.errors[0].rfind("l.toml:3: metrics.listen: ", 0), 0u) << r.errors[0];
  }
  for (const char* good : {"127.0.0.1:9464", "0.0.0.0:1", "[::1]:65535", "localhost:9464"}) {
    auto r = load_string(std::string("[metrics]\nlisten = \"") + good + "\"\n", "l.toml");
    EXPECT_TRUE(r.ok()) << good << ": " << r.errors[0];
  }
  auto r = load_string("[dev]\nsample_server = \"127.0.0.1:70000\"\n", "d.toml");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0], "d.toml:2: dev.sample_server: port 70000 is not between 1 and 65535");
}

TEST(Config, FeedUrlsMustBeHttp) {
  auto r = load_string(
      "[[feeds]]\nurl = \"ftp://example.com/rss\"\n[[feeds]]\nurl = \"file:///etc/passwd\"\n"
      "[[feeds]]\nurl = \"https://\"\n[[feeds]]\nurl = \"HTTPS://example.com/a\"\n"
      "[[feeds]]\nurl = \"http://user@[::1]:8080/feed\"\n",
      "s.toml");
  ASSERT_EQ(r.errors.size(), 3u) << r.errors[0];
  EXPECT_EQ(
      r.errors[0],
      "s.toml:1: feeds.url \"ftp://example.com/rss\" has the scheme \"ftp\"; only http and https "
      "feeds can be fetched");
  EXPECT_EQ(
      r.errors[1].rfind("s.toml:3: feeds.url \"file:///etc/passwd\" has the scheme \"file\"", 0),
      0u);
  EXPECT_EQ(r.errors[2], "s.toml:5: feeds.url \"https://\" has no host");
}

TEST(Config, RestartOnlyChangesAreNamed) {
  auto a = load_string(
      "[entities]\nmax_tag_chars = 5000\n[[feeds]]\nurl = \"http://a.example/rss\"\n", "a.toml");
  ASSERT_TRUE(a.ok());
  // Feeds, log level and entity settings apply on SIGHUP: nothing to name.
  auto b = load_string(
      "[daemon]\nlog_level = \"debug\"\n[entities]\nmax_tag_chars = 9000\nsecond_pass = false\n"
      "[[feeds]]\nurl = \"http://b.example/rss\"\n",
      "b.toml");
  ASSERT_TRUE(b.ok());
  EXPECT_TRUE(restart_only_changes(a.cfg, b.cfg).empty());
  auto c = load_string(
      "[kafka]\nbrokers = \"k1:9092\"\n[kafka.topics]\narticles = \"x\"\n[dedup]\nwindow_hours = "
      "24\n"
      "[entities]\nenabled = false\nmax_tag_chars = 5000\n",
      "c.toml");
  ASSERT_TRUE(c.ok()) << c.errors[0];
  EXPECT_EQ(restart_only_changes(a.cfg, c.cfg),
            (std::vector<std::string>{"[kafka] brokers", "[kafka] topics", "[dedup] window_hours",
                                      "[entities] enabled"}));
}

// A typo in the port is caught by check-config, not by the first fetch an hour later.
TEST(Config, FeedUrlPortsAreChecked) {
  auto r = load_string(
      "[[feeds]]\nurl = \"http://example.com:80a/rss\"\n[[feeds]]\nurl = "
      "\"http://example.com:70000/\"\n"
      "[[feeds]]\nurl = \"http://[::1/feed\"\n[[feeds]]\nurl = \"http://[::1]x/feed\"\n"
      "[[feeds]]\nurl = \"http://example.com:/rss\"\n[[feeds]]\nurl = "
      "\"https://u:p@example.com:8443?q\"\n",
      "p.toml");
  ASSERT_EQ(r.errors.size(), 4u) << r.errors[0];
  EXPECT_EQ(
      r.errors[0],
      "p.toml:1: feeds.url \"http://example.com:80a/rss\" has a bad port (invalid port \"80a\")");
  EXPECT_EQ(r.errors[1],
            "p.toml:3: feeds.url \"http://example.com:70000/\" has a bad port (port 70000 is not "
            "between 1 "
            "and 65535)");
  EXPECT_EQ(r.errors[2], "p.toml:5: feeds.url \"http://[::1/feed\" has an unclosed IPv6 address");
  EXPECT_EQ(r.errors[3],
            "p.toml:7: feeds.url \"http://[::1]x/feed\" has text after the host \"[::1]\"");
}

TEST(Config, FeedsFileUrlsMustBeHttp) {
  testing::temp_dir dir;
  testing::write_file(dir.path() + "/more.toml", "[[feeds]]\nurl = \"file:///etc/passwd\"\n");
  testing::write_file(dir.path() + "/c.toml", "[fetch]\nfeeds_file = \"more.toml\"\n");
  auto r = load_file(dir.path() + "/c.toml");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_NE(r.errors[0].find("more.toml:1: feeds.url \"file:///etc/passwd\" has the scheme"),
            std::string::npos)
      << r.errors[0];
}

TEST(Config, EntitiesLineIsKept) {
  auto r = load_string("[entities]\nsecond_pass = false\nmodels_dir = \"/x\"\n", "e.toml");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.cfg.entities.line, 3);
}

TEST(Config, Durations) {
  int64_t ms = 0;
  EXPECT_TRUE(parse_duration_ms("250ms", ms));
  EXPECT_EQ(ms, 250);
  EXPECT_TRUE(parse_duration_ms("2h", ms));
  EXPECT_EQ(ms, 7200000);
  EXPECT_TRUE(parse_duration_ms("15", ms));
  EXPECT_EQ(ms, 15000);
  EXPECT_FALSE(parse_duration_ms("1.5s", ms));
  EXPECT_FALSE(parse_duration_ms("s", ms));
  EXPECT_FALSE(parse_duration_ms("3 weeks", ms));
}

}  // namespace
}  // namespace newsd::config
