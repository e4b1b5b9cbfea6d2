#include "daemon/pipeline/publisher.h"

#include <algorithm>

#include "common/log.h"
#include "common/time_util.h"

namespace newsd::pipeline {

namespace {
constexpr int kBatch = 256;
// Acknowledged rows are deleted at least this often: a crash replays (duplicates)
// what was delivered but not yet deleted, so the window is kept short.
constexpr int64_t kDeleteEveryMs = 5;

const char* error_class(const publish::delivery_report& r) {
  if (!r.retriable) return "permanent";
  if (r.err == RD_KAFKA_RESP_ERR__MSG_TIMED_OUT) return "timeout";
  if (r.err == RD_KAFKA_RESP_ERR__TRANSPORT || r.err == RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN) return "transport";
  return "retriable";
}
}  // namespace

publisher::publisher(const config::config& cfg, state::outbox& ob, ops::metrics& m, tracker& tr)
    : cfg_(cfg), outbox_(ob), metrics_(m), tracker_(tr) {}

status publisher::start(const std::string& bootstrap) {
  auto p = publish::producer::create(cfg_.kafka, bootstrap,
                                     [this](const publish::delivery_report& r) { on_report(r); });
  if (!p) return p.err();
  producer_ = std::move(*p);
  return ok_status();
}

status publisher::replay() {
  int64_t after = 0, n = 0;
  for (;;) {
    auto rows = outbox_.scan(after, kBatch);
    if (!rows) return rows.err();
    if (rows->empty()) break;
    for (auto& r : *rows) {
      after = r.seq;
      pending p{r.topic, r.key, r.source, r.feed_id, r.item_key, "", std::move(r.value), r.created_ms, 0, 0};
      auto [it, fresh] = pending_.emplace(r.seq, std::move(p));
      if (fresh) produce(r.seq, it->second);
      ++n;
    }
    producer_->poll(0);
  }
  if (n > 0) log::info("publish", "replaying undelivered records from the outbox", "records=" + std::to_string(n));
  return ok_status();
}

void publisher::produce(int64_t seq, pending& p) {
  if (p.value.empty()) {
    // A retry: librdkafka dropped its copy, the outbox has the record.
    auto v = outbox_.value(seq);
    if (!v) {
      log::error("publish", "outbox row vanished", v.err().message);
      pending_.erase(seq);
      return;
    }
    p.value = std::move(*v);
  }
  publish::message m{p.topic, p.key, p.value, p.source, static_cast<uint64_t>(seq)};
  for (;;) {
    std::string err;
    auto res = producer_->produce(m, &err);
    if (res == publish::produce_outcome::queued) {
      p.value.clear();
      p.value.shrink_to_fit();
      return;
    }
    if (res == publish::produce_outcome::queue_full) {
      producer_->poll(20);  // backpressure: wait for reports to free room
      continue;
    }
    to_deadletter(seq, std::move(p), err);
    return;
  }
}

void publisher::on_report(const publish::delivery_report& r) {
  int64_t seq = static_cast<int64_t>(r.token);
  auto it = pending_.find(seq);
  if (it == pending_.end()) return;
  pending& p = it->second;
  if (r.error.empty()) {
    metrics_.published(p.topic).Increment();
    metrics_.delivery_latency.Observe(std::max<int64_t>(0, now_unix_ms() - p.enqueued_ms) / 1000.0);
    if (p.topic == cfg_.kafka.topics.deadletter) tracker_.deadlettered++;
    else tracker_.delivered++;
    tracker_.end(tracking_key(p.feed_id, p.item_key));
    acked_.push_back(seq);
    pending_.erase(it);
    return;
  }
  metrics_.delivery_error(error_class(r)).Increment();
  if (r.retriable) {
    ++p.attempts;
    metrics_.delivery_retries.Increment();
    p.not_before_ms = now_unix_ms() + std::min<int64_t>(30000, 100LL << std::min(p.attempts, 9));
    if (p.attempts == 1 || p.attempts % 10 == 0) {
      log::warn("publish", "delivery failed, will retry from the outbox",
                "topic=" + p.topic + " error=\"" + r.error + "\" attempt=" + std::to_string(p.attempts));
    }
    retry_.push_back(seq);
    return;
  }
  pending moved = std::move(p);
  pending_.erase(it);
  to_deadletter(seq, std::move(moved), r.error);
}

void publisher::to_deadletter(int64_t seq, pending&& p, const std::string& error) {
  if (p.topic == cfg_.kafka.topics.deadletter) {
    // Kafka refuses even the dead letter: keep the row so that a restart (or
    // an operator) can deal with it; never delete what was accepted.
    log::error("publish", "dead letter refused by Kafka; kept in the outbox", "error=\"" + error + "\"");
    tracker_.lost++;
    pending_.erase(seq);
    return;
  }
  if (p.value.empty()) {
    if (auto v = outbox_.value(seq)) p.value = std::move(*v);
  }
  metrics_.deadletter("publish").Increment();
  log::warn("publish", "record sent to the dead-letter topic", "key=" + p.key + " error=\"" + error + "\"");
  state::outbox_row row;
  row.topic = cfg_.kafka.topics.deadletter;
  row.key = p.key;
  // A record refused for its size must still fit as a dead letter: keep its head.
  constexpr size_t kMaxRaw = 256 * 1024;
  std::string_view raw(p.value);
  if (raw.size() > kMaxRaw) {
    size_t cut = kMaxRaw;
    while (cut > 0 && (static_cast<unsigned char>(raw[cut]) & 0xC0) == 0x80) --cut;  // UTF-8 boundary
    raw = raw.substr(0, cut);
  }
  row.value = model::deadletter_json(error, "publish", p.feed_id, p.url, raw);
  row.source = p.source;
  row.created_ms = now_unix_ms();
  if (auto st = outbox_.replace(seq, row); !st) {
    log::error("publish", "cannot write the dead letter to the outbox", st.err().message);
    failed_ = true;
    return;
  }
  pending_.erase(seq);
  pending d{row.topic, row.key, row.source, p.feed_id, p.item_key, p.url, std::move(row.value), p.enqueued_ms, 0, 0};
  auto [it, fresh] = pending_.emplace(row.seq, std::move(d));
  produce(row.seq, it->second);
}

bool publisher::accept(bounded_queue<outgoing>& in, bool& input_open, size_t room) {
  std::vector<outgoing> batch;
  auto wait = std::chrono::milliseconds(pending_.empty() ? 50 : 2);
  while (batch.size() < std::min<size_t>(kBatch, room)) {
    auto item = in.pop(batch.empty() ? wait : std::chrono::milliseconds(0));
    if (!item) break;
    batch.push_back(std::move(*item));
  }
  if (batch.empty()) {
    if (in.closed_and_empty()) input_open = false;
    return true;
  }
  std::vector<state::outbox_row> rows(batch.size());
  for (size_t i = 0; i < batch.size(); ++i) {
    auto& o = batch[i];
    rows[i] = state::outbox_row{0, o.topic, o.key, o.value, o.item.feed_id, o.item.feed_id, o.item.item_key, 0,
                                std::move(o.packed)};
  }
  // Acknowledged rows are deleted in the same transaction: one commit, not two.
  if (auto st = outbox_.append(rows, now_unix_ms(), acked_); !st) {
    log::error("publish", "cannot write to the outbox", st.err().message);
    return false;
  }
  acked_.clear();
  for (size_t i = 0; i < batch.size(); ++i) {
    auto& o = batch[i];
    pending p{o.topic, o.key, o.item.feed_id, o.item.feed_id, o.item.item_key, o.item.art.url,
              std::move(o.value), o.item.enqueued_ms, 0, 0};
    auto [it, fresh] = pending_.emplace(rows[i].seq, std::move(p));
    produce(rows[i].seq, it->second);
  }
  return true;
}

void publisher::retry_due(int64_t now) {
  for (size_t n = retry_.size(); n > 0; --n) {
    int64_t seq = retry_.front();
    retry_.pop_front();
    auto it = pending_.find(seq);
    if (it == pending_.end()) continue;
    if (it->second.not_before_ms <= now) produce(seq, it->second);
    else retry_.push_back(seq);
  }
}

bool publisher::flush_acked(bool force) {
  int64_t now = now_unix_ms();
  if (acked_.empty() || (!force && acked_.size() < kBatch && now - last_delete_ms_ < kDeleteEveryMs)) return true;
  if (auto st = outbox_.remove(acked_); !st) {
    log::error("publish", "cannot delete delivered records from the outbox", st.err().message);
    return false;
  }
  acked_.clear();
  last_delete_ms_ = now;
  return true;
}

bool publisher::run(bounded_queue<outgoing>& in) {
  bool input_open = true;
  const auto cap = static_cast<size_t>(cfg_.state.outbox_max_items);
  for (;;) {
    std::string reason;
    if (producer_->fatal(&reason) || failed_) {
      producer_->flush(cfg_.kafka.flush_timeout_ms);
      flush_acked(true);
      return false;
    }
    int64_t now = now_unix_ms();
    int64_t deadline = drain_deadline_ms_.load();
    if (deadline > 0 && now >= deadline) {
      flush_acked(true);
      if (!pending_.empty()) {
        log::warn("publish", "shutdown timeout: undelivered records stay in the outbox for the next start",
                  "records=" + std::to_string(pending_.size()));
      }
      return true;
    }
    if (input_open && pending_.size() < cap) {
      if (!accept(in, input_open, cap - pending_.size())) return false;
    } else if (input_open && pending_.size() >= cap) {
      metrics_.outbox_depth.Set(static_cast<double>(pending_.size()));  // full: fetching pauses upstream
    }
    retry_due(now);
    producer_->poll(input_open && pending_.size() < cap ? 0 : 20);
    if (!flush_acked(false)) return false;
    metrics_.outbox_depth.Set(static_cast<double>(pending_.size()));
    if (!input_open && pending_.empty()) return flush_acked(true);
  }
}

}  // namespace newsd::pipeline
