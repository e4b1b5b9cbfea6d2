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
// The exact-duplicate key of a canonical URL: without scheme and "www.".
std::string url_key(std::string_view canonical_url);

// Decision parameters beyond the config file, chosen on the dev set
// (docs/dedup.md); exposed so tools/dedup_eval can sweep them.
struct tuning {
  int bands = 64;                   // LSH bands over the 128 MinHash values
  int rows = 2;                     // values per band (bands * rows <= 128)
  uint32_t min_shingles = 260;      // the shorter text must have this many shingles
  uint32_t min_body_chars = 100;    // below this, an identical body is not an exact duplicate
  uint32_t boilerplate_lines = 3;   // a line in this many unique articles is boilerplate
  double same_source_lead_novelty = 0.5;   // an outlet's re-led update is a new story
  double same_source_new_containment = 0.6;
  double cross_source_lead_novelty = 0.65;
  uint32_t max_candidates = 64;     // verified per article, most band hits first
  // Two articles quoting the same statement are two articles: a match whose shared
  // samples lie inside quotation marks in either text at this share or more is not a
  // copy (above 1: rule off).
  double quoted_share = 0.85;
};

struct stats {
  uint64_t indexed = 0;
  uint64_t buckets = 0;
  uint64_t memory_bytes = 0;
  uint64_t candidates = 0;
  uint64_t verifications = 0;
  uint64_t unique = 0;             // verdicts given since start (or load)
  uint64_t exact_duplicates = 0;
  uint64_t near_duplicates = 0;
};

// The dedup window. Single writer: one thread calls check_and_insert.
class index {
 public:
  explicit index(const config::dedup_section& cfg);
  index(const config::dedup_section& cfg, const tuning& t);
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
