#pragma once
// Idempotent Kafka producer (librdkafka C API). Every message carries an
// opaque token that comes back in its delivery report, so the caller (the
// outbox) deletes an item only once the broker has acknowledged it.
#include <librdkafka/rdkafka.h>

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "common/result.h"
#include "daemon/config/config.h"

namespace newsd::publish {

struct message {
  std::string topic;
  std::string key;
  std::string value;
  std::string source;  // newsd-source header: the feed id
  uint64_t token = 0;  // comes back in the delivery report
};

struct delivery_report {
  uint64_t token = 0;
  rd_kafka_resp_err_t err = RD_KAFKA_RESP_ERR_NO_ERROR;
  std::string error;  // empty on success
  bool retriable = false;
  int32_t partition = -1;
  int64_t offset = -1;
};

enum class produce_outcome { queued, queue_full, rejected };

class producer {
 public:
  using report_fn = std::function<void(const delivery_report&)>;

  // bootstrap overrides cfg.brokers (used for the embedded broker).
  static result<std::unique_ptr<producer>> create(const config::kafka_section& cfg,
                                                  const std::string& bootstrap,
                                                  report_fn on_report);
  ~producer();
  producer(const producer&) = delete;
  producer& operator=(const producer&) = delete;

  // queue_full: call poll() and try again (backpressure). rejected: the
  // message can never be produced (too large, unknown topic); error says why.
  produce_outcome produce(const message& m, std::string* error = nullptr);

  // Serves delivery reports; returns how many were served.
  int poll(int timeout_ms);
  // Makes a poll() blocked in another thread return now (or the next one
  // return at once): another thread has work for the polling thread.
  void wake();

  // Waits for every queued message's report; false when some remain.
  bool flush(int64_t timeout_ms);

  int outstanding() const;
  // Drops every message the client still holds, queued or in flight (their
  // reports come as purge errors on the next poll, which this serves), so
  // that destroying the client does not wait for unreachable brokers.
  void purge();

  // A fatal error (idempotence broken): the process must flush what it can and exit.
  bool fatal(std::string* reason) const;

  // Checks that the topics exist (metadata request). not_found names the
  // missing ones; network: the brokers did not answer (error names them).
  status check_topics(const std::vector<std::string>& topics, int timeout_ms);
  // Creates the missing ones among topics (admin API).
  status create_topics(const std::vector<std::string>& topics, int partitions, int replication,
                       int timeout_ms);

 private:
  producer() = default;
  static void on_delivery(rd_kafka_t*, const rd_kafka_message_t* msg, void* opaque);
  static void on_error(rd_kafka_t*, int err, const char* reason, void* opaque);

  rd_kafka_t* rk_ = nullptr;
  rd_kafka_queue_t* main_q_ = nullptr;  // the queue poll() serves (for wake)
  report_fn on_report_;
  std::atomic<bool> fatal_{false};
  std::string fatal_reason_;
  std::string brokers_;
};

}  // namespace newsd::publish
