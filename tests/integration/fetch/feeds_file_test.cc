// [fetch] feeds_file: TOML [[feeds]] or OPML, merged with the config's feeds,
// and read again by every load (what SIGHUP does).
#include <gtest/gtest.h>

#include "daemon/config/config.h"
#include "tests/support/test_support.h"

namespace newsd::config {
namespace {

using newsd::testing::temp_dir;
using newsd::testing::write_file;

TEST(FeedsFile, TomlFeedsAreMergedAndReloaded) {
  temp_dir d;
  write_file(d.path() + "/newsd.toml",
             "[fetch]\nfeeds_file = \"more.toml\"\n[[feeds]]\nid = \"main\"\nurl = \"https://a.example/feed\"\n");
  write_file(d.path() + "/more.toml",
             "[[feeds]]\nid = \"extra\"\nurl = \"https://b.example/rss\"\ninterval = \"5m\"\nfull_text = true\n");
  auto r = load_file(d.path() + "/newsd.toml");
  ASSERT_TRUE(r.ok()) << r.errors[0];
  ASSERT_EQ(r.cfg.feeds.size(), 2u);
  EXPECT_EQ(r.cfg.feeds[0].id, "main");
  EXPECT_EQ(r.cfg.feeds[1].id, "extra");
  EXPECT_EQ(r.cfg.feeds[1].interval_ms, 300000);
  EXPECT_TRUE(r.cfg.feeds[1].full_text);
  // The file changes; a reload (a new load_file) sees it.
  write_file(d.path() + "/more.toml", "[[feeds]]\nid = \"other\"\nurl = \"https://c.example/rss\"\n");
  auto again = load_file(d.path() + "/newsd.toml");
  ASSERT_TRUE(again.ok());
  ASSERT_EQ(again.cfg.feeds.size(), 2u);
  EXPECT_EQ(again.cfg.feeds[1].id, "other");
}

TEST(FeedsFile, OpmlFeeds) {
  temp_dir d;
  write_file(d.path() + "/newsd.toml", "[fetch]\nfeeds_file = \"" + d.path() + "/subs.opml\"\n");
  write_file(d.path() + "/subs.opml",
             "<?xml version=\"1.0\"?><opml version=\"2.0\"><head/><body>"
             "<outline text=\"News\"><outline type=\"rss\" text=\"Example News\" xmlUrl=\"https://n.example/rss\"/>"
             "<outline type=\"rss\" text=\"Other\" xmlUrl=\"https://o.example/atom\"/></outline></body></opml>");
  auto r = load_file(d.path() + "/newsd.toml");
  ASSERT_TRUE(r.ok()) << r.errors[0];
  ASSERT_EQ(r.cfg.feeds.size(), 2u);
  EXPECT_EQ(r.cfg.feeds[0].url, "https://n.example/rss");
  EXPECT_EQ(r.cfg.feeds[0].name, "Example News");
  EXPECT_FALSE(r.cfg.feeds[0].id.empty());
  EXPECT_NE(r.cfg.feeds[0].id, r.cfg.feeds[1].id);
}

TEST(FeedsFile, ErrorsNameTheFeedsFile) {
  temp_dir d;
  write_file(d.path() + "/newsd.toml",
             "[fetch]\nfeeds_file = \"more.toml\"\n[[feeds]]\nid = \"dup\"\nurl = \"https://a.example/feed\"\n");
  write_file(d.path() + "/more.toml",
             "[[feeds]]\nid = \"dup\"\nurl = \"https://b.example/rss\"\n\n[fetch]\ntimeout = \"1s\"\n");
  auto r = load_file(d.path() + "/newsd.toml");
  ASSERT_FALSE(r.ok());
  bool dup = false, stray = false;
  for (auto& e : r.errors) {
    dup = dup || (e.find("more.toml:1") != std::string::npos && e.find("duplicate feed id") != std::string::npos);
    stray = stray || (e.find("more.toml") != std::string::npos && e.find("\"fetch\"") != std::string::npos);
  }
  EXPECT_TRUE(dup);
  EXPECT_TRUE(stray);
  auto missing = load_string("[fetch]\nfeeds_file = \"/nonexistent/feeds.toml\"\n", "x.toml");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.errors[0].find("cannot open"), std::string::npos);
}

}  // namespace
}  // namespace newsd::config
