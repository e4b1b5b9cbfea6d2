#pragma once
// Entries of words outside the precomputed vocabulary, kept across texts on one thread.
// Real news has 6-10 % such tokens; most recur in later articles (names in the news of the
// day), so analysing and scoring each once per thread instead of once per text is most of the
// tagging time saved on real text. Bounded in bytes: two generations (approximate LRU).
#include <cstddef>
#include <cstdint>
#include <memory>
#include <memory_resource>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/hash.h"
#include "daemon/entities/recogniser.h"

namespace newsd::entities {

class word_memo {
 public:
  explicit word_memo(size_t max_bytes) : max_bytes_(max_bytes) {}

  // At the start of a text, when no entry handed out for an earlier text is in use: once the
  // young generation holds half the budget, the old one is dropped and the young one ages.
  void begin_text();
  // The entry of `raw`, or null. A hit in the old generation moves the entry (the node, so
  // its address is unchanged) to the young one.
  word_entry* find(std::string_view raw);
  // A new default entry for `raw` (not present) in the young generation; the caller fills it
  // and then calls account().
  word_entry& insert(std::string_view raw);
  void account(std::string_view raw, const word_entry& e);

  size_t bytes() const { return young_bytes_ + old_bytes_; }
  size_t size() const { return young_.size() + old_.size(); }
  size_t max_bytes() const { return max_bytes_; }

  // This thread's memo for the recogniser with id `owner` (created on first use; a thread keeps
  // the memos of its last few recognisers). Null when max_bytes is 0.
  static word_memo* of_thread(uint64_t owner, size_t max_bytes);

 private:
  // Nodes come from a pool owned by the memo: a dropped generation's nodes are reused by the
  // next one instead of going back to malloc (and, past the trim threshold, to the system,
  // to be faulted in again).
  using map = std::pmr::unordered_map<std::string, word_entry, sv_hash, std::equal_to<>>;
  static size_t cost(std::string_view raw, const word_entry& e);
  // One bit per key hash of both generations (rebuilt when the old one is dropped): most
  // lookups on new text are for words not in the memo, which then cost one probe of this
  // 256 KB bitmap instead of a bucket (and chain) miss in each generation.
  static constexpr unsigned kFilterBits = 21;
  static uint64_t filter_bit(std::string_view raw) {
    return (hash64(raw, 0x3e30) >> 7) & ((uint64_t{1} << kFilterBits) - 1);
  }
  bool maybe(std::string_view raw) const {
    const uint64_t b = filter_bit(raw);
    return filter_[b >> 6] >> (b & 63) & 1;
  }
  void mark(std::string_view raw) {
    const uint64_t b = filter_bit(raw);
    filter_[b >> 6] |= uint64_t{1} << (b & 63);
  }
  std::vector<uint64_t> filter_ = std::vector<uint64_t>(size_t{1} << (kFilterBits - 6), 0);
  std::pmr::unsynchronized_pool_resource pool_;
  map young_{&pool_}, old_{&pool_};
  size_t max_bytes_ = 0, young_bytes_ = 0, old_bytes_ = 0;
};

// Outcomes of the misspelt-name test of two-word windows (tagger.cc fuzzy_names), keyed by the
// folded tokens' hashes (the gazetteer's own token identity), per thread and tagger. Most
// windows of real news contain an unknown word, and the test (skeleton, a dozen deletion
// keys) costs more than the rest of the word's path; windows recur across texts.
// Direct-mapped: bounded, no eviction bookkeeping.
class pair_memo {
 public:
  // This thread's table for `owner` (a thread that switches taggers starts over).
  static pair_memo& of_thread(uint64_t owner);
  bool find(uint64_t a, uint64_t b, int32_t& result) const {
    const slot& x = slots_[index(a, b)];
    if (!x.used || x.a != a || x.b != b) return false;
    result = x.result;
    return true;
  }
  void prefetch(uint64_t a, uint64_t b) const { __builtin_prefetch(&slots_[index(a, b)]); }
  void put(uint64_t a, uint64_t b, int32_t result) {
    slots_[index(a, b)] = slot{a, b, result, true};
  }
  static constexpr size_t kSlots = size_t{1} << 15;  // 24 bytes each: 768 KB per thread

 private:
  struct slot {
    uint64_t a = 0, b = 0;
    int32_t result = 0;
    bool used = false;
  };
  static size_t index(uint64_t a, uint64_t b) {
    const uint64_t h = (a ^ (b * 0x9E3779B97F4A7C15ULL)) * 0xBF58476D1CE4E5B9ULL;
    return (h >> 40) & (kSlots - 1);
  }
  std::vector<slot> slots_ = std::vector<slot>(kSlots);
  uint64_t owner_ = 0;
};

// This thread's memo of gazetteer::variant() results by name form (linker.h variant_cache)
// for the tagger `owner`: started over when the thread switches taggers, and when it holds
// kMaxVariants forms (~100 bytes each), between texts.
std::unordered_map<std::string, int32_t>& variant_memo_of_thread(uint64_t owner);
constexpr size_t kMaxVariants = size_t{1} << 15;

}  // namespace newsd::entities
