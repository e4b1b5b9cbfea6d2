// The vector paths of hash_shingles must give shingle_hash's values exactly: the
// signatures, samples and band keys (and so every verdict and saved row) depend on them.
#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "daemon/dedup/shingle_hash.h"

namespace {

using newsd::dedup::simd_level;

TEST(DedupShingleHash, EveryPathGivesTheScalarValues) {
  std::mt19937 rng(11);
  std::vector<simd_level> levels = {simd_level::none};
#if defined(__x86_64__)
  if (__builtin_cpu_supports("avx2")) levels.push_back(simd_level::avx2);
#endif
  if (newsd::dedup::best_simd_level() == simd_level::avx512) levels.push_back(simd_level::avx512);
  for (size_t n : {0u, 1u, 3u, 4u, 7u, 8u, 9u, 31u, 1000u}) {
    std::vector<uint32_t> c(n + 4);
    // Code points up to 2^21 (astral ones are stored as 0x10000 + lead byte).
    for (auto& v : c) v = rng() % 3 == 0 ? rng() & 0x1FFFFF : 0x600 + rng() % 0x100;
    for (simd_level level : levels) {
      std::vector<uint64_t> out(n + 1, 0xDEADBEEF);
      newsd::dedup::hash_shingles(c.data(), n, out.data(), level);
      for (size_t i = 0; i < n; ++i) {
        ASSERT_EQ(out[i], newsd::dedup::shingle_hash(c.data() + i))
            << "level " << static_cast<int>(level) << " n " << n << " i " << i;
      }
      EXPECT_EQ(out[n], 0xDEADBEEFu) << "wrote past n";
    }
  }
}

TEST(DedupShingleHash, DependsOnEveryCodePointInOrder) {
  const uint32_t a[] = {1, 2, 3, 4, 5}, b[] = {1, 2, 3, 5, 4}, c[] = {1, 2, 3, 4, 6};
  EXPECT_NE(newsd::dedup::shingle_hash(a), newsd::dedup::shingle_hash(b));
  EXPECT_NE(newsd::dedup::shingle_hash(a), newsd::dedup::shingle_hash(c));
}

}  // namespace
