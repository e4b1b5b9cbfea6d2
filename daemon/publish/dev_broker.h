#pragma once
// An in-process Kafka-protocol cluster (librdkafka's mock cluster) for
// `newsd dev-broker`, `kafka.brokers = "embedded"` and tests. Keeps nothing on disk.
#include <librdkafka/rdkafka.h>
// rdkafka_mock.h needs rdkafka.h first.
#include <librdkafka/rdkafka_mock.h>

#include <memory>
#include <string>

#include "common/result.h"

namespace newsd::publish {

class dev_broker {
 public:
  static result<std::unique_ptr<dev_broker>> start(int brokers);
  ~dev_broker();
  dev_broker(const dev_broker&) = delete;
  dev_broker& operator=(const dev_broker&) = delete;

  const std::string& bootstrap() const { return bootstrap_; }
  rd_kafka_mock_cluster_t* cluster() const { return cluster_; }
  status create_topic(const std::string& name, int partitions, int replication = 1);

 private:
  dev_broker() = default;
  rd_kafka_t* handle_ = nullptr;  // owns the cluster's threads
  rd_kafka_mock_cluster_t* cluster_ = nullptr;
  std::string bootstrap_;
};

}  // namespace newsd::publish
