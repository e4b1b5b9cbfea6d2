#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "common/result.h"
#include "daemon/config/config.h"
#include "daemon/model/article.h"

namespace newsd::state { class store; }

namespace newsd::dedup {

// Lower-cased scheme/host, default port, fragment and tracking parameters
// removed, AMP variants folded: the key for exact-duplicate detection by URL.
std::string canonicalize_url(std::string_view url);

struct stats {
  uint64_t indexed = 0;
  uint64_t buckets = 0;
  uint64_t memory_bytes = 0;
  uint64_t candidates = 0;
  uint64_t verifications = 0;
};

// The dedup window. Single writer: one thread calls check_and_insert.
class index {
 public:
  explicit index(const config::dedup_section& cfg);
  ~index();
  index(const index&) = delete;
  index& operator=(const index&) = delete;

  // Decides the article's status and adds it to the window. Idempotent per id.
  model::dedup_verdict check_and_insert(const model::article& a);

  // Persistence in the state store (nullptr store = in memory only).
  status save(state::store& st);
  status load(state::store& st);

  stats get_stats() const;

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace newsd::dedup
