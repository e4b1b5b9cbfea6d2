#pragma once
// Helpers for newsd tests: a real HTTP server on loopback (civetweb), a
// Kafka read-back consumer, temp dirs and the ../shared data location.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

struct mg_context;

namespace newsd::testing {

// ../shared beside the checkout, or "" when absent (a user's clone).
std::string shared_dir();

#define NEWSD_REQUIRE_SHARED()                                                          \
  do {                                                                                  \
    if (::newsd::testing::shared_dir().empty())                                         \
      GTEST_SKIP() << "../shared is absent (a user's clone): this test needs its data"; \
  } while (0)

// A fresh directory under /tmp, removed by the destructor.
class temp_dir {
 public:
  temp_dir();
  ~temp_dir();
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

struct http_request {
  std::string method, path, query, body;
  std::map<std::string, std::string> headers;  // lower-cased names
};

struct http_response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  int delay_ms = 0;        // wait before answering
  bool never_end = false;  // stream bytes until the client hangs up
};

// A real HTTP/1.1 server on 127.0.0.1 with an ephemeral port.
class http_server {
 public:
  using handler = std::function<http_response(const http_request&)>;
  http_server();
  ~http_server();
  // Exact-path routes; unknown paths get 404.
  void route(const std::string& path, handler h);
  void serve(const std::string& path, std::string body, std::string content_type);
  std::string url(const std::string& path) const;
  int port() const { return port_; }
  int hits(const std::string& path) const;
  // Most requests any route was serving at once since the server started.
  int max_concurrent() const { return max_active_.load(); }

  // internal
  int handle(void* conn);

 private:
  mg_context* ctx_ = nullptr;
  int port_ = 0;
  mutable std::mutex mu_;
  std::map<std::string, handler> routes_;
  std::map<std::string, int> hits_;
  std::atomic<int> active_{0}, max_active_{0};
};

// A TCP port that accepts connections (the kernel backlog does) but never
// answers: for connect-succeeds-then-silence timeouts. Closed by the destructor.
class silent_server {
 public:
  silent_server();
  ~silent_server();
  std::string url(const std::string& path) const;

 private:
  int fd_ = -1;
  int port_ = 0;
};

// Compresses for Content-Encoding tests: "gzip", "deflate" (zlib) or "br"
// (when built with the brotli encoder; otherwise returns "").
std::string compress_body(const std::string& data, const std::string& encoding);
bool have_brotli_encoder();

struct kafka_message {
  std::string topic, key, value;
  int32_t partition = -1;
  std::map<std::string, std::string> headers;
};

// Reads every message of `topic` from the beginning with a real librdkafka
// consumer, until `expected` arrived or `timeout_ms` passed without new ones.
std::vector<kafka_message> consume_all(const std::string& bootstrap, const std::string& topic,
                                       size_t expected, int timeout_ms = 10000);

std::string read_file(const std::string& path);
void write_file(const std::string& path, const std::string& content);

// Polls cond every 50 ms until it holds or `limit` passes; returns its last value.
// For waiting on another process's side effects, not for timing assertions.
bool wait_for(const std::function<bool()>& cond, std::chrono::seconds limit);

// Runs a command, captures stdout (stderr goes to the test log); returns the exit code.
int run_command(const std::string& cmd, std::string* out);

}  // namespace newsd::testing
