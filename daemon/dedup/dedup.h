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
  // Second tier: a candidate below the containment of the config but at or above
  // this one is a copy if long aligned runs (>= aligned_run shingles, the same text
  // in the same order) cover aligned_share of the shorter text (another outlet's
  // only, unless aligned_same_source). It needs the archive (index::attach_archive,
  // or load()); without one, or at or above the config's containment, it is off.
  double aligned_containment = 0.7;
  double aligned_share = 0.5;
  uint32_t aligned_run = 50;
  bool aligned_same_source = false;  // the second tier also for two articles of one outlet
};

struct stats {
  uint64_t indexed = 0;
  uint64_t buckets = 0;
  uint64_t memory_bytes = 0;
  uint64_t candidates = 0;
  uint64_t verifications = 0;
  uint64_t aligned_checks = 0;     // candidates read back from the archive (second tier)
  uint64_t archive_bytes = 0;      // the archive's records (in memory_bytes only in memory)
  // The second tier's health: whether an archive is attached (false: one tier), its
  // failed writes/truncations/syncs since it was opened, and the window's articles long
  // enough for the archive (min_shingles) that have no record in it (a failed append,
  // a save after a failed write, rows of an older binary, or no archive at all).
  bool second_tier = false;
  uint64_t archive_write_failures = 0;
  uint64_t unarchived = 0;
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

  // Where the second tier keeps every indexed article's shingle nibbles (4 bits
  // a shingle, files per time bucket, dropped with the bucket). Empty: in memory
  // (tools, tests). load() attaches `<state dir>/dedup-archive` when none is attached.
  status attach_archive(const std::string& dir);

  // Persistence in the state store (nullptr store = in memory only). save() forces the
  // archive's files to disk first; rows whose record may not be there are saved without
  // it. load() returns an error whose message starts with "dedup archive" when only the
  // archive could not be attached: the window is then restored, with one tier.
  status save(state::store& st);
  status load(state::store& st);

  stats get_stats() const;

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace newsd::dedup
