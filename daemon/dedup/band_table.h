#pragma once
// The LSH table: band key -> slot, a multimap in one array of 32-bit cells.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace newsd::dedup {

// Overflow of band_table: the same multimap with 8-byte cells (the full key), for the
// few cells that land too far from home in the compact table.
class wide_table {
 public:
  void insert(uint32_t key, uint32_t slot);
  template <class F>
  void for_each(uint32_t key, F&& f) const {
    if (cells_.empty()) return;
    for (size_t i = pos(key);; i = (i + 1) & mask_) {
      const cell& c = cells_[i];
      if (c.slot == kEmpty) return;
      if (c.key == key) f(c.slot);
    }
  }
  template <class F>
  void for_all(F&& f) const {
    for (const cell& c : cells_) {
      if (c.slot != kEmpty) f(c.key, c.slot);
    }
  }
  void sweep(const std::vector<uint64_t>& dead);
  void clear() { *this = wide_table{}; }
  size_t size() const { return size_; }
  size_t memory_bytes() const { return cells_.capacity() * sizeof(cell); }

 private:
  static constexpr uint32_t kEmpty = UINT32_MAX;
  struct cell {
    uint32_t key = 0;
    uint32_t slot = kEmpty;
  };
  size_t pos(uint32_t key) const { return (key * 0x85EBCA6Bu) & mask_; }
  void erase_at(size_t i);
  std::vector<cell> cells_;
  size_t mask_ = 0;
  size_t size_ = 0;
};

// The inverse of an odd number modulo 2^32 (Newton's iteration doubles the correct
// low bits each step).
constexpr uint32_t mul_inverse(uint32_t a) {
  uint32_t x = a;
  for (int k = 0; k < 5; ++k) x *= 2 - a * x;
  return x;
}

// Open addressing with linear probing and backward-shift deletion, 4 bytes a cell:
// a cell holds the slot, its distance from its home cell (6 bits) and the key bits the
// home does not give (the remainder, 32 - log2(capacity) bits). Home and remainder give
// the exact key back (the key is mixed by a bijection), so lookups are exact and the
// table can be grown, swept and saved without a copy of the keys. Slots get the bits
// left: log2(capacity) - 6 (the table grows when the slab outgrows them); a cell more
// than 63 places from its home goes to a small overflow map (with 5 bits, keys shared by
// many articles overflowed often enough to cost 130 bytes per article and a third of
// the speed at 300k).
class band_table {
 public:
  void insert(uint32_t key, uint32_t slot);
  // Sizes an empty table for n cells and slots below max_slot: no rehash on the way.
  void reserve(size_t n, uint32_t max_slot);
  template <class F>
  void for_each(uint32_t key, F&& f) const {
    if (cells_.empty()) return;
    const uint32_t m = key * kMul;
    const uint32_t want = (m & rmask_) << kDispBits;
    size_t i = m >> rbits_;
    for (uint32_t d = 0; d <= kDispMax; ++d, i = (i + 1) & mask_) {
      const uint32_t c = cells_[i];
      if (c == kEmpty) break;
      if ((c >> sbits_) == (want | d)) f(c & smask_);
    }
    // Only keys whose home block has spilled can have cells in the overflow.
    const size_t home = m >> rbits_;
    if (((spilled_[home >> 12] >> ((home >> 6) & 63)) & 1) != 0) [[unlikely]] {
      overflow_.for_each(key, f);
    }
  }
  void prefetch(uint32_t key) const {
    if (!cells_.empty()) __builtin_prefetch(&cells_[(key * kMul) >> rbits_]);
  }
  size_t memory_bytes() const {
    return cells_.capacity() * sizeof(uint32_t) + spilled_.capacity() * 8 +
           overflow_.memory_bytes();
  }
  size_t size() const { return size_ + overflow_.size(); }
  size_t overflow_size() const { return overflow_.size(); }
  // Removes every cell whose slot is in `dead` (a bit per slot): one linear pass.
  void sweep(const std::vector<uint64_t>& dead);
  // Calls f(key, slot) for every cell.
  template <class F>
  void for_all(F&& f) const {
    for (size_t i = 0; i < cells_.size(); ++i) {
      if (cells_[i] != kEmpty) f(key_at(i), cells_[i] & smask_);
    }
    overflow_.for_all(f);
  }

 private:
  static constexpr uint32_t kEmpty = UINT32_MAX;
  static constexpr uint32_t kDispBits = 6, kDispMax = (1u << kDispBits) - 1;
  static constexpr uint32_t kMul = 0x9E3779B1u;  // odd: a bijection of 32-bit keys
  static constexpr uint32_t kInv = mul_inverse(kMul);
  static_assert(kMul * kInv == 1);
  uint32_t key_at(size_t i) const {
    const uint32_t c = cells_[i];
    const uint32_t d = (c >> sbits_) & kDispMax;
    const auto home = static_cast<uint32_t>((i - d) & mask_);
    const uint32_t m = rbits_ == 0 ? home : (home << rbits_) | (c >> (sbits_ + kDispBits));
    return m * kInv;
  }
  void init(uint32_t cbits);
  void place(uint32_t key, uint32_t slot);
  void grow();
  void erase_at(size_t i);
  std::vector<uint32_t> cells_;
  wide_table overflow_;
  std::vector<uint64_t> spilled_;  // a bit per 64 home cells: some cell overflowed
  uint32_t cbits_ = 0, rbits_ = 32, sbits_ = 0;
  uint32_t rmask_ = 0, smask_ = 0;
  size_t mask_ = 0;
  size_t size_ = 0;  // cells in the array
};

}  // namespace newsd::dedup
