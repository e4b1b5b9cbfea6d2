#pragma once
// The averaged-perceptron weights of one language: hashed feature rows of kNumLabels
// weights, label transitions, and the vocabulary whose scores are precomputed at load.
#include <cstdint>
#include <string>
#include <vector>

#include "common/result.h"
#include "daemon/entities/features.h"
#include "daemon/entities/lexicon.h"

namespace newsd::entities {

struct ner_model {
  uint32_t bits = 20;
  // Dense float rows while training ((1 << bits) * kNumLabels); empty in a loaded model,
  // which keeps only its non-zero rows as int16 in an open-addressing table (a few MB
  // instead of 38 MB per language).
  std::vector<float> w;
  float trans[kNumLabels][kNumLabels] = {};
  float start[kNumLabels] = {};
  std::vector<std::string> vocab;  // frequent training words, precomputed at load
  lexicon lex;                     // distributional word classes (may be empty)

  size_t row(uint64_t key) const { return (key & ((1ULL << bits) - 1)) * kNumLabels; }
  void add_row(uint64_t key, float* scores) const {
    if (!w.empty()) {
      const float* r = &w[row(key)];
      for (int l = 0; l < kNumLabels; ++l) scores[l] += r[l];
      return;
    }
    const uint32_t rw = static_cast<uint32_t>(key & ((1ULL << bits) - 1));
    for (uint32_t s = slot_of(rw);; s = (s + 1) & slot_mask_) {
      if (slot_row_[s] == rw) {
        const int16_t* q = &slot_w_[size_t{s} * kNumLabels];
        for (int l = 0; l < kNumLabels; ++l) scores[l] += static_cast<float>(q[l]) * inv_scale_;
        return;
      }
      if (slot_row_[s] == kEmpty) return;
    }
  }
  size_t sparse_rows() const { return used_; }

  // Weights are stored quantised to 16 bits, sparse and zlib-compressed.
  status save(const std::string& path) const;
  static result<ner_model> load(const std::string& path);

 private:
  static constexpr uint32_t kEmpty = 0xFFFFFFFFu;
  uint32_t slot_of(uint32_t r) const {
    return static_cast<uint32_t>((uint64_t{r} * 0x9E3779B97F4A7C15ULL) >> 32) & slot_mask_;
  }
  std::vector<uint32_t> slot_row_{kEmpty};
  std::vector<int16_t> slot_w_ = std::vector<int16_t>(kNumLabels, 0);
  uint32_t slot_mask_ = 0;
  size_t used_ = 0;
  float inv_scale_ = 1;
};

// Best label sequence under the BIO constraint (I-X only after B-X or I-X).
// emissions: n * kNumLabels scores.
std::vector<int> viterbi(const std::vector<float>& emissions, size_t n, const ner_model& m);

}  // namespace newsd::entities
