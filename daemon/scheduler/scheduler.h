#pragma once
// When each feed is due: per-feed interval within global bounds, adapted to
// the feed's publishing rate and hints, jittered, with error backoff.
#include <cstdint>
#include <string>

namespace newsd::scheduler {

struct feed_timing {
  int64_t interval_ms = 0;       // current adaptive interval
  int64_t next_poll_ms = 0;      // unix ms
  int error_streak = 0;
};

}  // namespace newsd::scheduler
