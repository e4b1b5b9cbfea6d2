#pragma once
// The averaged-perceptron weights of one language: hashed feature rows of kNumLabels
// weights, label transitions, and the vocabulary whose scores are precomputed at load.
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <string>
#include <vector>

#include "common/result.h"
#include "daemon/entities/features.h"
#include "daemon/entities/lexicon.h"

namespace newsd::entities {

// scores[0..8] += q[0..8] * scale, and s[0..8] += v[0..8]: the two innermost loops of
// tagging, written with 4-lane vectors (the compiler does not vectorise 9-wide loops).
inline void add_scaled_row(float* scores, const int16_t* q, float scale) {
  static_assert(kNumLabels == 9);
  typedef int32_t v4i __attribute__((vector_size(16)));
  typedef float v4f __attribute__((vector_size(16)));
  const v4f sc = {scale, scale, scale, scale};
  v4i w[2];
#if defined(__SSE2__)
  // One 16-byte load of q[0..7], sign-extended to two 4 x int32 vectors.
  const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(q));
  w[0] = reinterpret_cast<v4i>(_mm_srai_epi32(_mm_unpacklo_epi16(x, x), 16));
  w[1] = reinterpret_cast<v4i>(_mm_srai_epi32(_mm_unpackhi_epi16(x, x), 16));
#else
  for (int h = 0; h < 2; ++h) w[h] = v4i{q[4 * h], q[4 * h + 1], q[4 * h + 2], q[4 * h + 3]};
#endif
  for (int h = 0; h < 2; ++h) {
    v4f acc;
    std::memcpy(&acc, scores + 4 * h, sizeof(acc));
    acc += __builtin_convertvector(w[h], v4f) * sc;
    std::memcpy(scores + 4 * h, &acc, sizeof(acc));
  }
  scores[8] += static_cast<float>(q[8]) * scale;
}

inline void add_row9(float* s, const float* v) {
  typedef float v4f __attribute__((vector_size(16)));
  for (int h = 0; h < 8; h += 4) {
    v4f a, b;
    std::memcpy(&a, s + h, sizeof(a));
    std::memcpy(&b, v + h, sizeof(b));
    a += b;
    std::memcpy(s + h, &a, sizeof(a));
  }
  s[8] += v[8];
}

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
    const int16_t* q = find(key);
    if (q == nullptr) return;
    add_scaled_row(scores, q, inv_scale_);
  }
  // Loads the cache line of the key's first probe; callers issue these for all the features
  // of a word before adding them, so the misses overlap.
  void prefetch(uint64_t key) const {
    if (!w.empty()) return;
    const uint32_t rw = row_id(key);
    if ((rw >> 6) < present_.size() && (present_[rw >> 6] >> (rw & 63) & 1))
      __builtin_prefetch(&slot_row_[slot_of(rw)]);
  }
  size_t sparse_rows() const { return used_; }
  // add_row in two steps, for callers that look up many keys before summing any: the
  // quantised row of a key (null when absent; only for a loaded model, `w` empty), then its
  // sum into the scores (the same arithmetic as add_row).
  bool sparse() const { return w.empty(); }
  const int16_t* sparse_row(uint64_t key) const { return find(key); }
  void add_sparse_row(const int16_t* q, float* scores) const {
    add_scaled_row(scores, q, inv_scale_);
  }

  // The non-zero rows of a loaded model (row id, int16 weights) in table order, their scale,
  // and dropping them once a joint_rows table holds them (recogniser with a second pass).
  template <class F>
  void for_each_sparse_row(F&& f) const {
    for (size_t s = 0; s < slot_row_.size(); ++s)
      if (slot_row_[s] != kEmpty) f(slot_row_[s], &slot_w_[s * kNumLabels]);
  }
  float inv_scale() const { return inv_scale_; }
  void drop_sparse_rows() {  // and their memory (assign would keep the capacity)
    std::vector<uint64_t>(1, 0).swap(present_);
    std::vector<uint32_t>(1, kEmpty).swap(slot_row_);
    std::vector<int16_t>(kNumLabels, 0).swap(slot_w_);
    slot_mask_ = 0;
  }

  // Transitions with the BIO constraint folded in (-inf), padded to 12 lanes for the
  // vectorised Viterbi. A loaded model keeps them; a model in training rebuilds them per call.
  struct viterbi_tables {
    float start[12];
    float trans[kNumLabels][12];
  };
  viterbi_tables make_viterbi_tables() const;
  const viterbi_tables* loaded_tables() const { return vt_ready_ ? &vt_ : nullptr; }

  // Weights are stored quantised to 16 bits, sparse and zlib-compressed.
  status save(const std::string& path) const;
  static result<ner_model> load(const std::string& path);

 private:
  static constexpr uint32_t kEmpty = 0xFFFFFFFFu;
  // Row ids alone in a compact probe array (most feature keys of an unknown word are absent
  // from the model, and a miss then touches 4 bytes per slot, not a whole weight row); the
  // int16 weights of slot s at slot_w_[s * kNumLabels].
  uint32_t row_id(uint64_t key) const { return static_cast<uint32_t>(key & ((1ULL << bits) - 1)); }
  uint32_t slot_of(uint32_t r) const {
    return static_cast<uint32_t>((uint64_t{r} * 0x9E3779B97F4A7C15ULL) >> 32) & slot_mask_;
  }
  const int16_t* find(uint64_t key) const {
    const uint32_t rw = row_id(key);
    // One bit per possible row (128 KB at 20 bits, cache-resident): most keys of an unknown
    // word are absent and stop here without touching the probe array.
    if ((rw >> 6) >= present_.size() || !(present_[rw >> 6] >> (rw & 63) & 1)) return nullptr;
    for (uint32_t s = slot_of(rw);; s = (s + 1) & slot_mask_) {
      if (slot_row_[s] == rw) return &slot_w_[size_t{s} * kNumLabels];
      if (slot_row_[s] == kEmpty) return nullptr;
    }
  }
  std::vector<uint64_t> present_ = std::vector<uint64_t>(1, 0);
  std::vector<uint32_t> slot_row_{kEmpty};
  std::vector<int16_t> slot_w_ = std::vector<int16_t>(kNumLabels, 0);
  uint32_t slot_mask_ = 0;
  size_t used_ = 0;
  float inv_scale_ = 1;
  viterbi_tables vt_{};
  bool vt_ready_ = false;
};

// Best label sequence under the BIO constraint (I-X only after B-X or I-X).
// emissions: n * kNumLabels scores.
std::vector<int> viterbi(const std::vector<float>& emissions, size_t n, const ner_model& m);
// The same into `out` (resized to n; its storage is reused).
void viterbi(const std::vector<float>& emissions, size_t n, const ner_model& m,
             std::vector<int>& out);

}  // namespace newsd::entities
