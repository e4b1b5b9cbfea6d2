#pragma once
// The operator endpoints (civetweb): /metrics (Prometheus text format),
// /healthz (the process is alive) and /readyz (503 until the pipeline has
// started and Kafka answered; 503 again while draining). Also the dev sample
// server that serves the bundled sample feeds for `newsd run --dev`.
#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "common/result.h"

struct mg_context;

namespace newsd::ops {

class metrics;

class endpoint_server {
 public:
  struct route {
    std::string content_type;
    std::function<std::pair<int, std::string>()> body;  // status, body
  };
  // listen: "127.0.0.1:9464"
  static result<std::unique_ptr<endpoint_server>> start(const std::string& listen,
                                                        std::map<std::string, route> routes);
  ~endpoint_server();
  endpoint_server(const endpoint_server&) = delete;
  endpoint_server& operator=(const endpoint_server&) = delete;
  int port() const { return port_; }

  // internal
  int handle(void* conn);

 private:
  endpoint_server() = default;
  mg_context* ctx_ = nullptr;
  int port_ = 0;
  // Where stopping connects to wake civetweb (the bound address, its unspecified
  // form mapped to loopback); empty when unknown.
  std::string poke_host_;
  std::map<std::string, route> routes_;
};

struct health {
  std::atomic<bool> ready{false};
  std::atomic<bool> draining{false};
};

// /metrics, /healthz, /readyz.
result<std::unique_ptr<endpoint_server>> start_ops_server(const std::string& listen,
                                                          const metrics& m, const health& h);

// The bundled sample feeds at /samples/NAME.
result<std::unique_ptr<endpoint_server>> start_sample_server(const std::string& listen);

}  // namespace newsd::ops
