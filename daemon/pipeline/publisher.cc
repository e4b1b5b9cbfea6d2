#include "daemon/pipeline/publisher.h"

#include <algorithm>

#include "common/log.h"
#include "common/time_util.h"

namespace newsd::pipeline {

publisher::publisher(const config::config& cfg, state::feed_state* st, ops::metrics& m, tracker& tr)
    : cfg_(cfg), state_(st), metrics_(m), tracker_(tr) {}

status publisher::start(const std::string& bootstrap) {
  auto p = publish::producer::create(cfg_.kafka, bootstrap,
                                     [this](const publish::delivery_report& r) { on_report(r); });
  if (!p) return p.err();
  producer_ = std::move(*p);
  return ok_status();
}

bool publisher::produce(outgoing&& o) {
  publish::message m;
  m.topic = o.topic;
  m.key = o.key;
  m.value = o.value;
  m.source = o.item.feed_id;
  m.token = next_token_++;
  for (;;) {
    std::string err;
    auto res = producer_->produce(m, &err);
    if (res == publish::produce_outcome::queued) break;
    if (res == publish::produce_outcome::queue_full) {
      producer_->poll(50);  // backpressure: wait for reports to free room
      continue;
    }
    if (o.topic == cfg_.kafka.topics.deadletter) {
      log::error("publish", "dead letter rejected by the producer; item lost",
                 "key=" + o.key + " error=\"" + err + "\"");
      tracker_.lost++;
      tracker_.end(tracking_key(o.item.feed_id, o.item.item_key));
      return true;
    }
    dead_letter(std::move(o), err, "publish");
    return true;
  }
  in_flight_.emplace(m.token, std::move(o));
  return true;
}

void publisher::on_report(const publish::delivery_report& r) {
  auto it = in_flight_.find(r.token);
  if (it == in_flight_.end()) return;
  outgoing o = std::move(it->second);
  in_flight_.erase(it);
  if (r.error.empty()) {
    metrics_.published(o.topic).Increment();
    metrics_.delivery_latency.Observe(static_cast<double>(now_unix_ms() - o.item.enqueued_ms) / 1000.0);
    if (o.topic == cfg_.kafka.topics.deadletter) tracker_.deadlettered++;
    else tracker_.delivered++;
    finish(o);
    return;
  }
  metrics_.delivery_error(r.retriable ? "retriable" : "permanent").Increment();
  if (r.retriable) {
    ++o.attempts;
    metrics_.delivery_retries.Increment();
    int64_t backoff = std::min<int64_t>(30000, 100LL << std::min(o.attempts, 8));
    o.not_before_ms = now_unix_ms() + backoff;
    log::warn("publish", "delivery failed, will retry",
              "topic=" + o.topic + " key=" + o.key + " error=\"" + r.error + "\" attempt=" +
                  std::to_string(o.attempts));
    retry_.push_back(std::move(o));
    return;
  }
  if (o.topic == cfg_.kafka.topics.deadletter) {
    log::error("publish", "dead letter could not be delivered; item lost", "key=" + o.key + " error=\"" + r.error + "\"");
    tracker_.lost++;
    tracker_.end(tracking_key(o.item.feed_id, o.item.item_key));
    return;
  }
  dead_letter(std::move(o), r.error, "publish");
}

void publisher::dead_letter(outgoing&& o, const std::string& error, const std::string& stage) {
  metrics_.deadletter(stage).Increment();
  log::warn("publish", "item sent to the dead-letter topic", "key=" + o.key + " error=\"" + error + "\"");
  outgoing d;
  d.item = std::move(o.item);
  d.topic = cfg_.kafka.topics.deadletter;
  d.key = !d.item.art.id.empty() ? d.item.art.id : d.item.art.url;
  // The raw record is kept whole so that nothing accepted is lost.
  d.value = model::deadletter_json(error, stage, d.item.feed_id, d.item.art.url, o.value);
  produce(std::move(d));
}

void publisher::finish(const outgoing& o) {
  if (state_ != nullptr && !o.item.feed_id.empty()) {
    if (auto st = state_->mark_seen(o.item.feed_id, o.item.item_key, now_unix_ms()); !st) {
      log::error("publish", "cannot record a delivered item as seen", st.err().message);
    }
  }
  tracker_.end(tracking_key(o.item.feed_id, o.item.item_key));
}

bool publisher::run(bounded_queue<outgoing>& in) {
  bool input_open = true;
  for (;;) {
    std::string reason;
    if (producer_->fatal(&reason)) {
      producer_->flush(cfg_.kafka.flush_timeout_ms);
      return false;
    }
    int64_t now = now_unix_ms();
    int64_t deadline = drain_deadline_ms_.load();
    if (deadline > 0 && now >= deadline) {
      if (!in_flight_.empty() || !retry_.empty() || in.size() > 0) {
        log::warn("publish", "shutdown timeout: undelivered items will be fetched again at start-up",
                  "in_flight=" + std::to_string(in_flight_.size()) +
                      " retrying=" + std::to_string(retry_.size()));
      }
      return true;
    }
    // Retries whose backoff has passed.
    for (size_t n = retry_.size(); n > 0; --n) {
      outgoing o = std::move(retry_.front());
      retry_.pop_front();
      if (o.not_before_ms <= now) produce(std::move(o));
      else retry_.push_back(std::move(o));
    }
    if (input_open) {
      auto item = in.pop(std::chrono::milliseconds(in_flight_.empty() ? 50 : 5));
      if (item) {
        produce(std::move(*item));
      } else if (in.closed_and_empty()) {
        input_open = false;
      }
    }
    producer_->poll(input_open ? 0 : 50);
    metrics_.outbox_depth.Set(static_cast<double>(in_flight_.size() + retry_.size()));
    if (!input_open && in_flight_.empty() && retry_.empty()) return true;
  }
}

}  // namespace newsd::pipeline
