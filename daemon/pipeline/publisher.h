#pragma once
// The publish stage: one thread produces records to Kafka and serves the
// delivery reports. An item counts as done only when Kafka acknowledged it
// (then its seen-mark is written); a retriable failure is produced again
// with backoff, a permanent one goes to the dead-letter topic, once.
#include <atomic>
#include <deque>
#include <memory>
#include <unordered_map>

#include "daemon/config/config.h"
#include "daemon/ops/metrics.h"
#include "daemon/pipeline/queue.h"
#include "daemon/pipeline/tracker.h"
#include "daemon/pipeline/work_item.h"
#include "daemon/publish/producer.h"
#include "daemon/state/feed_state.h"

namespace newsd::pipeline {

class publisher {
 public:
  publisher(const config::config& cfg, state::feed_state* st, ops::metrics& m, tracker& tr);
  status start(const std::string& bootstrap);

  // Runs until `in` is closed and drained and every report arrived, or the
  // drain deadline (set by begin_drain) passes. Returns false on a fatal producer error.
  bool run(bounded_queue<outgoing>& in);
  void begin_drain(int64_t deadline_ms) { drain_deadline_ms_ = deadline_ms; }

  publish::producer* producer() { return producer_.get(); }
  size_t in_flight() const { return in_flight_.size(); }

 private:
  void on_report(const publish::delivery_report& r);
  bool produce(outgoing&& o);
  void finish(const outgoing& o);
  void dead_letter(outgoing&& o, const std::string& error, const std::string& stage);

  const config::config& cfg_;
  state::feed_state* state_;
  ops::metrics& metrics_;
  tracker& tracker_;
  std::unique_ptr<publish::producer> producer_;
  uint64_t next_token_ = 1;
  std::unordered_map<uint64_t, outgoing> in_flight_;
  std::deque<outgoing> retry_;
  std::atomic<int64_t> drain_deadline_ms_{0};
};

}  // namespace newsd::pipeline
