// The publish stage against librdkafka's mock cluster, read back by a real
// consumer: broker outage, injected produce errors, outbox replay.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <thread>

#include "common/time_util.h"
#include "daemon/ops/metrics.h"
#include "daemon/pipeline/publisher.h"
#include "daemon/publish/dev_broker.h"
#include "daemon/state/feed_state.h"
#include "daemon/state/outbox.h"
#include "tests/support/test_support.h"

namespace newsd::pipeline {
namespace {

constexpr int kPartitions = 32;  // the mock keeps ~5 MiB per partition
constexpr int16_t kProduceApi = 0;  // Kafka protocol ApiKey of Produce (RD_KAFKAP_Produce is not public)

struct harness {
  testing::temp_dir dir;
  std::unique_ptr<publish::dev_broker> broker;
  config::config cfg;
  std::unique_ptr<state::store> store;
  std::unique_ptr<state::feed_state> fs;
  std::unique_ptr<state::outbox> ob;
  ops::metrics metrics;
  tracker tr;

  explicit harness(int64_t outbox_cap = 100000) {
    broker = publish::dev_broker::start(1).value();
    for (const char* t : {"news.articles", "news.duplicates", "news.deadletter"}) {
      EXPECT_TRUE(broker->create_topic(t, kPartitions).ok());
    }
    cfg.kafka.brokers = broker->bootstrap();
    cfg.kafka.compression = "none";
    cfg.state.outbox_max_items = outbox_cap;
    open_state();
  }
  void open_state() {
    ob.reset();
    fs.reset();
    store = state::store::open(dir.path()).value();
    fs = std::make_unique<state::feed_state>(*store);
    EXPECT_TRUE(fs->init().ok());
    ob = std::make_unique<state::outbox>(*store);
    EXPECT_TRUE(ob->init().ok());
  }
};

outgoing make_item(int i, size_t size = 2048) {
  outgoing o;
  o.topic = "news.articles";
  o.key = "id-" + std::to_string(i);
  o.value = "{\"id\":\"" + o.key + "\",\"text\":\"" + std::string(size, 'x') + "\"}";
  o.item.feed_id = "feed";
  o.item.item_key = o.key;
  o.item.enqueued_ms = now_unix_ms();
  return o;
}

std::map<std::string, int> count_keys(const std::vector<testing::kafka_message>& msgs) {
  std::map<std::string, int> c;
  for (const auto& m : msgs) c[m.key]++;
  return c;
}

TEST(Delivery, BrokerOutageLosesNothingAndDuplicatesNothing) {
  harness h(2000);
  bounded_queue<outgoing> q(256);
  publisher pub(h.cfg, *h.ob, h.metrics, h.tr);
  ASSERT_TRUE(pub.start(h.broker->bootstrap()).ok());
  std::atomic<bool> done{false};
  bool ok = false;
  std::thread runner([&] {
    ok = pub.run(q);
    done = true;
  });
  constexpr int kTotal = 5000;
  double max_depth = 0;
  std::thread watcher([&] {
    while (!done) {
      max_depth = std::max(max_depth, h.metrics.outbox_depth.Value());
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  });
  for (int i = 0; i < kTotal; ++i) {
    if (i == 1500) {
      // Outage in the middle of the stream: 30 s without a broker.
      rd_kafka_mock_broker_set_down(h.broker->cluster(), 1);
      std::thread([&h] {
        std::this_thread::sleep_for(std::chrono::seconds(30));
        rd_kafka_mock_broker_set_up(h.broker->cluster(), 1);
      }).detach();
    }
    ASSERT_TRUE(q.push(make_item(i), std::chrono::seconds(120)));
  }
  q.close();
  runner.join();
  watcher.join();
  EXPECT_TRUE(ok);
  EXPECT_EQ(h.tr.delivered.load(), static_cast<uint64_t>(kTotal));
  EXPECT_EQ(h.ob->size(), 0);
  // Memory stays bounded during the outage: the outbox cap holds back input.
  EXPECT_LE(max_depth, 2000.0);
  auto msgs = testing::consume_all(h.broker->bootstrap(), "news.articles", kTotal, 20000);
  auto keys = count_keys(msgs);
  EXPECT_EQ(keys.size(), static_cast<size_t>(kTotal));
  int dups = 0;
  for (auto& [k, n] : keys) dups += n - 1;
  EXPECT_EQ(dups, 0) << "idempotent producer must not duplicate";
}

TEST(Delivery, RetriableProduceErrorsAreRetried) {
  harness h;
  rd_kafka_mock_push_request_errors(h.broker->cluster(), kProduceApi, 4,
                                    RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION,
                                    RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT,
                                    RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS,
                                    RD_KAFKA_RESP_ERR_LEADER_NOT_AVAILABLE);
  bounded_queue<outgoing> q(1024);
  for (int i = 0; i < 200; ++i) ASSERT_TRUE(q.push(make_item(i, 200), std::chrono::seconds(1)));
  q.close();
  publisher pub(h.cfg, *h.ob, h.metrics, h.tr);
  ASSERT_TRUE(pub.start(h.broker->bootstrap()).ok());
  ASSERT_TRUE(pub.run(q));
  EXPECT_EQ(h.tr.delivered.load(), 200u);
  EXPECT_EQ(h.tr.deadlettered.load(), 0u);
  auto keys = count_keys(testing::consume_all(h.broker->bootstrap(), "news.articles", 200));
  EXPECT_EQ(keys.size(), 200u);
}

TEST(Delivery, PermanentErrorsBecomeDeadLettersOnce) {
  harness h;
  // The broker refuses a batch outright: the record cannot be delivered.
  rd_kafka_mock_push_request_errors(h.broker->cluster(), kProduceApi, 1,
                                    RD_KAFKA_RESP_ERR_INVALID_RECORD);
  bounded_queue<outgoing> q(16);
  ASSERT_TRUE(q.push(make_item(1, 100), std::chrono::seconds(1)));
  // A record over message.max.bytes is refused by the client itself.
  ASSERT_TRUE(q.push(make_item(2, 2 * 1024 * 1024), std::chrono::seconds(1)));
  q.close();
  publisher pub(h.cfg, *h.ob, h.metrics, h.tr);
  ASSERT_TRUE(pub.start(h.broker->bootstrap()).ok());
  ASSERT_TRUE(pub.run(q));
  EXPECT_EQ(h.tr.lost.load(), 0u);
  EXPECT_EQ(h.tr.delivered.load() + h.tr.deadlettered.load(), 2u);
  EXPECT_GE(h.tr.deadlettered.load(), 1u);
  auto dl = testing::consume_all(h.broker->bootstrap(), "news.deadletter", 2, 5000);
  std::set<std::string> keys;
  for (const auto& m : dl) {
    keys.insert(m.key);
    EXPECT_NE(m.value.find("\"stage\":\"publish\""), std::string::npos);
    EXPECT_NE(m.value.find("\"raw\":\"{"), std::string::npos);
  }
  EXPECT_EQ(keys.size(), dl.size()) << "each dead letter exactly once";
  EXPECT_TRUE(keys.count("id-2"));
  EXPECT_EQ(h.ob->size(), 0);
}

TEST(Delivery, OutboxIsReplayedAfterACrash) {
  harness h;
  // A previous run accepted records but died before any delivery report.
  std::vector<state::outbox_row> rows;
  for (int i = 0; i < 50; ++i) {
    auto o = make_item(i, 100);
    rows.push_back({0, o.topic, o.key, o.value, "feed", "feed", o.key, 0, ""});
  }
  ASSERT_TRUE(h.ob->append(rows, now_unix_ms()).ok());
  EXPECT_TRUE(h.fs->is_seen("feed", "id-7"));  // seen-mark written with the row
  h.open_state();                             // "restart"
  ASSERT_EQ(h.ob->size(), 50);
  bounded_queue<outgoing> q(4);
  q.close();
  publisher pub(h.cfg, *h.ob, h.metrics, h.tr);
  ASSERT_TRUE(pub.start(h.broker->bootstrap()).ok());
  ASSERT_TRUE(pub.replay().ok());
  ASSERT_TRUE(pub.run(q));
  EXPECT_EQ(h.ob->size(), 0);
  auto keys = count_keys(testing::consume_all(h.broker->bootstrap(), "news.articles", 50));
  EXPECT_EQ(keys.size(), 50u);
}

}  // namespace
}  // namespace newsd::pipeline
