#pragma once
// Asynchronous HTTP client on libcurl's multi interface: one thread calls
// perform() in a loop and drives thousands of transfers; completions come
// back through each request's callback on that same thread.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "common/result.h"
#include "connectors/http/host_limiter.h"

namespace newsd::http {

struct client_options {
  std::string user_agent = "newsd";
  std::string proxy;
  int64_t connect_timeout_ms = 10000;
  int64_t timeout_ms = 30000;
  int64_t low_speed_time_ms = 15000;
  int64_t low_speed_bytes = 100;
  int64_t max_body_bytes = int64_t{10} * 1024 * 1024;  // after decompression
  int max_redirects = 5;
  int max_concurrent = 256;
  host_limits per_host;                  // politeness, shared by every request of this client
  bool http2 = true;                     // negotiate HTTP/2 over TLS (ALPN); h1.1 otherwise
  bool allow_private_addresses = false;  // false: refuse loopback/private targets (SSRF guard)
};

struct request {
  std::string url;
  std::string etag;           // sent as If-None-Match
  std::string last_modified;  // sent as If-Modified-Since
  std::vector<std::string> extra_headers;
};

// Bounded classes, usable as metric label values.
enum class error_class { none, dns, connect, tls, timeout, too_large, http_4xx, http_5xx, redirect, other };
const char* error_class_name(error_class c);

struct response {
  int status = 0;                // final HTTP status (0 when no response)
  std::string effective_url;     // after redirects
  std::map<std::string, std::string> headers;  // lower-cased names, final response only
  std::string body;              // decompressed
  std::vector<std::pair<int, std::string>> redirects;  // (status, location) hops
  bool redirect_loop = false;    // a Location pointed back to a URL already visited
  error_class error = error_class::none;
  std::string error_message;
  double total_seconds = 0;
  std::string header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? std::string() : it->second;
  }
};

class client {
 public:
  using callback = std::function<void(response&&)>;
  explicit client(client_options opts);
  ~client();
  client(const client&) = delete;
  client& operator=(const client&) = delete;

  // Queues the request behind its host's politeness limits; `done` is called
  // from perform() on this thread, exactly once, unless the client is destroyed first.
  void submit(request req, callback done);
  // Runs transfers for up to timeout_ms; returns the number still running.
  int perform(int timeout_ms);
  int active() const;
  // Requests queued (not started) because of global or per-host limits.
  int queued() const;
  // Wakes a perform() blocked in poll (thread-safe).
  void wakeup();

  // Blocking convenience for tools and tests.
  response fetch(const request& req);

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

// Splits "text/html; charset=windows-1256" -> "windows-1256" (lower-cased), "" when absent.
std::string charset_from_content_type(const std::string& content_type);

}  // namespace newsd::http
