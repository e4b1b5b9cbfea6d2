#pragma once
// Per-feed state and seen items, in the state store. An item is marked seen
// only after its record was acknowledged by Kafka, so a crash re-fetches and
// re-publishes rather than loses (at least once; record ids are stable).
#include <cstdint>
#include <optional>
#include <string>

#include "common/result.h"
#include "daemon/state/store.h"

namespace newsd::state {

struct feed_record {
  std::string feed_id;
  std::string url;            // current URL (updated after permanent redirects)
  std::string etag;
  std::string last_modified;
  uint64_t content_hash = 0;  // body hash of the last successful fetch
  int64_t last_success_ms = 0;
  int error_streak = 0;
  int64_t next_poll_ms = 0;
  int64_t interval_ms = 0;
  // A permanent redirect must be seen on consecutive polls before `url` moves:
  // the target seen last time and how many polls in a row ended there.
  std::string moved_to;
  int moved_streak = 0;
  std::string last_error;  // error class of the last failed poll ("" after a success)
};

class feed_state {
 public:
  explicit feed_state(store& st);
  status init();

  std::optional<feed_record> get(const std::string& feed_id);
  status put(const feed_record& r);

  bool is_seen(const std::string& feed_id, const std::string& item_key);
  status mark_seen(const std::string& feed_id, const std::string& item_key, int64_t now_ms);

 private:
  store& st_;
};

}  // namespace newsd::state
