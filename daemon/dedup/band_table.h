#pragma once
// The LSH table: band key -> slot, a multimap in one array of 32-bit cells.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "daemon/dedup/huge_alloc.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

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
  // kVector false: the one-cell walk, the reference the tests compare the order with.
  template <bool kVector = true, class F>
  void for_each(uint32_t key, F&& f) const {
    if (cells_.empty()) return;
    const uint32_t m = key * kMul;
    const uint32_t want = (m & rmask_) << kDispBits;
    const size_t home = m >> rbits_;
#ifdef __SSE2__
    if (kVector && home + kDispMax < cells_.size()) [[likely]] {
      // 16 cells at a time, no wrap: the match and the first empty cell as bit masks
      // (the scalar loop below mispredicted on both for nearly every cell).
      const uint32_t* run = cells_.data() + home;
      for (uint32_t d = 0; d <= kDispMax; d += 16) {
        const block b = scan16(run + d, want | d);
        uint32_t hit = b.match & (b.empty ? (b.empty & (0u - b.empty)) - 1 : 0xFFFFu);
        for (; hit != 0; hit &= hit - 1)
          f(run[d + static_cast<uint32_t>(__builtin_ctz(hit))] & smask_);
        if (b.empty != 0) break;
      }
    } else
#endif
    {
      size_t i = home;
      for (uint32_t d = 0; d <= kDispMax; ++d, i = (i + 1) & mask_) {
        const uint32_t c = cells_[i];
        if (c == kEmpty) break;
        if ((c >> sbits_) == (want | d)) f(c & smask_);
      }
    }
    // Only keys whose home block has spilled can have cells in the overflow.
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
#ifdef __SSE2__
  // Of 16 cells from `run`: which are empty, and which hold (distance | remainder) =
  // tag + k for the k-th (bit k of each mask).
  struct block {
    uint32_t empty, match;
  };
  block scan16(const uint32_t* run, uint32_t tag) const {
    const __m128i empty = _mm_set1_epi32(-1);
    const __m128i shift = _mm_cvtsi32_si128(static_cast<int>(sbits_));
    __m128i want = _mm_add_epi32(_mm_set1_epi32(static_cast<int>(tag)), _mm_setr_epi32(0, 1, 2, 3));
    block b{0, 0};
#pragma GCC unroll 4
    for (int q = 0; q < 4; ++q) {
      const __m128i c = _mm_loadu_si128(reinterpret_cast<const __m128i*>(run + 4 * q));
      b.empty |= static_cast<uint32_t>(_mm_movemask_ps(_mm_castsi128_ps(_mm_cmpeq_epi32(c, empty))))
                 << (4 * q);
      b.match |= static_cast<uint32_t>(_mm_movemask_ps(
                     _mm_castsi128_ps(_mm_cmpeq_epi32(_mm_srl_epi32(c, shift), want))))
                 << (4 * q);
      want = _mm_add_epi32(want, _mm_set1_epi32(4));
    }
    return b;
  }
#endif
  // The mixed key (key * kMul) of the cell at i.
  uint32_t mixed_at(size_t i) const {
    const uint32_t c = cells_[i];
    const uint32_t d = (c >> sbits_) & kDispMax;
    const auto home = static_cast<uint32_t>((i - d) & mask_);
    return rbits_ == 0 ? home : (home << rbits_) | (c >> (sbits_ + kDispBits));
  }
  uint32_t key_at(size_t i) const { return mixed_at(i) * kInv; }
  void init(uint32_t cbits);
  void place(uint32_t key, uint32_t slot) { place_mixed(key * kMul, slot); }
  void place_mixed(uint32_t m, uint32_t slot);
  void grow();
  void erase_at(size_t i);
  std::vector<uint32_t, huge_allocator<uint32_t>> cells_;
  wide_table overflow_;
  std::vector<uint64_t> spilled_;  // a bit per 64 home cells: some cell overflowed
  uint32_t cbits_ = 0, rbits_ = 32, sbits_ = 0;
  uint32_t rmask_ = 0, smask_ = 0;
  size_t mask_ = 0;
  size_t size_ = 0;  // cells in the array
};

}  // namespace newsd::dedup
