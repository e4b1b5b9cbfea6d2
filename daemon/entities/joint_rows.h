#pragma once
// The weight rows of the two Arabic models (first and second pass) in one table: a row id is
// probed once and both passes' weights sit beside it, so scoring an unknown word for both
// passes costs one cache miss per present feature instead of two probes and two rows (the
// stream of unseen news spends most of its per-word time in these misses).
#include <cstdint>
#include <vector>

#include "daemon/entities/ner_model.h"

namespace newsd::entities {

class joint_rows {
 public:
  // From two loaded (sparse) models with the same feature bits. A row absent from one model
  // is stored as zeros for it: adding +0.0 leaves every score bit-identical (a sum that
  // starts at +0.0 and adds only non-zero products or +0.0 is never -0.0).
  joint_rows(const ner_model& a, const ner_model& b);

  struct slot {
    uint32_t row;
    int16_t w[2][kNumLabels];
  };
  // Copies the `n` rows with the highest `uses` (indexed by row id) into a small table probed
  // first: the rows of common feature values (suffixes, shapes, word classes, gazetteer and
  // document features) then stay in the cache instead of being spread over the 10 MB table.
  void promote(const std::vector<uint32_t>& uses, size_t n);

  // The slot of a key, or null when neither model has the row.
  const slot* find(uint64_t key) const {
    const uint32_t rw = static_cast<uint32_t>(key & row_mask_);
    if (!(present_[rw >> 6] >> (rw & 63) & 1)) return nullptr;
    if (!hot_.empty())
      for (uint32_t s = slot_of(rw) & hot_mask_;; s = (s + 1) & hot_mask_) {
        if (hot_[s].row == rw) return &hot_[s];
        if (hot_[s].row == kEmpty) break;
      }
    for (uint32_t s = slot_of(rw);; s = (s + 1) & slot_mask_) {
      if (slots_[s].row == rw) return &slots_[s];
      if (slots_[s].row == kEmpty) return nullptr;
    }
  }
  void prefetch(uint64_t key) const {
    const uint32_t rw = static_cast<uint32_t>(key & row_mask_);
    if (!(present_[rw >> 6] >> (rw & 63) & 1)) return;
    if (!hot_.empty()) {
      const char* h = reinterpret_cast<const char*>(&hot_[slot_of(rw) & hot_mask_]);
      __builtin_prefetch(h);
      if (is_hot(rw)) return;
    }
    const char* p = reinterpret_cast<const char*>(&slots_[slot_of(rw)]);
    __builtin_prefetch(p), __builtin_prefetch(p + sizeof(slot) - 1);
  }
  uint32_t row_of(uint64_t key) const { return static_cast<uint32_t>(key & row_mask_); }
  // ner_model::add_row of model `pass` (0 first, 1 second).
  void add(const slot* x, int pass, float* scores) const {
    add_scaled_row(scores, x->w[pass], scale_[pass]);
  }
  void add_row(uint64_t key, int pass, float* scores) const {
    if (const slot* x = find(key)) add(x, pass, scores);
  }

 private:
  static constexpr uint32_t kEmpty = 0xFFFFFFFFu;
  uint32_t slot_of(uint32_t r) const {
    return static_cast<uint32_t>((uint64_t{r} * 0x9E3779B97F4A7C15ULL) >> 32) & slot_mask_;
  }
  bool is_hot(uint32_t rw) const { return hot_bits_[rw >> 6] >> (rw & 63) & 1; }
  uint64_t row_mask_ = 0;
  std::vector<uint64_t> present_;
  std::vector<slot> slots_;
  uint32_t slot_mask_ = 0;
  std::vector<slot> hot_;
  std::vector<uint64_t> hot_bits_;  // rows in hot_
  uint32_t hot_mask_ = 0;
  float scale_[2] = {1, 1};
};

}  // namespace newsd::entities
