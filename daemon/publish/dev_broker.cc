#include "daemon/publish/dev_broker.h"

namespace newsd::publish {

result<std::unique_ptr<dev_broker>> dev_broker::start(int brokers) {
  char errstr[512];
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  // This handle never talks to a broker; it only hosts the mock cluster.
  rd_kafka_conf_set(conf, "log_level", "3", errstr, sizeof errstr);
  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof errstr);
  if (rk == nullptr) {
    rd_kafka_conf_destroy(conf);
    return make_error(errc::kafka, std::string("cannot create the dev broker handle: ") + errstr);
  }
  rd_kafka_mock_cluster_t* mc = rd_kafka_mock_cluster_new(rk, brokers);
  if (mc == nullptr) {
    rd_kafka_destroy(rk);
    return make_error(errc::kafka, "cannot start the mock Kafka cluster");
  }
  std::unique_ptr<dev_broker> b(new dev_broker());
  b->handle_ = rk;
  b->cluster_ = mc;
  b->bootstrap_ = rd_kafka_mock_cluster_bootstraps(mc);
  return b;
}

dev_broker::~dev_broker() {
  if (cluster_ != nullptr) rd_kafka_mock_cluster_destroy(cluster_);
  if (handle_ != nullptr) rd_kafka_destroy(handle_);
}

status dev_broker::create_topic(const std::string& name, int partitions, int replication) {
  rd_kafka_resp_err_t err = rd_kafka_mock_topic_create(cluster_, name.c_str(), partitions, replication);
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR && err != RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS) {
    return make_error(errc::kafka, "cannot create topic " + name + ": " + rd_kafka_err2str(err));
  }
  return ok_status();
}

}  // namespace newsd::publish
