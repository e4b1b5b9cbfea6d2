// The /metrics exposition passes `promtool check metrics`, and the health
// endpoints answer as operators expect.
#include <gtest/gtest.h>

#include <regex>
#include <sstream>

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
    GTEST_SKIP() << "promtool is not installed (Debian package prometheus; scripts/install-deps.sh "
                    "installs it)";
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
  for (const char* name :
       {"newsd_build_info", "newsd_feed_fetches_total", "newsd_feed_items_total",
        "newsd_records_published_total", "newsd_delivery_errors_total", "newsd_queue_depth",
        "newsd_delivery_latency_seconds_bucket", "newsd_outbox_depth"}) {
    EXPECT_NE(r.body.find(name), std::string::npos) << name;
  }
  testing::temp_dir dir;
  testing::write_file(dir.path() + "/scrape.txt", r.body);
  std::string out;
  int rc =
      testing::run_command("promtool check metrics < " + dir.path() + "/scrape.txt 2>&1", &out);
  EXPECT_EQ(rc, 0) << out;
}

// Every metric of the operations guide is exported, and each documented label value
// from the start: an alert on rate(...{class="timeout"}) must not see "no data" until
// the first timeout.
TEST(Metrics, EveryDocumentedSeriesIsExportedFromTheStart) {
  ops::metrics m;
  std::string scrape = m.scrape();
  std::string guide = testing::read_file(std::string(NEWSD_SOURCE_DIR) + "/docs/operations.md");
  std::regex row(R"(^\| (`newsd_[^|]*) \| (counter|gauge|histogram) \|([^|]*)\|)");
  int rows = 0;
  std::istringstream lines(guide);
  for (std::string line; std::getline(lines, line);) {
    std::smatch mt;
    if (!std::regex_search(line, mt, row)) continue;
    ++rows;
    std::vector<std::string> names;
    std::regex name_re("`(newsd_[a-z_]+)`");
    std::string cell = mt[1];
    for (auto it = std::sregex_iterator(cell.begin(), cell.end(), name_re);
         it != std::sregex_iterator(); ++it)
      names.push_back((*it)[1]);
    std::string labels = mt[3];
    for (const auto& name : names) {
      std::string series = mt[2] == "histogram" ? name + "_bucket" : name;
      size_t colon = labels.find(':');
      bool unbounded = colon == std::string::npos && labels.find_first_not_of(' ') != std::string::npos;
      if (unbounded) continue;  // one series per topic, made by the first record
      EXPECT_NE(scrape.find("\n" + series), std::string::npos) << series;
      if (colon == std::string::npos) continue;
      std::string label = labels.substr(0, colon);
      label.erase(0, label.find_first_not_of(' '));
      std::istringstream values(labels.substr(colon + 1));
      for (std::string v; std::getline(values, v, ',');) {
        v.erase(0, v.find_first_not_of(' '));
        v.erase(v.find_last_not_of(' ') + 1);
        EXPECT_NE(scrape.find(series + "{" + label + "=\"" + v + "\""), std::string::npos)
            << series << "{" << label << "=\"" << v << "\"}";
      }
    }
  }
  EXPECT_GT(rows, 15) << "the metrics table of docs/operations.md was not found";
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
