#pragma once
// The averaged-perceptron weights of one language: hashed feature rows of kNumLabels
// weights, label transitions, and the vocabulary whose scores are precomputed at load.
#include <cstdint>
#include <string>
#include <vector>

#include "common/result.h"
#include "daemon/entities/features.h"

namespace newsd::entities {

struct ner_model {
  uint32_t bits = 20;
  std::vector<float> w;  // (1 << bits) rows * kNumLabels
  float trans[kNumLabels][kNumLabels] = {};
  float start[kNumLabels] = {};
  std::vector<std::string> vocab;  // frequent training words, precomputed at load

  size_t row(uint64_t key) const { return (key & ((1ULL << bits) - 1)) * kNumLabels; }
  void add_row(uint64_t key, float* scores) const {
    const float* r = &w[row(key)];
    for (int l = 0; l < kNumLabels; ++l) scores[l] += r[l];
  }

  // Weights are stored quantised to 16 bits, sparse and zlib-compressed.
  status save(const std::string& path) const;
  static result<ner_model> load(const std::string& path);
};

// Best label sequence under the BIO constraint (I-X only after B-X or I-X).
// emissions: n * kNumLabels scores.
std::vector<int> viterbi(const std::vector<float>& emissions, size_t n, const ner_model& m);

}  // namespace newsd::entities
