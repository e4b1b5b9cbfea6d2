// newsd_feeds{state=...}: "active" and "failing" partition the configured
// feeds (their sum is the number of feeds), so dashboards and the failing
// ratio never count a feed twice.
#include <gtest/gtest.h>

#include <atomic>

#include "daemon/ops/metrics.h"
#include "daemon/pipeline/fetcher.h"
#include "daemon/state/feed_state.h"
#include "daemon/state/store.h"
#include "tests/support/test_support.h"

namespace newsd::pipeline {
namespace {

config::feed make_feed(const std::string& id, const std::string& url) {
  config::feed f;
  f.id = id;
  f.url = url;
  return f;
}

TEST(FeedsGauge, ActiveAndFailingAddUpToTheFeeds) {
  testing::http_server srv;
  srv.serve("/ok.xml",
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title></channel></rss>",
            "application/rss+xml");
  config::config cfg;
  cfg.fetch.allow_private_addresses = true;
  cfg.fetch.timeout_ms = 2000;
  cfg.fetch.per_host_requests_per_minute = 6000;
  cfg.extract.enabled = false;
  cfg.feeds = {make_feed("ok-1", srv.url("/ok.xml")), make_feed("ok-2", srv.url("/ok.xml")),
               make_feed("gone", srv.url("/missing.xml"))};
  auto store = state::store::open(":memory:");
  ASSERT_TRUE(store);
  state::feed_state fs(**store);
  ASSERT_TRUE(fs.init());
  ops::metrics m;
  tracker tr;
  fetcher f(cfg, fs, m, tr, [](work_item&&) { return true; });
  std::atomic<bool> stop{false};
  f.run(stop, true);
  EXPECT_EQ(m.feeds_failing.Value(), 1);
  EXPECT_EQ(m.feeds_active.Value(), 2);
}

}  // namespace
}  // namespace newsd::pipeline
