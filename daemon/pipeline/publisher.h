#pragma once
// The publish stage. Two threads: this one takes processed records, hands them
// to the outbox writer (state::outbox_writer: rows and their items' seen-marks,
// group-committed by its own thread), produces each record once its row is
// committed, and serves delivery reports. A row leaves the outbox only on
// a successful delivery report; a retriable failure (including librdkafka's
// message timeout) is produced again with backoff; a permanent one becomes a
// dead letter, once. In --once mode a failed record is not retried: it stays
// in the outbox for the next run (counted by undelivered()). When the outbox is full, it stops
// taking input, so the queues before it fill and fetching pauses: nothing is dropped.
#include <atomic>
#include <deque>
#include <memory>
#include <unordered_map>
#include <vector>

#include "daemon/config/config.h"
#include "daemon/ops/metrics.h"
#include "daemon/pipeline/queue.h"
#include "daemon/pipeline/tracker.h"
#include "daemon/pipeline/work_item.h"
#include "daemon/publish/producer.h"
#include "daemon/state/outbox.h"

namespace newsd::pipeline {

class publisher {
 public:
  // once: a delivery failure is final for this run (the row stays in the outbox).
  publisher(const config::config& cfg, state::outbox& ob, ops::metrics& m, tracker& tr,
            bool once = false);
  status start(const std::string& bootstrap);

  // Produces every row a previous run left in the outbox (before run()).
  status replay();

  // Runs until `in` is closed and drained and every record has its delivery
  // report (in --once mode: or shutdown_timeout after the input closed), or
  // the drain deadline passes. False on a fatal producer or outbox error.
  // close() must follow.
  bool run(bounded_queue<outgoing>& in);
  void begin_drain(int64_t deadline_ms) { drain_deadline_ms_ = deadline_ms; }
  // Ends delivery (after run() returned): serves delivery reports until
  // deadline_ms at the latest, drops what the Kafka client still holds (those
  // rows stay in the outbox), writes the acknowledgements, stops the writer.
  // False when the outbox could not be written.
  bool close(int64_t deadline_ms);

  publish::producer* producer() { return producer_.get(); }
  // Records accepted and not acknowledged (they are, or will be, in the outbox).
  size_t undelivered() const { return in_flight() + given_up_; }
  // CPU time of the outbox writer thread (the benchmark reports the stage's total).
  double worker_cpu_seconds() const { return writer_.cpu_seconds(); }
  uint64_t outbox_transactions() const { return writer_.transactions(); }

 private:
  struct pending {
    publish::message msg;  // msg.value is kept only until produced (librdkafka copies it)
    std::string feed_id, item_key, url;
    int64_t enqueued_ms = 0;
    int attempts = 0;
    int64_t not_before_ms = 0;
  };
  bool accept(bounded_queue<outgoing>& in, bool& input_open, size_t room);
  void produce_committed();
  // False when librdkafka's queue is full: the record then waits on retry_ (its value
  // dropped; the outbox has it), so that no caller blocks while Kafka is away.
  bool produce(int64_t seq, pending& p);
  bool finish(bool ok);
  prometheus::Counter& published_counter(const std::string& topic);
  void on_report(const publish::delivery_report& r);
  void to_deadletter(int64_t seq, pending&& in, const std::string& error);
  void retry_due(int64_t now);
  bool flush_acked(bool force);
  size_t in_flight() const { return pending_.size() + awaiting_.size(); }

  const config::config& cfg_;
  state::outbox& outbox_;
  ops::metrics& metrics_;
  tracker& tracker_;
  std::unique_ptr<publish::producer> producer_;
  state::outbox_writer writer_;
  std::deque<pending> awaiting_;  // handed to the writer, not yet committed (in order)
  std::vector<int64_t> committed_;
  std::vector<outgoing> taken_;                   // input taken in one batch (reused)
  std::unordered_map<int64_t, pending> pending_;  // by outbox seq (the message token)
  std::vector<std::pair<std::string, prometheus::Counter*>> published_;  // by topic
  std::deque<int64_t> retry_;
  std::vector<int64_t> acked_;
  bool failed_ = false;
  const bool once_;
  size_t given_up_ = 0;   // --once: failed records left in the outbox for the next run
  bool closing_ = false;  // close() purged the client: its failure reports mean nothing
  bool writer_stopped_ = false;
  std::atomic<int64_t> drain_deadline_ms_{0};
};

}  // namespace newsd::pipeline
