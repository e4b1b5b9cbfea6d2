#include "daemon/pipeline/publisher.h"

#include <algorithm>

#include "common/log.h"
#include "common/time_util.h"

namespace newsd::pipeline {

namespace {
constexpr int kBatch = 256;
// Records taken from the input queue per loop: all there is, up to this.
constexpr size_t kMaxTake = 4096;
// Records handed to the outbox writer and not yet committed keep their raw
// value in memory: bound them (about 16 MB of 2 KB records), beyond that input
// waits, as it does when the outbox is full.
constexpr size_t kMaxAwaiting = 8192;

const char* error_class(const publish::delivery_report& r) {
  if (!r.retriable) return "permanent";
  if (r.err == RD_KAFKA_RESP_ERR__MSG_TIMED_OUT) return "timeout";
  if (r.err == RD_KAFKA_RESP_ERR__TRANSPORT || r.err == RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN)
    return "transport";
  return "retriable";
}
}  // namespace

publisher::publisher(const config::config& cfg, state::outbox& ob, ops::metrics& m, tracker& tr,
                     bool once)
    : cfg_(cfg), outbox_(ob), metrics_(m), tracker_(tr), writer_(ob), once_(once) {}

status publisher::start(const std::string& bootstrap) {
  auto p = publish::producer::create(cfg_.kafka, bootstrap,
                                     [this](const publish::delivery_report& r) { on_report(r); });
  if (!p) return p.err();
  producer_ = std::move(*p);
  // A commit makes rows producible: end the run loop's wait in poll() at once
  // instead of up to a millisecond later.
  writer_.on_commit([pr = producer_.get()] { pr->wake(); });
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
      pending p;
      p.msg = publish::message{std::move(r.topic), std::move(r.key), std::move(r.value),
                               std::move(r.source), 0};
      p.feed_id = std::move(r.feed_id);
      p.item_key = std::move(r.item_key);
      p.enqueued_ms = r.created_ms;
      auto [it, fresh] = pending_.emplace(r.seq, std::move(p));
      if (fresh) produce(r.seq, it->second);
      ++n;
    }
    producer_->poll(0);
  }
  if (n > 0)
    log::info("publish", "replaying undelivered records from the outbox",
              "records=" + std::to_string(n));
  return ok_status();
}

bool publisher::produce(int64_t seq, pending& p) {
  if (p.msg.value.empty()) {
    // A retry: librdkafka dropped its copy, the outbox has the record.
    auto v = outbox_.value(seq);
    if (!v) {
      log::error("publish", "outbox row vanished: " + v.err().message);
      pending_.erase(seq);
      return true;
    }
    p.msg.value = std::move(*v);
  }
  p.msg.token = static_cast<uint64_t>(seq);
  std::string err;
  auto res = producer_->produce(p.msg, &err);
  if (res == publish::produce_outcome::queued) {
    p.msg.value = std::string();  // frees it: librdkafka holds its own copy
    return true;
  }
  if (res == publish::produce_outcome::queue_full) {
    // Kafka is slow or away and librdkafka holds all it may: the record waits
    // (in the outbox, not in memory) until reports free room. Waiting here
    // instead would hold up shutdown, --once and start-up replay for as long
    // as the brokers are away.
    p.msg.value = std::string();
    p.not_before_ms = now_unix_ms() + 20;
    retry_.push_back(seq);
    return false;
  }
  to_deadletter(seq, std::move(p), err);
  return true;
}

prometheus::Counter& publisher::published_counter(const std::string& topic) {
  // Family::Add hashes the labels under a lock on every call: cache the few topics.
  for (auto& [t, c] : published_) {
    if (t == topic) return *c;
  }
  published_.emplace_back(topic, &metrics_.published(topic));
  return *published_.back().second;
}

void publisher::on_report(const publish::delivery_report& r) {
  int64_t seq = static_cast<int64_t>(r.token);
  auto it = pending_.find(seq);
  if (it == pending_.end()) return;
  pending& p = it->second;
  if (r.error.empty()) {
    published_counter(p.msg.topic).Increment();
    metrics_.delivery_latency.Observe(std::max<int64_t>(0, now_unix_ms() - p.enqueued_ms) / 1000.0);
    if (p.msg.topic == cfg_.kafka.topics.deadletter)
      tracker_.deadlettered++;
    else
      tracker_.delivered++;
    tracker_.end(tracking_key(p.feed_id, p.item_key));
    acked_.push_back(seq);
    pending_.erase(it);
    return;
  }
  if (closing_) return;  // purged by close(): the row stays in the outbox
  metrics_.delivery_error(error_class(r)).Increment();
  if (r.retriable && once_) {
    // --once must end: the row stays in the outbox and the next run sends it.
    if (given_up_++ == 0) {
      log::warn("publish",
                "delivery failed; --once does not retry: kept in the outbox for the next run",
                "topic=" + p.msg.topic + " error=" + log::quote(r.error));
    }
    tracker_.end(tracking_key(p.feed_id, p.item_key));
    pending_.erase(it);
    return;
  }
  if (r.retriable) {
    ++p.attempts;
    metrics_.delivery_retries.Increment();
    p.not_before_ms = now_unix_ms() + std::min<int64_t>(30000, 100LL << std::min(p.attempts, 9));
    if (p.attempts == 1 || p.attempts % 10 == 0) {
      log::warn("publish", "delivery failed, will retry from the outbox",
                "topic=" + p.msg.topic + " error=" + log::quote(r.error) +
                    " attempt=" + std::to_string(p.attempts));
    }
    retry_.push_back(seq);
    return;
  }
  pending moved = std::move(p);
  pending_.erase(it);
  to_deadletter(seq, std::move(moved), r.error);
}

void publisher::to_deadletter(int64_t seq, pending&& in, const std::string& error) {
  // `in` may be the pending_ entry itself (produce() refused it): own it before
  // pending_.erase(seq) below frees that entry.
  pending p = std::move(in);
  if (p.msg.topic == cfg_.kafka.topics.deadletter) {
    // Kafka refuses even the dead letter: keep the row so that a restart (or
    // an operator) can deal with it; never delete what was accepted.
    log::error("publish", "dead letter refused by Kafka; kept in the outbox",
               "error=" + log::quote(error));
    tracker_.lost++;
    pending_.erase(seq);
    return;
  }
  if (p.msg.value.empty()) {
    if (auto v = outbox_.value(seq)) p.msg.value = std::move(*v);
  }
  metrics_.deadletter("publish").Increment();
  log::warn("publish", "record sent to the dead-letter topic",
            "key=" + p.msg.key + " error=" + log::quote(error));
  state::outbox_row row;
  row.topic = cfg_.kafka.topics.deadletter;
  row.key = p.msg.key;
  // A record refused for its size must still fit as a dead letter: keep its head.
  constexpr size_t kMaxRaw = 256 * 1024;
  std::string_view raw(p.msg.value);
  if (raw.size() > kMaxRaw) {
    size_t cut = kMaxRaw;
    while (cut > 0 && (static_cast<unsigned char>(raw[cut]) & 0xC0) == 0x80)
      --cut;  // UTF-8 boundary
    raw = raw.substr(0, cut);
  }
  row.value = model::deadletter_json(error, "publish", p.feed_id, p.url, raw);
  row.source = p.msg.source;
  row.created_ms = now_unix_ms();
  if (auto st = outbox_.replace(seq, row); !st) {
    log::error("publish", "cannot write the dead letter to the outbox: " + st.err().message);
    failed_ = true;
    return;
  }
  pending_.erase(seq);
  pending d;
  d.msg = publish::message{row.topic, row.key, std::move(row.value), row.source, 0};
  d.feed_id = std::move(p.feed_id);
  d.item_key = std::move(p.item_key);
  d.url = std::move(p.url);
  d.enqueued_ms = p.enqueued_ms;
  auto [it, fresh] = pending_.emplace(row.seq, std::move(d));
  produce(row.seq, it->second);
}

bool publisher::accept(bounded_queue<outgoing>& in, bool& input_open, size_t room) {
  // Idle: block on the queue so that a lone item goes out at once. Busy: never
  // block on it (the run loop sleeps in the producer's poll instead), so the
  // stage before does not wake this thread for every item it pushes.
  auto wait = std::chrono::milliseconds(pending_.empty() && awaiting_.empty() ? 50 : 0);
  // Everything waiting, in one lock: the stage before is never left blocked on
  // a full queue while this thread serves reports.
  taken_.clear();
  in.pop_many(taken_, std::min<size_t>(kMaxTake, room), wait);
  if (taken_.empty()) {
    if (in.closed_and_empty()) input_open = false;
    return true;
  }
  std::vector<state::outbox_row> rows;
  rows.reserve(taken_.size());
  for (outgoing& o : taken_) {
    state::outbox_row& r = rows.emplace_back();
    r.topic = o.topic;
    r.key = o.key;
    r.source = o.source.empty() ? o.item.feed_id : o.source;
    r.feed_id = o.item.feed_id;
    r.item_key = o.item.item_key;
    r.packed = std::move(o.packed);
    if (r.packed.empty()) r.value = o.value;  // the writer compresses it
    pending& p = awaiting_.emplace_back();
    p.msg.topic = std::move(o.topic);
    p.msg.key = std::move(o.key);
    p.msg.value = std::move(o.value);
    p.msg.source = r.source;
    p.feed_id = std::move(o.item.feed_id);
    p.item_key = std::move(o.item.item_key);
    p.url = std::move(o.item.art.url);
    p.enqueued_ms = o.item.enqueued_ms;
  }
  taken_.clear();
  if (log::enabled(log::level::debug)) {
    log::debug(
        "publish", "batch taken into the outbox",
        "records=" + std::to_string(rows.size()) + " undelivered=" + std::to_string(undelivered()));
  }
  writer_.append(std::move(rows));
  return true;
}

// Rows come back from the writer in the order they were handed over: pair
// them with the records waiting for them and produce those.
void publisher::produce_committed() {
  if (!writer_.has_committed()) return;
  committed_.clear();
  writer_.take_committed(committed_);
  if (log::enabled(log::level::debug) && !committed_.empty()) {
    log::debug("publish", "batch produced", "records=" + std::to_string(committed_.size()));
  }
  for (int64_t seq : committed_) {
    auto [it, fresh] = pending_.emplace(seq, std::move(awaiting_.front()));
    awaiting_.pop_front();
    if (fresh) produce(seq, it->second);
  }
}

void publisher::retry_due(int64_t now) {
  for (size_t n = retry_.size(); n > 0; --n) {
    int64_t seq = retry_.front();
    retry_.pop_front();
    auto it = pending_.find(seq);
    if (it == pending_.end()) continue;
    if (it->second.not_before_ms > now) {
      retry_.push_back(seq);
    } else if (!produce(seq, it->second)) {
      break;  // the queue is full: the others stay where they are
    }
  }
}

// Acknowledged seqs go to the writer at once: a crash replays (duplicates) what
// was delivered but not yet deleted, so the window is kept short. The writer
// commits at most once a millisecond, folding them into its next transaction.
bool publisher::flush_acked(bool force) {
  if (!acked_.empty()) {
    writer_.remove(std::move(acked_));
    acked_.clear();
  }
  auto st = force ? writer_.flush() : writer_.error();
  if (!st) {
    log::error("publish", "cannot write to the outbox: " + st.err().message);
    return false;
  }
  return true;
}

// Everything handed to the writer is written before run() ends: rows not
// produced yet are resent at the next start, acknowledged ones are deleted.
bool publisher::finish(bool ok) { return flush_acked(true) && ok; }

bool publisher::close(int64_t deadline_ms) {
  if (writer_stopped_) return true;
  // Reports still coming in delete their rows; the rest wait for the next start.
  for (int64_t now = now_unix_ms(); now < deadline_ms && producer_->outstanding() > 0;
       now = now_unix_ms()) {
    producer_->poll(static_cast<int>(std::min<int64_t>(100, deadline_ms - now)));
  }
  closing_ = true;
  // Purged, the client holds nothing: destroying it does not wait for brokers.
  producer_->purge();
  bool ok = flush_acked(true);
  writer_.stop();
  writer_stopped_ = true;
  return ok;
}

bool publisher::run(bounded_queue<outgoing>& in) {
  bool input_open = true;
  int64_t once_deadline = 0;
  const auto cap = static_cast<size_t>(cfg_.state.outbox_max_items);
  writer_.start();
  for (;;) {
    std::string reason;
    if (producer_->fatal(&reason) || failed_) return finish(false);
    int64_t now = now_unix_ms();
    int64_t deadline = drain_deadline_ms_.load();
    if (deadline > 0 && now >= deadline) {
      if (in_flight() > 0) {
        log::warn("publish", "shutdown timeout: draining stops",
                  "undelivered=" + std::to_string(undelivered()));
      }
      return finish(true);
    }
    if (once_ && !input_open && once_deadline == 0) {
      // The poll round is processed: every record produced gets its delivery report
      // within message_timeout (librdkafka fails it then); records librdkafka had no
      // room for get as long again, and at least shutdown_timeout.
      once_deadline =
          now + std::max(cfg_.daemon.shutdown_timeout_ms, cfg_.kafka.message_timeout_ms);
    }
    if (once_deadline > 0 && now >= once_deadline) {
      log::warn("publish", "--once: no delivery report within message_timeout",
                "undelivered=" + std::to_string(undelivered()));
      return finish(true);
    }
    size_t in_use = undelivered();  // given-up rows still fill the outbox
    size_t taken = awaiting_.size();
    if (input_open && in_use < cap && awaiting_.size() < kMaxAwaiting) {
      if (!accept(in, input_open, std::min(cap - in_use, kMaxAwaiting - awaiting_.size())))
        return finish(false);
    } else if (input_open && in_use >= cap) {
      metrics_.outbox_depth.Set(static_cast<double>(in_use));  // full: fetching pauses upstream
    }
    // A full batch came in: more is probably waiting, so loop at once.
    // Otherwise sleep 1 ms serving reports: input is then picked up in
    // batches, not an item per loop (the loop's fixed cost per item was
    // ~2.5 us when the stage before was slower than this one).
    bool more = awaiting_.size() >= taken + kBatch / 2 || writer_.has_committed();
    produce_committed();
    retry_due(now);
    bool can_take = input_open && undelivered() < cap && awaiting_.size() < kMaxAwaiting;
    producer_->poll(can_take ? (more ? 0 : 1) : awaiting_.empty() ? 20 : 1);
    if (!flush_acked(false)) return finish(false);
    metrics_.outbox_depth.Set(static_cast<double>(undelivered()));
    if (!input_open && in_flight() == 0) return finish(true);
  }
}

}  // namespace newsd::pipeline
