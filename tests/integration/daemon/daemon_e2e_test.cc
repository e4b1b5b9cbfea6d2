// End to end: a real HTTP server on loopback serves an RSS feed, `newsd run
// --once` fetches, processes and publishes it to a Kafka-protocol broker
// (librdkafka's mock cluster), and a real consumer reads the records back.
#include <gtest/gtest.h>
#include <simdjson.h>

#include <set>

#include "daemon/publish/dev_broker.h"
#include "tests/support/test_support.h"

namespace newsd {
namespace {

using testing::consume_all;

const char* kFeed = R"(<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Test wire</title><link>http://example.test/</link>
<item><title>بوتين يستقبل كيم جونغ أون</title><link>http://example.test/a1?utm_source=rss</link>
<guid>item-1</guid><pubDate>Wed, 13 Sep 2023 10:00:00 +0300</pubDate>
<description>استقبل الرئيس الروسي فلاديمير بوتين الزعيم الكوري الشمالي كيم جونغ أون في قاعدة فوستوشني الفضائية شرق روسيا، في قمة تناولت التعاون العسكري والاقتصادي بين البلدين واستمرت أكثر من أربع ساعات.</description></item>
<item><title>Second story</title><link>http://example.test/a2</link><guid>item-2</guid>
<pubDate>Thu, 14 Sep 2023 12:15:00 GMT</pubDate>
<description>&lt;p&gt;Seoul and Tokyo voiced concern on Thursday.&lt;/p&gt;</description></item>
<item><title>Same text, other guid</title><link>http://example.test/a3</link><guid>item-3</guid>
<pubDate>Wed, 13 Sep 2023 11:00:00 +0300</pubDate>
<description>استقبل الرئيس الروسي فلاديمير بوتين الزعيم الكوري الشمالي كيم جونغ أون في قاعدة فوستوشني الفضائية شرق روسيا، في قمة تناولت التعاون العسكري والاقتصادي بين البلدين واستمرت أكثر من أربع ساعات.</description></item>
</channel></rss>)";

std::string config_for(const std::string& bootstrap, const std::string& state_dir, const std::string& feed_url) {
  return "[daemon]\nlog_level = \"debug\"\n[kafka]\nbrokers = \"" + bootstrap +
         "\"\ncompression = \"none\"\n[metrics]\nenabled = false\n[state]\ndir = \"" + state_dir +
         "\"\n[fetch]\nallow_private_addresses = true\n[extract]\nmin_summary_chars = 0\n"
         "[[feeds]]\nid = \"test-wire\"\nurl = \"" + feed_url + "\"\nlanguage = \"ar\"\n";
}

class DaemonE2E : public ::testing::Test {
 protected:
  void SetUp() override {
    auto b = publish::dev_broker::start(1);
    ASSERT_TRUE(b.ok()) << b.err().message;
    broker = std::move(*b);
    for (const char* t : {"news.articles", "news.duplicates", "news.deadletter"}) {
      ASSERT_TRUE(broker->create_topic(t, 3).ok());
    }
    server.serve("/feed.xml", kFeed, "application/rss+xml; charset=utf-8");
    cfg_path = dir.path() + "/newsd.toml";
    testing::write_file(cfg_path, config_for(broker->bootstrap(), dir.path() + "/state", server.url("/feed.xml")));
  }
  int run_once() {
    return testing::run_command(std::string(NEWSD_BINARY) + " run --once --config " + cfg_path, nullptr);
  }

  std::unique_ptr<publish::dev_broker> broker;
  testing::http_server server;
  testing::temp_dir dir;
  std::string cfg_path;
};

TEST_F(DaemonE2E, PublishesRecordsReadBackByAConsumer) {
  ASSERT_EQ(run_once(), 0);
  EXPECT_EQ(server.hits("/feed.xml"), 1);

  auto articles = consume_all(broker->bootstrap(), "news.articles", 2);
  auto dups = consume_all(broker->bootstrap(), "news.duplicates", 1);
  ASSERT_EQ(articles.size(), 2u);
  ASSERT_EQ(dups.size(), 1u);

  simdjson::dom::parser p;
  std::set<std::string> titles;
  std::string first_id;
  for (const auto& m : articles) {
    EXPECT_EQ(m.headers.at("content-type"), "application/json");
    EXPECT_EQ(m.headers.at("schema-version"), "1");
    EXPECT_EQ(m.headers.at("newsd-source"), "test-wire");
    simdjson::dom::element e;
    ASSERT_EQ(p.parse(m.value).get(e), simdjson::SUCCESS) << m.value;
    EXPECT_EQ(std::string(std::string_view(e["id"])), m.key);  // key = record id
    EXPECT_EQ(int64_t(e["schema_version"]), 1);
    EXPECT_EQ(std::string_view(e["dedup"]["status"]), "unique");
    EXPECT_EQ(std::string_view(e["feed"]["id"]), "test-wire");
    // The feed's language is a hint: the English item is detected as such.
    bool english = std::string_view(e["url"]).find("a2") != std::string_view::npos;
    EXPECT_EQ(std::string_view(e["language"]), english ? "en" : "ar") << m.value;
    EXPECT_TRUE(e["fetched_at"].is_string());
    EXPECT_TRUE(e["entities"].is_array());
    titles.insert(std::string(std::string_view(e["title"])));
    if (std::string_view(e["url"]).find("a1") != std::string_view::npos) {
      first_id = m.key;
      EXPECT_EQ(std::string_view(e["published_at"]), "2023-09-13T07:00:00Z");
    } else {
      // HTML in the description becomes plain text.
      EXPECT_EQ(std::string_view(e["text"]), "Seoul and Tokyo voiced concern on Thursday.");
    }
  }
  EXPECT_EQ(titles, (std::set<std::string>{"بوتين يستقبل كيم جونغ أون", "Second story"}));

  // The copy goes to news.duplicates, keyed by the earliest article's id.
  simdjson::dom::element d;
  ASSERT_EQ(p.parse(dups[0].value).get(d), simdjson::SUCCESS);
  EXPECT_EQ(std::string_view(d["dedup"]["status"]), "exact_duplicate");
  EXPECT_EQ(dups[0].key, first_id);
  EXPECT_EQ(std::string(std::string_view(d["dedup"]["duplicate_of"])), first_id);
  EXPECT_EQ(dups[0].headers.at("newsd-source"), "test-wire");
}

TEST_F(DaemonE2E, SeenItemsAreNotPublishedAgainAfterRestart) {
  ASSERT_EQ(run_once(), 0);
  ASSERT_EQ(run_once(), 0);
  EXPECT_EQ(server.hits("/feed.xml"), 2);
  auto articles = consume_all(broker->bootstrap(), "news.articles", 3, 8000);
  EXPECT_EQ(articles.size(), 2u);
}

TEST_F(DaemonE2E, KcatReadsTheTopic) {
  if (testing::run_command("command -v kcat >/dev/null 2>&1", nullptr) != 0) {
    GTEST_SKIP() << "kcat is not installed (scripts/install-deps.sh installs it)";
  }
  ASSERT_EQ(run_once(), 0);
  std::string out;
  ASSERT_EQ(testing::run_command("kcat -q -b " + broker->bootstrap() +
                                     " -C -t news.articles -o beginning -e -f '%k %h\\n' 2>/dev/null",
                                 &out),
            0);
  EXPECT_EQ(std::count(out.begin(), out.end(), '\n'), 2) << out;
  EXPECT_NE(out.find("newsd-source=test-wire"), std::string::npos) << out;
  EXPECT_NE(out.find("schema-version=1"), std::string::npos) << out;
}

TEST_F(DaemonE2E, UnreachableFeedDoesNotFailTheRun) {
  testing::write_file(cfg_path, config_for(broker->bootstrap(), dir.path() + "/state",
                                           server.url("/missing.xml")));
  EXPECT_EQ(run_once(), 0);
  EXPECT_EQ(server.hits("/missing.xml"), 1);
}

}  // namespace
}  // namespace newsd
