#pragma once
// The hash of a 5-code-point shingle (features.cc: MinHash bin and value, sample), and
// the same for every shingle of a text at once, vectorised where the CPU allows it.
#include <cstddef>
#include <cstdint>

namespace newsd::dedup {

inline uint64_t mix64(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

// c[0..4]: code points (below 2^21).
inline uint64_t shingle_hash(const uint32_t* c) {
  const uint64_t x =
      c[0] | (static_cast<uint64_t>(c[1]) << 21) | (static_cast<uint64_t>(c[2]) << 42);
  const uint64_t y = c[3] | (static_cast<uint64_t>(c[4]) << 21);
  return mix64(x ^ mix64(y + 0x9e3779b97f4a7c15ULL));
}

// Vector paths, chosen at run time; every one gives shingle_hash's values.
enum class simd_level { none, avx2, avx512 };
simd_level best_simd_level();

// out[i] = shingle_hash(c + i) for i < n (c holds n + 4 values).
void hash_shingles(const uint32_t* c, size_t n, uint64_t* out,
                   simd_level level = best_simd_level());

}  // namespace newsd::dedup
