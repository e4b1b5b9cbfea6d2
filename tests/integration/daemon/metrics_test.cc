// The /metrics exposition passes `promtool check metrics`, and the health
// endpoints answer as operators expect.
#include <gtest/gtest.h>

#include "connectors/http/client.h"
#include "daemon/ops/http_server.h"
#include "daemon/ops/metrics.h"
#include "tests/support/test_support.h"

namespace newsd {
namespace {

http::response get(int port, const std::string& path) {
  http::client_options o;
  o.allow_private_addresses = true;
  http::client c(o);
  return c.fetch({"http://127.0.0.1:" + std::to_string(port) + path, "", "", {}});
}

TEST(Metrics, ScrapePassesPromtool) {
  if (testing::run_command("command -v promtool >/dev/null 2>&1", nullptr) != 0) {
    GTEST_SKIP() << "promtool is not installed (Debian package prometheus; scripts/install-deps.sh installs it)";
  }
  ops::metrics m;
  ops::health h;
  m.fetch("ok").Increment();
  m.published("news.articles").Increment(3);
  m.delivery_latency.Observe(0.004);
  m.queue_depth("parsed").Set(2);
  auto s = ops::start_ops_server("127.0.0.1:0", m, h);
  ASSERT_TRUE(s.ok()) << s.err().message;
  auto r = get((*s)->port(), "/metrics");
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.header("content-type").find("text/plain"), std::string::npos);
  for (const char* name : {"newsd_build_info", "newsd_feed_fetches_total", "newsd_feed_items_total",
                           "newsd_records_published_total", "newsd_delivery_errors_total", "newsd_queue_depth",
                           "newsd_delivery_latency_seconds_bucket", "newsd_outbox_depth"}) {
    EXPECT_NE(r.body.find(name), std::string::npos) << name;
  }
  testing::temp_dir dir;
  testing::write_file(dir.path() + "/scrape.txt", r.body);
  std::string out;
  int rc = testing::run_command("promtool check metrics < " + dir.path() + "/scrape.txt 2>&1", &out);
  EXPECT_EQ(rc, 0) << out;
}

TEST(Metrics, HealthAndReadiness) {
  ops::metrics m;
  ops::health h;
  auto s = ops::start_ops_server("127.0.0.1:0", m, h);
  ASSERT_TRUE(s.ok());
  int port = (*s)->port();
  EXPECT_EQ(get(port, "/healthz").status, 200);
  EXPECT_EQ(get(port, "/readyz").status, 503);
  h.ready = true;
  EXPECT_EQ(get(port, "/readyz").status, 200);
  h.draining = true;
  EXPECT_EQ(get(port, "/readyz").status, 503);
  EXPECT_EQ(get(port, "/nope").status, 404);
}

}  // namespace
}  // namespace newsd
