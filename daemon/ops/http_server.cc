#include "daemon/ops/http_server.h"

#include <arpa/inet.h>
#include <civetweb.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
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

namespace {
// The address to connect to for waking the server bound by `listen` ("port", "+port",
// "host:port", "[v6]:port"): the bound host, with 0.0.0.0 / :: as loopback.
std::string poke_host(const std::string& listen, int protocol) {
  std::string host;
  if (listen.starts_with('[')) {
    host = listen.substr(1, listen.find(']') - 1);
  } else if (auto colon = listen.rfind(':'); colon != std::string::npos) {
    host = listen.substr(0, colon);
  }
  if (host.empty()) return protocol == 1 ? "127.0.0.1" : "::1";  // civetweb: 1 IPv4, else IPv6
  if (host == "0.0.0.0") return "127.0.0.1";
  if (host == "::") return "::1";
  return host;
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
    s->poke_host_ = poke_host(listen, ports[0].protocol);
  }
  mg_set_request_handler(s->ctx_, "/", &dispatch, s.get());
  return s;
}

namespace {
// A connection to our own listening socket over loopback: civetweb's master
// thread sleeps in poll() for up to 2 s between checks of its stop flag.
// The address is resolved once (a host name in `listen` may need DNS).
struct poke_target {
  sockaddr_storage addr{};
  socklen_t len = 0;
};
poke_target resolve_poke(const std::string& host, int port) {
  poke_target t;
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_NUMERICSERV;
  addrinfo* res = nullptr;
  if (getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &res) == 0 &&
      res != nullptr) {
    std::memcpy(&t.addr, res->ai_addr, res->ai_addrlen);
    t.len = res->ai_addrlen;
  }
  if (res != nullptr) freeaddrinfo(res);
  return t;
}
void poke(const poke_target& t) {
  if (t.len == 0) return;
  int fd = socket(t.addr.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) return;
  (void)connect(fd, reinterpret_cast<const sockaddr*>(&t.addr), t.len);
  close(fd);
}
}  // namespace

endpoint_server::~endpoint_server() {
  if (ctx_ == nullptr) return;
  // mg_stop would wait out the master thread's poll: wake it instead, so that
  // stopping takes milliseconds (the stop must fit in shutdown_timeout).
  poke_target target;
  if (port_ > 0 && !poke_host_.empty()) target = resolve_poke(poke_host_, port_);
  auto done = std::async(std::launch::async, [ctx = ctx_] { mg_stop(ctx); });
  while (done.wait_for(std::chrono::milliseconds(20)) != std::future_status::ready) poke(target);
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
