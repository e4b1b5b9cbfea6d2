#include "daemon/pipeline/offline_publish.h"

#include "common/log.h"
#include "common/time_util.h"

namespace newsd::pipeline {

offline_publisher::offline_publisher(const config::config& cfg) : cfg_(cfg) {}

offline_publisher::~offline_publisher() {
  queue_.close();
  if (thread_.joinable()) thread_.join();
}

status offline_publisher::start() {
  std::string bootstrap = cfg_.kafka.brokers;
  if (bootstrap == "embedded") {
    auto b = publish::dev_broker::start(1);
    if (!b) return b.err();
    broker_ = std::move(*b);
    for (const auto& t :
         {cfg_.kafka.topics.articles, cfg_.kafka.topics.duplicates, cfg_.kafka.topics.deadletter}) {
      (void)broker_->create_topic(t, cfg_.kafka.partitions);
    }
    bootstrap = broker_->bootstrap();
    log::warn("process", "publishing to an embedded broker that ends with this command",
              "bootstrap=" + bootstrap);
  }
  auto st = state::store::open(cfg_.state.dir);
  if (!st) return st.err();
  store_ = std::move(*st);
  feed_state_ = std::make_unique<state::feed_state>(*store_);
  if (auto s = feed_state_->init(); !s) return s;
  outbox_ = std::make_unique<state::outbox>(*store_);
  if (auto s = outbox_->init(); !s) return s;
  // A batch command, like run --once: a failed delivery is final for this run (the row
  // stays in the outbox for the next one) instead of being retried for ever.
  pub_ = std::make_unique<publisher>(cfg_, *outbox_, metrics_, tracker_, /*once=*/true);
  if (auto s = pub_->start(bootstrap); !s) return s;
  if (auto s = pub_->replay(); !s) return s;
  thread_ = std::thread([this] { ok_ = pub_->run(queue_); });
  return ok_status();
}

void offline_publisher::submit(const model::record& r, const std::string& record_json) {
  outgoing o;
  o.value = record_json;
  bool unique = r.dedup.status == model::dedup_status::unique;
  o.topic = unique ? cfg_.kafka.topics.articles : cfg_.kafka.topics.duplicates;
  o.key = unique ? r.art.id : r.dedup.duplicate_of;
  o.item.item_key = r.art.id;
  // newsd-source names the feed; process input has none, so its source, else "process".
  // (Not item.feed_id: that would write seen-marks for feeds the daemon polls.)
  o.source = r.art.feed ? r.art.feed->id : (!r.art.source.empty() ? r.art.source : "process");
  o.item.enqueued_ms = now_unix_ms();
  o.packed = state::outbox::pack(o.value);
  // push moves from the item only when it succeeds, so a retry resends it whole.
  // NOLINTNEXTLINE(bugprone-use-after-move)
  while (!queue_.push(std::move(o), std::chrono::milliseconds(500))) {
    if (queue_.closed()) return;
  }
}

bool offline_publisher::finish() {
  queue_.close();
  if (thread_.joinable()) thread_.join();
  // run() waited for every report: nothing is left for close() to wait for.
  bool closed = pub_ && pub_->close(now_unix_ms());
  return ok_ && closed && tracker_.lost.load() == 0 && pub_->undelivered() == 0;
}

}  // namespace newsd::pipeline
