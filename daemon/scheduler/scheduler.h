#pragma once
// When each feed is due: per-feed interval within global bounds, adapted to
// the feed's publishing rate and the publisher's hints, jittered, with error
// backoff by error class. Pure logic: no clock, no randomness, no I/O of its
// own (callers pass `now_ms` and a random number), so every rule is unit tested.
#include <cstdint>
#include <optional>
#include <vector>

namespace newsd::scheduler {

struct policy {
  int64_t min_interval_ms = int64_t{60} * 1000;
  int64_t max_interval_ms = int64_t{6} * 60 * 60 * 1000;
  int64_t default_interval_ms = int64_t{10} * 60 * 1000;
  double jitter = 0.1;  // +- this fraction of the delay
};

// Error classes with their own backoff start (bounded: also metric-safe).
enum class error_kind { none, dns, connect, tls, timeout, http_4xx, http_5xx, rate_limited, parse, other };

struct feed_timing {
  int64_t interval_ms = 0;   // adaptive interval after the last success (0 = not known yet)
  int64_t next_poll_ms = 0;  // unix ms
  int error_streak = 0;
};

struct poll_outcome {
  error_kind error = error_kind::none;
  bool changed = false;                 // a new body (not 304, not the same hash)
  int new_items = 0;
  std::vector<int64_t> entry_times_ms;  // published/updated dates of the feed's entries
  int64_t ttl_ms = 0;                   // RSS <ttl>
  int64_t update_period_ms = 0;         // sy:updatePeriod / sy:updateFrequency
  std::optional<int64_t> max_age_ms;    // Cache-Control max-age
  std::optional<int64_t> expires_in_ms; // Expires - Date
  std::optional<int64_t> retry_after_ms;
};

// Median gap between consecutive distinct entry dates (the most recent
// `window` of them); nullopt with fewer than three dates.
std::optional<int64_t> median_gap_ms(std::vector<int64_t> times, size_t window = 20);

// How many base intervals the first retry of this class waits: errors that
// rarely fix themselves within minutes (DNS, TLS, 4xx) start slower.
int backoff_factor(error_kind k);

// The timing after one poll. `override_ms` is the feed's configured interval
// (0 = adaptive). `random` is any uniformly distributed 64-bit number.
feed_timing next(const policy& p, const feed_timing& prev, const poll_outcome& o, int64_t now_ms,
                 int64_t override_ms, uint64_t random);

// The first poll of a feed with no state: spread over `spread_ms` so that a
// thousand feeds configured at once do not start at once.
int64_t first_poll_ms(int64_t now_ms, int64_t spread_ms, uint64_t random);

}  // namespace newsd::scheduler
