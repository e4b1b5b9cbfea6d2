#pragma once
// `newsd process --publish`: the records of an offline run go to Kafka
// through the same outbox and publisher as the daemon's.
#include <memory>
#include <thread>

#include "daemon/config/config.h"
#include "daemon/model/article.h"
#include "daemon/ops/metrics.h"
#include "daemon/pipeline/publisher.h"
#include "daemon/pipeline/queue.h"
#include "daemon/publish/dev_broker.h"
#include "daemon/state/feed_state.h"
#include "daemon/state/outbox.h"

namespace newsd::pipeline {

class offline_publisher {
 public:
  explicit offline_publisher(const config::config& cfg);
  ~offline_publisher();
  status start();
  void submit(const model::record& r, const std::string& record_json);
  // Waits for every delivery report; false when something was not delivered.
  bool finish();

 private:
  const config::config& cfg_;
  ops::metrics metrics_;
  tracker tracker_;
  std::unique_ptr<publish::dev_broker> broker_;
  std::unique_ptr<state::store> store_;
  std::unique_ptr<state::feed_state> feed_state_;
  std::unique_ptr<state::outbox> outbox_;
  std::unique_ptr<publisher> pub_;
  bounded_queue<outgoing> queue_{1024};
  std::thread thread_;
  std::atomic<bool> ok_{true};
};

}  // namespace newsd::pipeline
