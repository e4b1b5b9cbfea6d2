#pragma once
// Internal state of dedup::index: a slab of entries, a ring of time buckets,
// an LSH table keyed by band hashes, and boilerplate line counts.
#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/hash.h"
#include "daemon/dedup/archive.h"
#include "daemon/dedup/band_table.h"
#include "daemon/dedup/dedup.h"
#include "daemon/dedup/features.h"
#include "daemon/dedup/huge_alloc.h"
#include "daemon/dedup/sample_code.h"

namespace newsd::dedup {

// An id as stored in the window: assign_id's 32 lowercase hex digits as 16 bytes,
// any other form (rare: ids given by a connector) in `other_ids` by slot.
struct __attribute__((packed)) packed_id {
  uint64_t w[2] = {0, 0};
  uint8_t kind = 0;  // kNone, kHex or kOther
  static constexpr uint8_t kNone = 0, kHex = 1, kOther = 2;
  // Returns false (and stores nothing) when `s` is not 32 lowercase hex digits.
  bool pack(std::string_view s);
  void unpack(std::string& out) const;  // kHex only
};

// 96 bytes: the packed ids (17 bytes each, unaligned) last.
struct entry {
  uint64_t cluster = 0;  // cluster key (see cluster_key); 0 while unique
  int64_t time_ms = 0;   // published_at, else fetched_at
  uint64_t body_hash = 0;
  uint64_t url_hash = 0;
  // sample (sample_code.h) | lines (32 bits) | archive offset when `archived`, one
  // allocation. The band keys are not kept: the band table holds them, and evicted
  // slots leave it in one sweep per dropped bucket.
  std::unique_ptr<uint32_t[]> data;
  uint32_t source = 0;  // hash of the outlet
  uint32_t n_shingles = 0;
  float similarity = 0;
  uint16_t n_sample = 0, n_lines = 0;
  uint8_t status = 0;  // model::dedup_status
  bool live = false;
  bool indexed = false;   // contributes band keys, lines, body hash
  bool archived = false;  // its shingle bytes are in the archive (text_archive)
  packed_id id;
  packed_id dup_of;  // the verdict's duplicate_of; kNone when unique
  const uint32_t* lines() const { return data.get() + sample_code::words(n_sample); }
  const uint32_t* sample_code() const { return data.get(); }
  sample_code::reader samples() const { return {sample_code(), n_sample}; }
  size_t data_words() const {
    return size_t{n_lines} + sample_code::words(n_sample) + (archived ? 1 : 0);
  }
  uint32_t archive_offset() const {
    return archived ? data[size_t{n_lines} + sample_code::words(n_sample)] : text_archive::kNone;
  }
  // Sets lines and sample (stored form, sorted, distinct values) and the offset of the
  // shingle bytes in the archive (text_archive::kNone: not archived).
  void assign(const uint32_t* line_hashes, uint16_t lines_n, const uint16_t* stored,
              uint16_t sample_n, uint32_t archive_off = text_archive::kNone) {
    n_lines = lines_n;
    n_sample = sample_n;
    archived = archive_off != text_archive::kNone;
    data.reset();
    if (data_words() == 0) return;
    data = std::make_unique_for_overwrite<uint32_t[]>(data_words());
    // The sample first: the start of the allocation is what queries read.
    sample_code::encode(stored, sample_n, data.get());
    std::copy(line_hashes, line_hashes + lines_n, data.get() + sample_code::words(sample_n));
    if (archived) data[data_words() - 1] = archive_off;
  }
};

// Entries in fixed chunks: no doubling slack, no move of the whole slab on growth.
class slab_store {
 public:
  static constexpr uint32_t kChunkBits = 12;
  entry& operator[](uint32_t s) { return chunks_[s >> kChunkBits][s & kMask]; }
  const entry& operator[](uint32_t s) const { return chunks_[s >> kChunkBits][s & kMask]; }
  uint32_t size() const { return size_; }
  uint32_t grow() {
    if ((size_ & kMask) == 0) chunks_.push_back(std::make_unique<entry[]>(kMask + 1));
    return size_++;
  }
  size_t chunks() const { return chunks_.size(); }
  size_t chunk_capacity() const { return chunks_.capacity(); }

 private:
  static constexpr uint32_t kMask = (1u << kChunkBits) - 1;
  std::vector<std::unique_ptr<entry[]>> chunks_;
  uint32_t size_ = 0;
};

// Open-addressing map from a nonzero 64-bit hash to a slot (linear probing,
// backward-shift deletion): 12 bytes a cell instead of a node per key.
class slot_map {
 public:
  static constexpr uint32_t kNone = UINT32_MAX;
  uint32_t find(uint64_t key) const {
    if (keys_.empty()) return kNone;
    for (size_t i = pos(key);; i = (i + 1) & mask_) {
      if (keys_[i] == key) return vals_[i];
      if (keys_[i] == 0) return kNone;
    }
  }
  // Inserts, or overwrites when `overwrite`; returns false when the key was there.
  bool insert(uint64_t key, uint32_t v, bool overwrite);
  void erase_if(uint64_t key, uint32_t v);
  void reserve(size_t n);
  size_t size() const { return size_; }
  size_t memory_bytes() const { return keys_.capacity() * 8 + vals_.capacity() * 4; }

 private:
  size_t pos(uint64_t key) const { return (key * 0x9E3779B97F4A7C15ULL >> 32) & mask_; }
  void rehash(size_t cap);
  std::vector<uint64_t> keys_;
  std::vector<uint32_t> vals_;
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
  void prefetch(uint32_t h) const {
    __builtin_prefetch(&a_[h & (a_.size() - 1)]);
    __builtin_prefetch(&b_[(h * 0x85EBCA6Bu >> 11) & (b_.size() - 1)]);
  }
  size_t memory_bytes() const { return a_.size() * 2 * sizeof(uint16_t); }

 private:
  std::vector<uint16_t, huge_allocator<uint16_t>> a_, b_;
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
static_assert(sizeof(entry) == 96);

uint64_t cluster_key(const entry& e, const std::string& id);

struct index::impl {
  config::dedup_section cfg;
  tuning tune;
  slab_store slab;
  std::vector<uint32_t> free_slots;
  std::vector<uint32_t> dying;       // evicted, their band cells not yet swept
  std::vector<uint64_t> dying_bits;  // the same, a bit per slot
  std::unordered_map<uint32_t, std::string> other_ids, other_dups;  // ids not in hex form
  slot_map by_id;  // id_hash(id) -> slot (the id is compared)
  slot_map by_body;
  slot_map by_url;
  std::unordered_map<uint64_t, cluster_info> clusters;
  band_table bands;
  line_counts lines;
  // Second tier (borderline candidates): the articles' shingle bytes, outside memory.
  std::unique_ptr<text_archive> archive = std::make_unique<text_archive>();
  std::vector<std::vector<uint32_t>> ring;  // bucket % ring.size() -> slots
  int64_t newest_bucket = INT64_MIN;
  int64_t bucket_ms = 3600000;
  stats st;

  int64_t bucket_of(int64_t t) const {
    return t >= 0 ? t / bucket_ms : -((-t + bucket_ms - 1) / bucket_ms);
  }
  void advance_to(int64_t bucket);
  void evict(uint32_t slot);
  bool is_dying(uint32_t s) const {
    return (s >> 6) < dying_bits.size() && ((dying_bits[s >> 6] >> (s & 63)) & 1) != 0;
  }
  // Drops the band cells of the evicted slots and frees the slots.
  void sweep();
  // `bucket`: the time bucket of e.time_ms (not stored: derived from the time).
  // `bands`: the entry's band keys (n of them); `id`, `dup_of`: the strings of ids
  // that did not pack.
  uint32_t add(entry e, int64_t bucket, const uint32_t* bands, size_t n, std::string_view id,
               std::string_view dup_of);
  std::string id_of(uint32_t s) const;
  std::string dup_of(uint32_t s) const;
  uint32_t find_id(std::string_view id) const;
  // Makes `e` a duplicate of the cluster of slot `s`; `counted`: e enters the window.
  // `id`: e's id; the verdict's duplicate_of goes to e.dup_of (or to `dup`, not packed).
  void join(entry& e, const std::string& id, std::string& dup, uint32_t s, bool counted);
  model::dedup_verdict verdict_of(uint32_t s) const;
  // The second tier: whether the candidate in slot `s` shares long aligned runs with
  // the new text (f.shingle_nibbles) for at least tune.aligned_share of the shorter
  // text. False when its record cannot be read.
  bool aligned(uint32_t s, const features& f);
};

uint32_t source_hash(const model::article& a);
inline uint64_t id_hash(std::string_view id) { return hash64(id, 0x1d) | 1; }

}  // namespace newsd::dedup
