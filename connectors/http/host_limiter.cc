#include "connectors/http/host_limiter.h"

#include <algorithm>
#include <cmath>

namespace newsd::http {

std::string host_key(std::string_view url) {
  auto scheme = url.find("://");
  if (scheme == std::string_view::npos) return "";
  std::string_view rest = url.substr(scheme + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (auto at = rest.rfind('@'); at != std::string_view::npos) rest = rest.substr(at + 1);
  std::string out(rest);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return out;
}

void host_limiter::refill(state& s, int64_t now_ms) const {
  double burst = std::max(1, limits_.concurrency);
  if (s.refilled_ms < 0) {
    s.tokens = burst;  // a host never seen may start a small burst at once
  } else if (now_ms > s.refilled_ms) {
    s.tokens = std::min(burst, s.tokens + static_cast<double>(now_ms - s.refilled_ms) *
                                              limits_.requests_per_minute / 60000.0);
  }
  s.refilled_ms = std::max(s.refilled_ms, now_ms);
}

int64_t host_limiter::ready_at(const std::string& host, int64_t now_ms) {
  state& s = hosts_[host];
  if (limits_.concurrency > 0 && s.active >= limits_.concurrency) return -1;
  if (limits_.requests_per_minute <= 0) return 0;
  refill(s, now_ms);
  if (s.tokens >= 1.0) return 0;
  double wait = (1.0 - s.tokens) * 60000.0 / limits_.requests_per_minute;
  return now_ms + std::max<int64_t>(1, static_cast<int64_t>(std::ceil(wait)));
}

void host_limiter::acquire(const std::string& host, int64_t now_ms) {
  state& s = hosts_[host];
  ++s.active;
  if (limits_.requests_per_minute > 0) {
    refill(s, now_ms);
    s.tokens -= 1.0;
  }
}

void host_limiter::release(const std::string& host) {
  auto it = hosts_.find(host);
  if (it == hosts_.end()) return;
  if (it->second.active > 0) --it->second.active;
  // Without a rate there is nothing to remember about an idle host.
  if (it->second.active == 0 && limits_.requests_per_minute <= 0) hosts_.erase(it);
}

void host_limiter::prune(int64_t now_ms) {
  const double burst = std::max(1, limits_.concurrency);
  for (auto it = hosts_.begin(); it != hosts_.end();) {
    state& s = it->second;
    bool idle = s.active == 0;
    if (idle && limits_.requests_per_minute > 0) {
      refill(s, now_ms);
      idle = s.tokens >= burst;
    }
    it = idle ? hosts_.erase(it) : std::next(it);
  }
}

int host_limiter::in_flight(const std::string& host) const {
  auto it = hosts_.find(host);
  return it == hosts_.end() ? 0 : it->second.active;
}

}  // namespace newsd::http
