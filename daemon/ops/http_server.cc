#include "daemon/ops/http_server.h"

#include <arpa/inet.h>
#include <civetweb.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <future>
#include <thread>

#include "daemon/ops/embedded_samples.h"
#include "daemon/ops/metrics.h"

namespace newsd::ops {

namespace {
int dispatch(mg_connection* conn, void* cbdata) {
  return static_cast<endpoint_server*>(cbdata)->handle(conn);
}
}  // namespace

result<std::unique_ptr<endpoint_server>> endpoint_server::start(
    const std::string& listen, std::map<std::string, route> routes) {
  std::unique_ptr<endpoint_server> s(new endpoint_server());
  s->routes_ = std::move(routes);
  const char* options[] = {"listening_ports", listen.c_str(), "num_threads", "2", nullptr};
  mg_callbacks cb{};
  s->ctx_ = mg_start(&cb, s.get(), options);
  if (s->ctx_ == nullptr) {
    return make_error(errc::io, "cannot listen on " + listen + " (address in use or invalid)");
  }
  mg_server_port ports[2];
  if (mg_get_server_ports(s->ctx_, 2, ports) > 0) {
    s->port_ = ports[0].port;
    s->ipv6_ = ports[0].protocol == 2;  // civetweb: 1 IPv4, 2 IPv6, 3 both
  }
  mg_set_request_handler(s->ctx_, "/", &dispatch, s.get());
  return s;
}

namespace {
// A connection to our own listening socket over loopback: civetweb's master
// thread sleeps in poll() for up to 2 s between checks of its stop flag.
void poke(int port, bool ipv6) {
  int fd = socket(ipv6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) return;
  if (ipv6) {
    sockaddr_in6 a{};
    a.sin6_family = AF_INET6;
    a.sin6_port = htons(static_cast<uint16_t>(port));
    a.sin6_addr = in6addr_loopback;
    (void)connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
  } else {
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<uint16_t>(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    (void)connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
  }
  close(fd);
}
}  // namespace

endpoint_server::~endpoint_server() {
  if (ctx_ == nullptr) return;
  // mg_stop would wait out the master thread's poll: wake it instead, so that
  // stopping takes milliseconds (the stop must fit in shutdown_timeout).
  auto done = std::async(std::launch::async, [ctx = ctx_] { mg_stop(ctx); });
  while (done.wait_for(std::chrono::milliseconds(20)) != std::future_status::ready) {
    if (port_ > 0) poke(port_, ipv6_);
  }
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

result<std::unique_ptr<endpoint_server>> start_ops_server(const std::string& listen,
                                                          const metrics& m, const health& h) {
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
