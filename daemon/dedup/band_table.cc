#include "daemon/dedup/band_table.h"

#include <algorithm>

namespace newsd::dedup {
namespace {
// Load factor at most 0.8, growth by doubling. Growth by a quarter (load 0.64-0.8)
// saved a third of the table at 300k but cost 12% of the stage's speed (longer
// probe runs on the 64 band queries, nearly all misses): docs/dedup.md.
constexpr size_t kMaxLoadNum = 4, kMaxLoadDen = 5;
constexpr uint32_t kMinBits = 10;
}  // namespace

void band_table::init(uint32_t cbits) {
  cbits_ = cbits;
  rbits_ = 32 - cbits;
  sbits_ = cbits - kDispBits;
  rmask_ = rbits_ == 0 ? 0 : (uint32_t{1} << rbits_) - 1;
  smask_ = (uint32_t{1} << sbits_) - 1;  // all ones: reserved (empty cells)
  cells_.assign(size_t{1} << cbits, kEmpty);
  spilled_.assign(std::max<size_t>(1, cells_.size() >> 12), 0);
  mask_ = cells_.size() - 1;
  size_ = 0;
}

void band_table::insert(uint32_t key, uint32_t slot) {
  if (cells_.empty()) init(kMinBits);
  while (slot >= smask_ || (size_ + 1) * kMaxLoadDen > cells_.size() * kMaxLoadNum) grow();
  place(key, slot);
}

void band_table::place_mixed(uint32_t m, uint32_t slot) {
  size_t i = m >> rbits_;
  uint32_t d = 0;
#ifdef __SSE2__
  if (cells_[i] != kEmpty && i + kDispMax < cells_.size()) {
    // Past an occupied home, the first empty cell 16 at a time; none in 64: overflow
    // (its place is not needed).
    for (d = 0; d <= kDispMax; d += 16) {
      if (const uint32_t e = scan16(cells_.data() + i + d, 0).empty; e != 0) {
        d += static_cast<uint32_t>(__builtin_ctz(e));
        break;
      }
    }
    i += d;
  } else
#endif
  {
    while (cells_[i] != kEmpty) {
      i = (i + 1) & mask_;
      ++d;
    }
  }
  if (d > kDispMax) {
    const size_t home = m >> rbits_;
    spilled_[home >> 12] |= uint64_t{1} << ((home >> 6) & 63);
    overflow_.insert(m * kInv, slot);
    return;
  }
  const uint32_t rem = m & rmask_;
  cells_[i] = (rbits_ == 0 ? 0 : rem << (sbits_ + kDispBits)) | (d << sbits_) | slot;
  ++size_;
}

void band_table::erase_at(size_t i) {
  // Backward-shift deletion keeps every probe run contiguous without tombstones; a
  // moved cell's distance from home shrinks by the distance it moves.
  size_t j = i;
  for (;;) {
    j = (j + 1) & mask_;
    const uint32_t c = cells_[j];
    if (c == kEmpty) break;
    const uint32_t d = (c >> sbits_) & kDispMax;
    const size_t home = (j - d) & mask_;
    const bool movable = (i <= j) ? (home <= i || home > j) : (home <= i && home > j);
    if (movable) {
      const auto step = static_cast<uint32_t>((j - i) & mask_);
      cells_[i] = c - (step << sbits_);
      i = j;
    }
  }
  cells_[i] = kEmpty;
  --size_;
}

void band_table::sweep(const std::vector<uint64_t>& dead) {
  auto is_dead = [&dead](uint32_t s) {
    return (s >> 6) < dead.size() && ((dead[s >> 6] >> (s & 63)) & 1) != 0;
  };
  overflow_.sweep(dead);
  if (cells_.empty()) return;
  // Start after an empty cell: no probe run crosses it, and backward shifts only
  // move cells towards it within a run, so one turn of the ring visits every cell.
  size_t start = 0;
  while (cells_[start] != kEmpty) ++start;
  const size_t n = cells_.size();
  for (size_t k = 1; k <= n;) {
    const size_t i = (start + k) & mask_;
    if (cells_[i] != kEmpty && is_dead(cells_[i] & smask_)) {
      erase_at(i);  // a later cell of the run may have moved here: look again
    } else {
      ++k;
    }
  }
}

void band_table::reserve(size_t n, uint32_t max_slot) {
  if (size() != 0) return;
  uint32_t bits = kMinBits;
  while (n * kMaxLoadDen > (size_t{1} << bits) * kMaxLoadNum ||
         max_slot >= (uint32_t{1} << (bits - kDispBits)) - 1) {
    ++bits;
  }
  if ((size_t{1} << bits) <= cells_.size()) return;
  init(bits);
}

void band_table::grow() {
  band_table old = std::move(*this);
  overflow_.clear();
  init(old.cbits_ + 1);
  // In for_all's order (the array, then the overflow): the runs come out as they did
  // through insert(). The key stays mixed (no inverse and re-mix per cell), and the
  // new table is at most half full: a cell usually lands on its home.
  for (size_t i = 0; i < old.cells_.size(); ++i) {
    const uint32_t c = old.cells_[i];
    if (c != kEmpty) place_mixed(old.mixed_at(i), c & old.smask_);
  }
  old.overflow_.for_all([this](uint32_t k, uint32_t s) { place(k, s); });
}

void wide_table::insert(uint32_t key, uint32_t slot) {
  if ((size_ + 1) * 5 > cells_.size() * 4) {
    std::vector<cell> old = std::move(cells_);
    cells_.assign(old.empty() ? 1024 : old.size() * 2, cell{});
    mask_ = cells_.size() - 1;
    size_ = 0;
    for (const cell& c : old) {
      if (c.slot != kEmpty) insert(c.key, c.slot);
    }
  }
  size_t i = pos(key);
  while (cells_[i].slot != kEmpty) i = (i + 1) & mask_;
  cells_[i] = cell{key, slot};
  ++size_;
}

void wide_table::erase_at(size_t i) {
  size_t j = i;
  for (;;) {
    j = (j + 1) & mask_;
    if (cells_[j].slot == kEmpty) break;
    const size_t home = pos(cells_[j].key);
    const bool movable = (i <= j) ? (home <= i || home > j) : (home <= i && home > j);
    if (movable) {
      cells_[i] = cells_[j];
      i = j;
    }
  }
  cells_[i] = cell{};
  --size_;
}

void wide_table::sweep(const std::vector<uint64_t>& dead) {
  if (size_ == 0) return;
  auto is_dead = [&dead](uint32_t s) {
    return (s >> 6) < dead.size() && ((dead[s >> 6] >> (s & 63)) & 1) != 0;
  };
  size_t start = 0;
  while (cells_[start].slot != kEmpty) ++start;
  for (size_t k = 1; k <= cells_.size();) {
    const size_t i = (start + k) & mask_;
    if (cells_[i].slot != kEmpty && is_dead(cells_[i].slot)) {
      erase_at(i);
    } else {
      ++k;
    }
  }
}

}  // namespace newsd::dedup
