#include "daemon/publish/producer.h"

#include <algorithm>
#include <set>

#include "common/log.h"

namespace newsd::publish {

namespace {
bool set(rd_kafka_conf_t* conf, const std::string& k, const std::string& v, std::string& err) {
  char errstr[512];
  if (rd_kafka_conf_set(conf, k.c_str(), v.c_str(), errstr, sizeof errstr) != RD_KAFKA_CONF_OK) {
    err = "kafka property \"" + k + "\": " + errstr;
    return false;
  }
  return true;
}
}  // namespace

result<std::unique_ptr<producer>> producer::create(const config::kafka_section& cfg,
                                                   const std::string& bootstrap,
                                                   report_fn on_report) {
  std::unique_ptr<producer> p(new producer());
  p->on_report_ = std::move(on_report);
  p->brokers_ = bootstrap.empty() ? cfg.brokers : bootstrap;
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  std::string err;
  bool ok = set(conf, "bootstrap.servers", bootstrap.empty() ? cfg.brokers : bootstrap, err) &&
            set(conf, "client.id", cfg.client_id, err) &&
            set(conf, "enable.idempotence", "true", err) && set(conf, "acks", "all", err) &&
            set(conf, "compression.codec", cfg.compression, err) &&
            set(conf, "message.timeout.ms", std::to_string(cfg.message_timeout_ms), err) &&
            set(conf, "linger.ms", "5", err) &&
            // Bounded client memory during a broker outage: the outbox holds the rest.
            set(conf, "queue.buffering.max.kbytes", "65536", err) &&
            set(conf, "queue.buffering.max.messages", "100000", err);
  for (const auto& [k, v] : cfg.properties) {
    if (!ok) break;
    ok = set(conf, k, v, err);
  }
  if (!ok) {
    rd_kafka_conf_destroy(conf);
    return make_error(errc::config, err);
  }
  rd_kafka_conf_set_dr_msg_cb(conf, &producer::on_delivery);
  rd_kafka_conf_set_error_cb(conf, &producer::on_error);
  // librdkafka's own log lines go through ours (errors already come via on_error).
  rd_kafka_conf_set_log_cb(
      conf, [](const rd_kafka_t*, int level, const char* fac, const char* buf) {
        if (log::enabled(log::level::debug)) {
          log::debug("kafka", buf,
                     std::string("facility=") + fac + " syslog_level=" + std::to_string(level));
        }
      });
  rd_kafka_conf_set_opaque(conf, p.get());
  char errstr[512];
  p->rk_ = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof errstr);
  if (p->rk_ == nullptr) {
    rd_kafka_conf_destroy(conf);
    return make_error(errc::kafka, std::string("cannot create the Kafka producer: ") + errstr);
  }
  p->main_q_ = rd_kafka_queue_get_main(p->rk_);
  return p;
}

producer::~producer() {
  if (main_q_ != nullptr) rd_kafka_queue_destroy(main_q_);
  if (rk_ != nullptr) rd_kafka_destroy(rk_);
}

void producer::on_delivery(rd_kafka_t*, const rd_kafka_message_t* msg, void* opaque) {
  auto* self = static_cast<producer*>(opaque);
  delivery_report r;
  r.token = reinterpret_cast<uintptr_t>(msg->_private);
  r.err = msg->err;
  r.partition = msg->partition;
  r.offset = msg->offset;
  if (msg->err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    r.error = rd_kafka_err2str(msg->err);
    // Timed-out and transport errors are retriable from the outbox; a
    // message the broker refuses outright (too large, bad topic) is not.
    r.retriable = msg->err != RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE &&
                  msg->err != RD_KAFKA_RESP_ERR_INVALID_RECORD &&
                  msg->err != RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED &&
                  msg->err != RD_KAFKA_RESP_ERR__INVALID_ARG;
  }
  if (self->on_report_) self->on_report_(r);
}

void producer::on_error(rd_kafka_t* rk, int err, const char* reason, void* opaque) {
  auto* self = static_cast<producer*>(opaque);
  if (err == RD_KAFKA_RESP_ERR__FATAL) {
    char buf[512];
    rd_kafka_fatal_error(rk, buf, sizeof buf);
    self->fatal_reason_ = buf;
    self->fatal_ = true;
    log::error("publish", "fatal Kafka producer error", "reason=" + log::quote(buf));
    return;
  }
  log::warn("publish", "Kafka client error",
            std::string("error=") + rd_kafka_err2name(static_cast<rd_kafka_resp_err_t>(err)) +
                " reason=" + log::quote(reason));
}

produce_outcome producer::produce(const message& m, std::string* error) {
  rd_kafka_resp_err_t err = rd_kafka_producev(
      rk_, RD_KAFKA_V_TOPIC(m.topic.c_str()),
      RD_KAFKA_V_KEY(const_cast<char*>(m.key.data()), m.key.size()),
      RD_KAFKA_V_VALUE(const_cast<char*>(m.value.data()), m.value.size()),
      RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
      RD_KAFKA_V_HEADER("content-type", "application/json", -1),
      RD_KAFKA_V_HEADER("schema-version", "1", -1),
      RD_KAFKA_V_HEADER("newsd-source", m.source.data(), static_cast<ssize_t>(m.source.size())),
      RD_KAFKA_V_OPAQUE(reinterpret_cast<void*>(static_cast<uintptr_t>(m.token))), RD_KAFKA_V_END);
  if (err == RD_KAFKA_RESP_ERR_NO_ERROR) return produce_outcome::queued;
  if (err == RD_KAFKA_RESP_ERR__QUEUE_FULL) return produce_outcome::queue_full;
  if (error) *error = rd_kafka_err2str(err);
  return produce_outcome::rejected;
}

int producer::poll(int timeout_ms) { return rd_kafka_poll(rk_, timeout_ms); }

// rd_kafka_poll serves the main queue: yielding it ends the wait (thread-safe).
void producer::wake() { rd_kafka_queue_yield(main_q_); }

bool producer::flush(int64_t timeout_ms) {
  rd_kafka_flush(rk_, static_cast<int>(timeout_ms));
  return rd_kafka_outq_len(rk_) == 0;
}

int producer::outstanding() const { return rd_kafka_outq_len(rk_); }

void producer::purge() {
  rd_kafka_purge(
      rk_, RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT | RD_KAFKA_PURGE_F_NON_BLOCKING);
  rd_kafka_poll(rk_, 0);
}

bool producer::fatal(std::string* reason) const {
  if (fatal_ && reason) *reason = fatal_reason_;
  return fatal_;
}

status producer::check_topics(const std::vector<std::string>& topics, int timeout_ms) {
  const rd_kafka_metadata_t* md = nullptr;
  rd_kafka_resp_err_t err = rd_kafka_metadata(rk_, 1, nullptr, &md, timeout_ms);
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    return make_error(errc::network, "cannot reach the Kafka brokers (" + brokers_ +
                                         "): " + rd_kafka_err2str(err));
  }
  std::set<std::string> present;
  std::string not_ready;
  for (int i = 0; i < md->topic_cnt; ++i) {
    const auto& t = md->topics[i];
    if (t.err == RD_KAFKA_RESP_ERR_NO_ERROR) {
      present.insert(t.topic);
    } else if (t.err != RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART &&
               std::find(topics.begin(), topics.end(), t.topic) != topics.end()) {
      // It exists but cannot take records now (no leader, no authorisation).
      present.insert(t.topic);
      not_ready += std::string(not_ready.empty() ? "" : ", ") + t.topic + " (" +
                   rd_kafka_err2str(t.err) + ")";
    }
  }
  rd_kafka_metadata_destroy(md);
  std::string missing;
  for (const auto& t : topics) {
    if (!present.count(t)) missing += (missing.empty() ? "" : ", ") + t;
  }
  if (!missing.empty()) return make_error(errc::not_found, "missing Kafka topics: " + missing);
  if (!not_ready.empty()) return make_error(errc::kafka, "Kafka topics not ready: " + not_ready);
  return ok_status();
}

}  // namespace newsd::publish

namespace newsd::publish {

status producer::create_topics(const std::vector<std::string>& topics, int partitions,
                               int replication, int timeout_ms) {
  std::vector<rd_kafka_NewTopic_t*> nts;
  char errstr[512];
  for (const auto& t : topics) {
    rd_kafka_NewTopic_t* nt =
        rd_kafka_NewTopic_new(t.c_str(), partitions, replication, errstr, sizeof errstr);
    if (nt == nullptr) {
      for (auto* n : nts) rd_kafka_NewTopic_destroy(n);
      return make_error(errc::config, "topic " + t + ": " + errstr);
    }
    nts.push_back(nt);
  }
  rd_kafka_queue_t* q = rd_kafka_queue_new(rk_);
  rd_kafka_AdminOptions_t* opts = rd_kafka_AdminOptions_new(rk_, RD_KAFKA_ADMIN_OP_CREATETOPICS);
  rd_kafka_AdminOptions_set_operation_timeout(opts, timeout_ms, errstr, sizeof errstr);
  rd_kafka_CreateTopics(rk_, nts.data(), nts.size(), opts, q);
  rd_kafka_event_t* ev = rd_kafka_queue_poll(q, timeout_ms + 1000);
  std::string failures;
  if (ev == nullptr) {
    failures = "no answer from the cluster";
  } else if (rd_kafka_event_error(ev) != RD_KAFKA_RESP_ERR_NO_ERROR) {
    failures = rd_kafka_event_error_string(ev);
  } else if (const rd_kafka_CreateTopics_result_t* res = rd_kafka_event_CreateTopics_result(ev)) {
    size_t n = 0;
    const rd_kafka_topic_result_t** trs = rd_kafka_CreateTopics_result_topics(res, &n);
    for (size_t i = 0; i < n; ++i) {
      auto err = rd_kafka_topic_result_error(trs[i]);
      if (err != RD_KAFKA_RESP_ERR_NO_ERROR && err != RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS) {
        failures += std::string(failures.empty() ? "" : "; ") + rd_kafka_topic_result_name(trs[i]) +
                    ": " + rd_kafka_err2str(err);
      }
    }
  }
  if (ev) rd_kafka_event_destroy(ev);
  rd_kafka_AdminOptions_destroy(opts);
  rd_kafka_queue_destroy(q);
  for (auto* n : nts) rd_kafka_NewTopic_destroy(n);
  if (!failures.empty()) return make_error(errc::kafka, "cannot create topics: " + failures);
  return ok_status();
}

}  // namespace newsd::publish
