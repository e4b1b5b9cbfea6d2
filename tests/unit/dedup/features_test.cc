// The verification helpers the speed work rests on: the sample comes out sorted
// and unique (radix sort), and sample_set answers membership exactly.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>

#include "daemon/dedup/features.h"

namespace {

std::string words(uint32_t seed, int n) {
  static const char* letters[] = {"ا", "ب", "ت", "ج", "د", "ر", "س", "ع", "ف", "ق", "ل", "م", "ن"};
  std::mt19937 rng(seed);
  std::string out;
  for (int w = 0; w < n; ++w) {
    for (int k = 0; k < 3 + static_cast<int>(rng() % 5); ++k) out += letters[rng() % 13];
    out += (w % 20 == 19) ? ".\n" : " ";
  }
  return out;
}

TEST(DedupFeatures, SampleIsSortedUniqueAndLeadIsItsPrefixPart) {
  auto f = newsd::dedup::compute_features(words(7, 600), [](uint32_t) { return false; });
  ASSERT_GT(f.sample.size(), 64u);  // long enough for the radix path
  EXPECT_TRUE(std::is_sorted(f.sample.begin(), f.sample.end()));
  EXPECT_EQ(std::adjacent_find(f.sample.begin(), f.sample.end()), f.sample.end());
  for (uint32_t s : f.sample) EXPECT_EQ(s % newsd::dedup::kSampleMod, 0u);
  ASSERT_FALSE(f.lead_sample.empty());
  EXPECT_LT(f.lead_sample.size(), f.sample.size());
  for (uint32_t s : f.lead_sample) {
    EXPECT_TRUE(std::binary_search(f.sample.begin(), f.sample.end(), s));
  }
}

TEST(DedupFeatures, SampleSetMembershipIsExact) {
  auto a = newsd::dedup::compute_features(words(1, 500), [](uint32_t) { return false; });
  // b repeats part of a: the count must be exact on a real overlap.
  auto b =
      newsd::dedup::compute_features(words(1, 200) + words(2, 300), [](uint32_t) { return false; });
  newsd::dedup::sample_set set;
  set.build(a.sample);
  for (uint32_t s : a.sample) EXPECT_TRUE(set.contains(s));
  uint32_t via_set = 0;
  for (uint32_t s : b.sample) via_set += set.contains(s);
  EXPECT_GT(via_set, 10u);
  EXPECT_EQ(via_set, newsd::dedup::intersect_count(a.sample, b.sample));
  // The next sample values after members (15-bit values: steps of 2^17) are not
  // members unless they are in the sample.
  for (uint32_t s : a.sample) {
    const uint32_t next = s + (uint32_t{1} << 17);
    EXPECT_EQ(set.contains(next), std::binary_search(a.sample.begin(), a.sample.end(), next));
  }
}

}  // namespace
