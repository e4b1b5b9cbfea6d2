#include "daemon/ops/http_server.h"

#include <civetweb.h>

#include "daemon/ops/embedded_samples.h"
#include "daemon/ops/metrics.h"

namespace newsd::ops {

namespace {
int dispatch(mg_connection* conn, void* cbdata) {
  return static_cast<endpoint_server*>(cbdata)->handle(conn);
}
}  // namespace

result<std::unique_ptr<endpoint_server>> endpoint_server::start(const std::string& listen,
                                                                std::map<std::string, route> routes) {
  std::unique_ptr<endpoint_server> s(new endpoint_server());
  s->routes_ = std::move(routes);
  const char* options[] = {"listening_ports", listen.c_str(), "num_threads", "2", nullptr};
  mg_callbacks cb{};
  s->ctx_ = mg_start(&cb, s.get(), options);
  if (s->ctx_ == nullptr) {
    return make_error(errc::io, "cannot listen on " + listen + " (address in use or invalid)");
  }
  mg_server_port ports[2];
  if (mg_get_server_ports(s->ctx_, 2, ports) > 0) s->port_ = ports[0].port;
  mg_set_request_handler(s->ctx_, "/", &dispatch, s.get());
  return s;
}

endpoint_server::~endpoint_server() {
  if (ctx_ != nullptr) mg_stop(ctx_);
}

int endpoint_server::handle(void* c) {
  auto* conn = static_cast<mg_connection*>(c);
  const mg_request_info* ri = mg_get_request_info(conn);
  std::string path = ri->local_uri ? ri->local_uri : "/";
  auto it = routes_.find(path);
  if (it == routes_.end()) {
    mg_send_http_error(conn, 404, "%s", "not found\n");
    return 404;
  }
  auto [code, body] = it->second.body();
  mg_response_header_start(conn, code);
  mg_response_header_add(conn, "Content-Type", it->second.content_type.c_str(), -1);
  mg_response_header_add(conn, "Content-Length", std::to_string(body.size()).c_str(), -1);
  mg_response_header_add(conn, "Cache-Control", "no-store", -1);
  mg_response_header_send(conn);
  if (std::string(ri->request_method) != "HEAD") mg_write(conn, body.data(), body.size());
  return code;
}

result<std::unique_ptr<endpoint_server>> start_ops_server(const std::string& listen, const metrics& m,
                                                          const health& h) {
  std::map<std::string, endpoint_server::route> routes;
  routes["/metrics"] = {"text/plain; version=0.0.4; charset=utf-8",
                        [&m] { return std::pair<int, std::string>(200, m.scrape()); }};
  routes["/healthz"] = {"text/plain", [] { return std::pair<int, std::string>(200, "ok\n"); }};
  routes["/readyz"] = {"text/plain", [&h] {
                         if (h.draining) return std::pair<int, std::string>(503, "draining\n");
                         if (!h.ready) return std::pair<int, std::string>(503, "starting\n");
                         return std::pair<int, std::string>(200, "ready\n");
                       }};
  return endpoint_server::start(listen, std::move(routes));
}

result<std::unique_ptr<endpoint_server>> start_sample_server(const std::string& listen) {
  std::map<std::string, endpoint_server::route> routes;
  for (const auto& s : kEmbeddedSamples) {
    std::string body(s.body);
    routes[std::string("/samples/") + s.name] = {
        s.content_type, [body] { return std::pair<int, std::string>(200, body); }};
  }
  return endpoint_server::start(listen, std::move(routes));
}

}  // namespace newsd::ops
