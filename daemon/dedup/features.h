#pragma once
// What the dedup index keeps of an article's text: shingle samples, a
// one-permutation MinHash signature, line hashes (for boilerplate) and a body hash.
#include <array>
#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

namespace newsd::dedup {

constexpr int kShingle = 5;         // code points per shingle (letters and digits only)
constexpr int kSigSize = 128;       // MinHash values (one-permutation hashing)
constexpr uint32_t kSampleMod = 8;  // 1 in 8 shingles is kept for verification
constexpr int kLeadShingles = 300;  // the "lead" of an article, in shingle positions

struct features {
  uint64_t body_hash = 0;             // all normalised letters/digits, boilerplate included
  uint32_t body_chars = 0;            // letters/digits in the body
  uint32_t n_shingles = 0;            // shingle positions outside boilerplate lines
  std::vector<uint32_t> line_hashes;  // distinct lines with enough content
  std::vector<uint32_t> sample;       // sorted, unique sampled shingle hashes
  std::vector<uint32_t> lead_sample;  // sampled shingles among the first kLeadShingles
  std::vector<uint32_t> quoted;       // sorted subset of `sample` inside quotation marks
  // 4 bits of every shingle's hash in text order, two a byte (the first in the low half):
  // what the second tier aligns (archive.h).
  std::vector<uint8_t> shingle_nibbles;
  std::array<uint32_t, kSigSize> sig{};  // densified OPH MinHash
};

// A sample keeps the top 15 bits of its shingle hash (chosen 1 in kSampleMod on the
// low bits). Its stored form is 16 bits with a flag in the low bit, kQuotedBit marking
// a sample that lies inside quotation marks; the index codes them (sample_code.h). On ant-dev, 15
// bits instead of 29 leave every verdict at the default unchanged (docs/dedup.md).
constexpr uint32_t kSampleKeep = 0xFFFE0000u;
constexpr uint16_t kQuotedBit = 1;
// The 4 bits of a shingle hash kept in `shingle_nibbles`: bits no other use takes
// (the bin is 57-63, the sample 42-56, the MinHash value 0-31).
inline uint8_t shingle_nibble(uint64_t h) { return static_cast<uint8_t>(h >> 32) & 0xF; }
// Unpacks n shingle nibbles into one value a byte.
void unpack_nibbles(const uint8_t* packed, size_t n, std::vector<uint8_t>& out);
inline uint16_t stored_sample(uint32_t v, bool quoted) {
  return static_cast<uint16_t>((v >> 16) | (quoted ? kQuotedBit : 0));
}
inline uint32_t sample_value(uint16_t stored) {
  return static_cast<uint32_t>(stored & ~kQuotedBit) << 16;
}

// `is_boilerplate(line_hash)` says whether a line is too common in the window to count;
// `prefetch(line_hash)`, when given, is called for every line before the first of them.
features compute_features(std::string_view text,
                          const std::function<bool(uint32_t)>& is_boilerplate,
                          const std::function<void(uint32_t)>& prefetch = {});
// The same into `out`, whose vectors keep their capacity: the index reuses one per thread.
void compute_features(std::string_view text, const std::function<bool(uint32_t)>& is_boilerplate,
                      const std::function<void(uint32_t)>& prefetch, features& out);

// The LSH band keys of f.sig: band b hashes values b*rows .. b*rows+rows-1 (common/hash.h's
// hash64, chained through the seed).
void band_keys(const features& f, int bands, int rows, uint32_t* out);

// The new article's sample as a set, built once per article and probed by every
// candidate. Samples are 15-bit values (kSampleKeep), so the set is a bitmap of all
// 2^15 of them (4 KB, in L1): one exact bit test a probe, no hashing.
class sample_set {
 public:
  void build(const std::vector<uint32_t>& sample);
  // `v`: a sample value (only the bits of kSampleKeep may be set).
  bool contains(uint32_t v) const { return contains_top(v >> 17); }
  // The same for the 15-bit value itself (sample_code's reader gives it directly).
  bool contains_top(uint32_t q) const { return (bits_[q >> 6] >> (q & 63)) & 1; }

 private:
  static_assert(kSampleKeep == 0xFFFE0000u, "a bit per 15-bit sample value");
  std::array<uint64_t, (1u << 15) / 64> bits_{};
};

// Number of common elements of two sorted vectors.
uint32_t intersect_count(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b);
uint32_t intersect_count(const uint32_t* a, size_t na, const uint32_t* b, size_t nb);

}  // namespace newsd::dedup
