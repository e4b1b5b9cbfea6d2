#include "common/hash.h"
#include "daemon/dedup/index_impl.h"

namespace newsd::dedup {

void band_table::insert(uint32_t key, uint32_t slot) {
  if ((size_ + 1) * 5 > cells_.size() * 4) grow();  // load factor <= 0.8
  size_t i = pos(key);
  while (cells_[i].slot != kEmpty) i = (i + 1) & mask_;
  cells_[i] = cell{key, slot};
  ++size_;
}

void band_table::erase(uint32_t key, uint32_t slot) {
  if (cells_.empty()) return;
  size_t i = pos(key);
  for (;; i = (i + 1) & mask_) {
    if (cells_[i].slot == kEmpty) return;
    if (cells_[i].key == key && cells_[i].slot == slot) break;
  }
  // Backward-shift deletion keeps every probe run contiguous without tombstones.
  size_t j = i;
  for (;;) {
    j = (j + 1) & mask_;
    if (cells_[j].slot == kEmpty) break;
    size_t home = pos(cells_[j].key);
    bool movable = (i <= j) ? (home <= i || home > j) : (home <= i && home > j);
    if (movable) {
      cells_[i] = cells_[j];
      i = j;
    }
  }
  cells_[i] = cell{};
  --size_;
}

void band_table::reserve(size_t n) {
  if (size_ != 0) return;
  size_t cap = 1024;
  while (n * 5 > cap * 4) cap *= 2;
  if (cap <= cells_.size()) return;
  cells_.assign(cap, cell{});
  mask_ = cap - 1;
}

void band_table::grow() {
  std::vector<cell> old = std::move(cells_);
  size_t cap = old.empty() ? 1024 : old.size() * 2;
  cells_.assign(cap, cell{});
  mask_ = cap - 1;
  size_ = 0;
  for (const cell& c : old) {
    if (c.slot != kEmpty) insert(c.key, c.slot);
  }
}

namespace {
constexpr size_t kLineCells = size_t{1} << 21;
}

line_counts::line_counts() : a_(kLineCells, 0), b_(kLineCells, 0) {}

void line_counts::add(uint32_t h, int delta) {
  uint16_t& x = a_[h & (kLineCells - 1)];
  uint16_t& y = b_[(h * 0x85EBCA6Bu >> 11) & (kLineCells - 1)];
  auto upd = [delta](uint16_t& v) {
    int n = static_cast<int>(v) + delta;
    v = static_cast<uint16_t>(n < 0 ? 0 : (n > 65535 ? 65535 : n));
  };
  upd(x);
  upd(y);
}

uint32_t line_counts::get(uint32_t h) const {
  uint16_t x = a_[h & (kLineCells - 1)];
  uint16_t y = b_[(h * 0x85EBCA6Bu >> 11) & (kLineCells - 1)];
  return x < y ? x : y;
}

}  // namespace newsd::dedup
