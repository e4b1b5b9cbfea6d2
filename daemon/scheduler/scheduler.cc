#include "daemon/scheduler/scheduler.h"

#include <algorithm>

namespace newsd::scheduler {

std::optional<int64_t> median_gap_ms(std::vector<int64_t> times, size_t window) {
  std::sort(times.begin(), times.end(), std::greater<>());
  times.erase(std::unique(times.begin(), times.end()), times.end());
  if (times.size() > window) times.resize(window);
  if (times.size() < 3) return std::nullopt;
  std::vector<int64_t> gaps;
  gaps.reserve(times.size() - 1);
  for (size_t i = 1; i < times.size(); ++i) gaps.push_back(times[i - 1] - times[i]);
  auto mid = gaps.begin() + static_cast<std::ptrdiff_t>(gaps.size() / 2);
  std::nth_element(gaps.begin(), mid, gaps.end());
  return *mid;
}

int backoff_factor(error_kind k) {
  switch (k) {
    case error_kind::dns:
    case error_kind::tls:
    case error_kind::http_4xx: return 4;
    case error_kind::parse: return 2;
    case error_kind::connect:
    case error_kind::timeout:
    case error_kind::http_5xx:
    case error_kind::rate_limited:
    case error_kind::other: return 1;
    case error_kind::none: return 1;
  }
  return 1;
}

namespace {

int64_t clamp_interval(const policy& p, int64_t v) {
  return std::clamp(v, p.min_interval_ms, std::max(p.min_interval_ms, p.max_interval_ms));
}

// The interval a healthy feed should be polled at.
int64_t success_interval(const policy& p, const feed_timing& prev, const poll_outcome& o, int64_t override_ms) {
  int64_t base;
  if (override_ms > 0) {
    base = override_ms;
  } else if (auto gap = o.changed ? median_gap_ms(o.entry_times_ms) : std::nullopt) {
    base = *gap;  // poll about as often as the feed publishes
  } else if (!o.changed && prev.interval_ms > 0) {
    // Nothing new: slow down gently until something changes.
    base = prev.interval_ms + prev.interval_ms / 4;
  } else if (o.changed && o.new_items > 0 && prev.interval_ms > 0) {
    base = prev.interval_ms - prev.interval_ms / 4;  // new items without dates: speed up
  } else {
    base = prev.interval_ms > 0 ? prev.interval_ms : p.default_interval_ms;
  }
  // Publisher hints say how long the content stays valid: never poll sooner.
  base = std::max({base, o.ttl_ms, o.update_period_ms});
  if (o.max_age_ms) base = std::max(base, *o.max_age_ms);
  else if (o.expires_in_ms) base = std::max(base, *o.expires_in_ms);
  return clamp_interval(p, base);
}

int64_t jittered(const policy& p, int64_t delay, uint64_t random) {
  auto span = static_cast<int64_t>(static_cast<double>(delay) * p.jitter);
  if (span <= 0) return delay;
  return delay - span + static_cast<int64_t>(random % static_cast<uint64_t>(2 * span + 1));
}

}  // namespace

feed_timing next(const policy& p, const feed_timing& prev, const poll_outcome& o, int64_t now_ms,
                 int64_t override_ms, uint64_t random) {
  feed_timing t;
  if (o.error == error_kind::none) {
    t.error_streak = 0;
    t.interval_ms = success_interval(p, prev, o, override_ms);
    t.next_poll_ms = now_ms + std::max(p.min_interval_ms, jittered(p, t.interval_ms, random));
    return t;
  }
  // Failure: keep the healthy interval for when it recovers; back off from it.
  t.interval_ms = prev.interval_ms;
  t.error_streak = std::min(prev.error_streak + 1, 1000);
  int64_t base = clamp_interval(p, override_ms > 0 ? override_ms
                                   : prev.interval_ms > 0 ? prev.interval_ms
                                                          : p.default_interval_ms);
  // Exponential from the class's start; never disabled: capped at max_interval.
  int shift = std::min(t.error_streak - 1, 30);
  int64_t delay = base * backoff_factor(o.error);
  for (int i = 0; i < shift && delay < p.max_interval_ms; ++i) delay *= 2;
  delay = std::min(delay, p.max_interval_ms);
  delay = jittered(p, delay, random);
  // The server said when to come back: not sooner (but never beyond max_interval).
  if (o.retry_after_ms) delay = std::max(delay, std::min(*o.retry_after_ms, p.max_interval_ms));
  t.next_poll_ms = now_ms + std::max(delay, p.min_interval_ms);
  return t;
}

int64_t first_poll_ms(int64_t now_ms, int64_t spread_ms, uint64_t random) {
  if (spread_ms <= 0) return now_ms;
  return now_ms + static_cast<int64_t>(random % static_cast<uint64_t>(spread_ms));
}

}  // namespace newsd::scheduler
