#pragma once
// Internal state of dedup::index: a slab of entries, a ring of time buckets,
// an LSH table keyed by band hashes, and boilerplate line counts.
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/hash.h"
#include "daemon/dedup/dedup.h"
#include "daemon/dedup/features.h"

namespace newsd::dedup {

struct entry {
  std::string id;
  std::string dup_of;      // the verdict's duplicate_of; empty when unique
  uint64_t cluster = 0;    // cluster key (see cluster_key); 0 while unique
  int64_t time_ms = 0;     // published_at, else fetched_at
  uint64_t body_hash = 0;
  uint64_t url_hash = 0;
  uint32_t source = 0;     // hash of the outlet
  uint32_t n_shingles = 0;
  float similarity = 0;
  uint8_t status = 0;      // model::dedup_status
  bool live = false;
  bool indexed = false;    // contributes band keys, lines, body hash
  uint16_t n_bands = 0, n_sample = 0, n_lines = 0;
  std::vector<uint32_t> data;  // bands | sample | lines, one allocation
  const uint32_t* bands() const { return data.data(); }
  const uint32_t* sample() const { return data.data() + n_bands; }
  const uint32_t* lines() const { return data.data() + n_bands + n_sample; }
};

// Open-addressing multimap band key -> slot with linear probing and
// backward-shift deletion: 8 bytes per band, no per-node allocation.
class band_table {
 public:
  void insert(uint32_t key, uint32_t slot);
  // Sizes an empty table for n cells at once (restore): no rehash on the way.
  void reserve(size_t n);
  void erase(uint32_t key, uint32_t slot);
  template <class F>
  void for_each(uint32_t key, F&& f) const {
    if (cells_.empty()) return;
    for (size_t i = pos(key);; i = (i + 1) & mask_) {
      const cell& c = cells_[i];
      if (c.slot == kEmpty) return;
      if (c.key == key) f(c.slot);
    }
  }
  void prefetch(uint32_t key) const {
    if (!cells_.empty()) __builtin_prefetch(&cells_[pos(key)]);
  }
  size_t memory_bytes() const { return cells_.capacity() * sizeof(cell); }
  size_t size() const { return size_; }

 private:
  static constexpr uint32_t kEmpty = UINT32_MAX;
  struct cell {
    uint32_t key = 0;
    uint32_t slot = kEmpty;
  };
  size_t pos(uint32_t key) const { return (key * 0x9E3779B1u) & mask_; }
  void grow();
  std::vector<cell> cells_;
  size_t mask_ = 0;
  size_t size_ = 0;
};

// Count-min counters of lines in the window's unique articles: fixed memory,
// decremented on eviction.
class line_counts {
 public:
  line_counts();
  void add(uint32_t h, int delta);
  uint32_t get(uint32_t h) const;
  size_t memory_bytes() const { return a_.size() * 2 * sizeof(uint16_t); }

 private:
  std::vector<uint16_t> a_, b_;
};

// A cluster with two or more members: its earliest-published member seen so far
// (kept after that member leaves the window: it still is the earliest) and its live
// members, the record going with the last of them.
struct cluster_info {
  std::string earliest;
  int64_t earliest_ms = 0;
  uint32_t members = 0;
};

// A cluster is keyed by its first indexed member's id: a unique article heads its
// own cluster and needs no stored key.
inline uint64_t cluster_key(const entry& e) {
  return e.cluster != 0 ? e.cluster : (hash64(e.id) | 1);
}

struct index::impl {
  config::dedup_section cfg;
  tuning tune;
  std::vector<entry> slab;
  std::vector<uint32_t> free_slots;
  std::unordered_map<std::string, uint32_t> by_id;
  std::unordered_map<uint64_t, uint32_t> by_body;
  std::unordered_map<uint64_t, uint32_t> by_url;
  std::unordered_map<uint64_t, cluster_info> clusters;
  band_table bands;
  line_counts lines;
  std::vector<std::vector<uint32_t>> ring;  // bucket % ring.size() -> slots
  int64_t newest_bucket = INT64_MIN;
  int64_t bucket_ms = 3600000;
  stats st;

  int64_t bucket_of(int64_t t) const {
    return t >= 0 ? t / bucket_ms : -((-t + bucket_ms - 1) / bucket_ms);
  }
  void advance_to(int64_t bucket);
  void evict(uint32_t slot);
  // `bucket`: the time bucket of e.time_ms (not stored: derived from the time).
  uint32_t add(entry e, int64_t bucket);
  // Makes `e` a duplicate of the cluster of slot `s`; `counted`: e enters the window.
  void join(entry& e, uint32_t s, bool counted);
  model::dedup_verdict verdict_of(const entry& e) const;
};

uint32_t source_hash(const model::article& a);

}  // namespace newsd::dedup
