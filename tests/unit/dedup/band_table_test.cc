#include "daemon/dedup/band_table.h"
#include "daemon/dedup/sample_code.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <set>

namespace {

using newsd::dedup::band_table;
using cells = std::multiset<std::pair<uint32_t, uint32_t>>;

cells all_of(const band_table& t) {
  cells out;
  t.for_all([&out](uint32_t k, uint32_t s) { out.emplace(k, s); });
  return out;
}

cells lookup(const band_table& t, const cells& expected) {
  cells out;
  std::set<uint32_t> keys;
  for (const auto& [k, s] : expected) keys.insert(k);
  for (uint32_t k : keys) t.for_each(k, [&out, k](uint32_t s) { out.emplace(k, s); });
  return out;
}

// The cells keep only part of each key (the rest is the position): the keys must
// come back exact through growth, the overflow of long runs and sweeps.
TEST(DedupBandTable, KeysComeBackExactThroughGrowthOverflowAndSweep) {
  band_table t;
  cells expected;
  std::mt19937 rng(7);
  for (uint32_t slot = 0; slot < 3000; ++slot) {
    for (int b = 0; b < 64; ++b) {
      // A few keys shared by many slots: long runs, some cells overflow.
      const uint32_t key = (rng() % 50 == 0) ? rng() % 4 : static_cast<uint32_t>(rng());
      t.insert(key, slot);
      expected.emplace(key, slot);
    }
  }
  EXPECT_GT(t.overflow_size(), 0u);
  EXPECT_EQ(t.size(), expected.size());
  EXPECT_EQ(all_of(t), expected);
  EXPECT_EQ(lookup(t, expected), expected);
  // Sweep every third slot.
  std::vector<uint64_t> dead(3000 / 64 + 1, 0);
  for (uint32_t s = 0; s < 3000; s += 3) dead[s >> 6] |= uint64_t{1} << (s & 63);
  t.sweep(dead);
  std::erase_if(expected, [](const auto& c) { return c.second % 3 == 0; });
  EXPECT_EQ(t.size(), expected.size());
  EXPECT_EQ(all_of(t), expected);
  EXPECT_EQ(lookup(t, expected), expected);
  EXPECT_EQ(lookup(t, {{12345u, 0u}}).size(), 0u);
}

// Slots get the bits the capacity leaves: a large slot number grows the table.
TEST(DedupBandTable, LargeSlotsGrowTheTable) {
  band_table t;
  t.insert(42, 1);
  t.insert(42, 1000000);
  cells want{{42u, 1u}, {42u, 1000000u}};
  EXPECT_EQ(all_of(t), want);
  EXPECT_EQ(lookup(t, want), want);
}

// Coded samples come back exact, flags included, at the edges of the value range.
TEST(DedupSampleCode, RoundTrip) {
  std::mt19937 rng(3);
  for (size_t n : {size_t{0}, size_t{1}, size_t{2}, size_t{170}, size_t{2000}, size_t{32768}}) {
    std::set<uint16_t> values;
    if (n == 32768) {
      for (uint32_t q = 0; q < 32768; ++q) values.insert(static_cast<uint16_t>(q));
    } else {
      if (n >= 2) values.insert({0, 32767});
      while (values.size() < n) values.insert(static_cast<uint16_t>(rng() % 32768));
    }
    std::vector<uint16_t> stored;
    for (uint16_t q : values) stored.push_back(static_cast<uint16_t>((q << 1) | (rng() & 1)));
    std::vector<uint32_t> code(newsd::dedup::sample_code::words(n) + 1, 0xDEADBEEF);
    newsd::dedup::sample_code::encode(stored.data(), n, code.data());
    EXPECT_EQ(code.back(), 0xDEADBEEF) << n;  // wrote within words(n)
    std::vector<uint16_t> back(n);
    newsd::dedup::sample_code::decode(code.data(), n, back.data());
    EXPECT_EQ(back, stored) << n;
  }
}

// The query reads 16 cells at a time: every cell of a key, in the order of the
// one-cell walk (the index keeps the first 64 of a key), through growth, overflow,
// sweeps and homes near the end of the array (the scalar path: no wrap in a block).
TEST(DedupBandTable, VectorLookupKeepsTheWalkOrder) {
  band_table t;
  std::mt19937 rng(11);
  std::set<uint32_t> keys;
  std::vector<uint64_t> dead;
  for (uint32_t slot = 0; slot < 3000; ++slot) {
    for (int b = 0; b < 64; ++b) {
      const uint32_t key = (rng() % 20 == 0) ? rng() % 8 : static_cast<uint32_t>(rng());
      t.insert(key, slot);
      keys.insert(key);
    }
    if (slot == 1500) {  // a sweep of a third of the slots: shifted cells
      dead.assign(3000 / 64 + 1, 0);
      for (uint32_t s = 0; s < 1500; s += 3) dead[s >> 6] |= uint64_t{1} << (s & 63);
      t.sweep(dead);
    }
  }
  size_t cells_seen = 0;
  for (uint32_t k : keys) {
    std::vector<uint32_t> vec, walk;
    t.for_each(k, [&vec](uint32_t s) { vec.push_back(s); });
    t.for_each<false>(k, [&walk](uint32_t s) { walk.push_back(s); });
    ASSERT_EQ(vec, walk) << k;
    cells_seen += vec.size();
  }
  EXPECT_EQ(cells_seen, t.size());
  EXPECT_GT(t.overflow_size(), 0u);  // the hot keys' long runs spilled
}

}  // namespace
