#include "daemon/entities/joint_rows.h"

#include <algorithm>
#include <cstring>

namespace newsd::entities {

joint_rows::joint_rows(const ner_model& a, const ner_model& b) {
  row_mask_ = (uint64_t{1} << a.bits) - 1;
  present_.assign(std::max<size_t>(1, (size_t{1} << a.bits) / 64), 0);
  size_t rows = 0;
  for (const ner_model* m : {&a, &b})
    m->for_each_sparse_row([&](uint32_t r, const int16_t*) {
      if (!(present_[r >> 6] >> (r & 63) & 1)) ++rows;
      present_[r >> 6] |= uint64_t{1} << (r & 63);
    });
  // Load factor up to two thirds: the union of both models' rows is just over a power of two,
  // and one half would double the table (+10 MB resident) for slightly shorter probes.
  size_t cap = 16;
  while (cap * 2 < rows * 3 + 2) cap <<= 1;
  slot_mask_ = static_cast<uint32_t>(cap - 1);
  slot empty{};
  empty.row = kEmpty;
  slots_.assign(cap, empty);
  for (int pass = 0; pass < 2; ++pass)
    (pass ? b : a).for_each_sparse_row([&](uint32_t r, const int16_t* w) {
      uint32_t s = slot_of(r);
      while (slots_[s].row != kEmpty && slots_[s].row != r) s = (s + 1) & slot_mask_;
      slots_[s].row = r;
      std::memcpy(slots_[s].w[pass], w, sizeof(slots_[s].w[pass]));
    });
  scale_[0] = a.inv_scale();
  scale_[1] = b.inv_scale();
}

void joint_rows::promote(const std::vector<uint32_t>& uses, size_t n) {
  std::vector<uint32_t> rows;
  for (const slot& x : slots_)
    if (x.row != kEmpty && x.row < uses.size() && uses[x.row] > 0) rows.push_back(x.row);
  if (rows.size() > n) {
    // Ties broken by row id: the choice does not depend on the table's order.
    auto more = [&](uint32_t a, uint32_t b) {
      return uses[a] != uses[b] ? uses[a] > uses[b] : a < b;
    };
    std::nth_element(rows.begin(), rows.begin() + static_cast<long>(n), rows.end(), more);
    rows.resize(n);
  }
  size_t cap = 16;
  while (cap * 2 < rows.size() * 3 + 2) cap <<= 1;
  slot empty{};
  empty.row = kEmpty;
  hot_.assign(cap, empty);
  hot_mask_ = static_cast<uint32_t>(cap - 1);
  hot_bits_.assign(present_.size(), 0);
  for (uint32_t r : rows) {
    const slot* x = find(r);  // from the main table (hot_ holds nothing of r yet)
    uint32_t s = slot_of(r) & hot_mask_;
    while (hot_[s].row != kEmpty) s = (s + 1) & hot_mask_;
    hot_[s] = *x;
    hot_bits_[r >> 6] |= uint64_t{1} << (r & 63);
  }
}

}  // namespace newsd::entities
