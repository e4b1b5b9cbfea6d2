#pragma once
// Per-host politeness: at most `concurrency` requests in flight and about
// `requests_per_minute` request starts per host (token bucket, burst of
// `concurrency`). Pure bookkeeping with an injected clock, so it is unit tested
// without I/O; the client asks it before starting each transfer.
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

namespace newsd::http {

struct host_limits {
  int concurrency = 2;           // 0 = unlimited
  int requests_per_minute = 60;  // 0 = unlimited
};

class host_limiter {
 public:
  explicit host_limiter(host_limits limits) : limits_(limits) {}

  // 0 when a request to `host` may start at now_ms (then call acquire), else
  // the earliest time worth asking again; -1 when blocked on concurrency
  // (ask again after a release).
  int64_t ready_at(const std::string& host, int64_t now_ms);
  void acquire(const std::string& host, int64_t now_ms);
  void release(const std::string& host);

  // Forgets idle hosts whose bucket is full again at now_ms (they carry no
  // information), so that 100k feeds on 100k hosts do not keep 100k entries.
  // Linear: the client calls it about once a minute.
  void prune(int64_t now_ms);

  int in_flight(const std::string& host) const;
  size_t hosts() const { return hosts_.size(); }
  const host_limits& limits() const { return limits_; }

 private:
  struct state {
    int active = 0;
    double tokens = 0;
    int64_t refilled_ms = -1;
  };
  void refill(state& s, int64_t now_ms) const;
  host_limits limits_;
  std::unordered_map<std::string, state> hosts_;
};

// "https://User@Example.COM:8443/a?b" -> "example.com:8443"; "" when not a URL.
std::string host_key(std::string_view url);

}  // namespace newsd::http
