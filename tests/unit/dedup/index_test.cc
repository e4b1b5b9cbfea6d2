#include <gtest/gtest.h>

#include "daemon/dedup/dedup.h"
#include "daemon/state/store.h"
#include "tests/unit/dedup/corpus_util.h"

namespace {

using newsd::dedup_test::make;
using newsd::dedup_test::prose;
using newsd::dedup_test::replace_all;
using newsd::model::article;
using newsd::model::dedup_status;

newsd::config::dedup_section cfg() { return {}; }

TEST(DedupIndex, UniqueThenCopiesAcrossOutlets) {
  newsd::dedup::index idx(cfg());
  const std::string body = prose(1, 8);
  EXPECT_EQ(idx.check_and_insert(make("orig", body, 0)).status, dedup_status::unique);

  // Other boilerplate and headline, orthographic variants.
  std::string variant = replace_all(replace_all(body, "ترامب", "ترمب"), "جونغ", "جونج");
  auto v = idx.check_and_insert(make("b", "تابعونا على تطبيق الأخبار\n" + variant, 2, "outlet-b"));
  EXPECT_EQ(v.status, dedup_status::near_duplicate);
  EXPECT_EQ(v.duplicate_of, "orig");
  EXPECT_GT(v.similarity, 0.8);

  // Truncated copy (first five of eight paragraphs): contained in the source.
  std::string truncated = body.substr(0, [&] {
    size_t p = 0;
    for (int i = 0; i < 5; ++i) p = body.find('\n', p) + 1;
    return p;
  }());
  auto t = idx.check_and_insert(make("c", truncated, 3, "outlet-c"));
  EXPECT_EQ(t.status, dedup_status::near_duplicate);
  EXPECT_EQ(t.duplicate_of, "orig");  // the earliest of the cluster, not "b"

  // Same text, same outlet, another id and URL: exact.
  auto e = idx.check_and_insert(make("d", body, 3, "outlet-a"));
  EXPECT_EQ(e.status, dedup_status::exact_duplicate);
  EXPECT_EQ(e.duplicate_of, "orig");
}

TEST(DedupIndex, IndependentTextsAreNotDuplicates) {
  newsd::dedup::index idx(cfg());
  for (uint32_t s = 10; s < 20; ++s) {
    auto v = idx.check_and_insert(
        make("n" + std::to_string(s), prose(s, 8), s, "o" + std::to_string(s % 3)));
    EXPECT_EQ(v.status, dedup_status::unique) << s;
  }
}

TEST(DedupIndex, SharedBoilerplateAloneIsNotACopy) {
  newsd::dedup::index idx(cfg());
  const std::string teaser = prose(99, 3);
  for (uint32_t s = 30; s < 36; ++s) {
    auto v = idx.check_and_insert(make("t" + std::to_string(s), prose(s, 3) + teaser, s, "cnn"));
    EXPECT_EQ(v.status, dedup_status::unique) << s;
  }
}

TEST(DedupIndex, ShortCaptionInsideLongerArticleIsNotACopy) {
  newsd::dedup::index idx(cfg());
  std::string caption = prose(5, 1);
  std::string longer = prose(6, 4) + caption + prose(7, 4);
  EXPECT_EQ(idx.check_and_insert(make("cap", caption, 0, "cnn")).status, dedup_status::unique);
  EXPECT_EQ(idx.check_and_insert(make("long", longer, 1, "bbc")).status, dedup_status::unique);
}

TEST(DedupIndex, SameOutletUpdateWithNewLeadIsNotACopy) {
  newsd::dedup::index idx(cfg());
  std::string first = prose(40, 6);
  EXPECT_EQ(idx.check_and_insert(make("u1", first, 0, "sky")).status, dedup_status::unique);
  EXPECT_EQ(idx.check_and_insert(make("u2", prose(41, 5) + first, 5, "sky")).status,
            dedup_status::unique);
}

TEST(DedupIndex, ReprocessingIsIdempotent) {
  newsd::dedup::index idx(cfg());
  auto a = make("x", prose(2, 8), 0);
  auto first = idx.check_and_insert(a);
  auto again = idx.check_and_insert(a);
  EXPECT_EQ(first.status, dedup_status::unique);
  EXPECT_EQ(again.status, dedup_status::unique);
  auto copy = make("y", a.text, 1, "other");
  auto c1 = idx.check_and_insert(copy);
  auto c2 = idx.check_and_insert(copy);
  EXPECT_EQ(c1.status, dedup_status::exact_duplicate);
  EXPECT_EQ(c2.status, c1.status);
  EXPECT_EQ(c2.duplicate_of, "x");
  EXPECT_EQ(idx.get_stats().indexed, 2u);
}

// A copy published before the window (an old article re-listed by a feed) is not
// stored: processing it again must not make it the duplicate of itself.
TEST(DedupIndex, CopyOlderThanTheWindowIsNeverItsOwnDuplicate) {
  auto c = cfg();
  c.window_hours = 4;
  c.bucket_hours = 1;
  newsd::dedup::index idx(c);
  const std::string body = prose(5, 8);
  EXPECT_EQ(idx.check_and_insert(make("wire", "WIRE: " + body, 10)).status, dedup_status::unique);
  auto first = idx.check_and_insert(make("orig", body, 0, "b"));
  auto again = idx.check_and_insert(make("orig", body, 0, "b"));
  auto later = idx.check_and_insert(make("copy", body, 10, "c"));
  ASSERT_NE(first.status, dedup_status::unique);
  EXPECT_EQ(first.duplicate_of, "wire");
  EXPECT_EQ(again.status, first.status);
  EXPECT_EQ(again.duplicate_of, "wire");
  EXPECT_NE(later.status, dedup_status::unique);
  EXPECT_EQ(later.duplicate_of, "wire");
}

TEST(DedupIndex, WindowEvictsOldBuckets) {
  auto c = cfg();
  c.window_hours = 4;
  c.bucket_hours = 1;
  newsd::dedup::index idx(c);
  const std::string body = prose(3, 8);
  EXPECT_EQ(idx.check_and_insert(make("old", body, 0)).status, dedup_status::unique);
  EXPECT_EQ(idx.get_stats().indexed, 1u);
  // Ten hours later the first article has left the window: a copy is new again.
  EXPECT_EQ(idx.check_and_insert(make("later", prose(4, 8), 10)).status, dedup_status::unique);
  EXPECT_EQ(idx.get_stats().indexed, 1u);
  EXPECT_EQ(idx.check_and_insert(make("copy", body, 10, "b")).status, dedup_status::unique);
  EXPECT_LE(idx.get_stats().buckets, 4u);
}

// An evicted article's slot is reused only once its band cells are gone: with one
// candidate verified (the one with most shared bands), stale cells of the evicted
// original would point at the unrelated article now in its slot and hide the copy.
TEST(DedupIndex, ReusedSlotCarriesNoStaleBands) {
  auto c = cfg();
  c.window_hours = 4;
  c.bucket_hours = 1;
  newsd::dedup::tuning t;
  t.max_candidates = 1;
  newsd::dedup::index idx(c, t);
  const std::string body = prose(21, 12);
  EXPECT_EQ(idx.check_and_insert(make("orig", body, 0)).status, dedup_status::unique);
  // Ten hours later: "orig" has left; "other" takes its slot.
  EXPECT_EQ(idx.check_and_insert(make("other", prose(22, 12), 10, "c")).status,
            dedup_status::unique);
  EXPECT_EQ(idx.get_stats().indexed, 1u);
  const std::string head = body.substr(0, body.size() * 3 / 4);
  EXPECT_EQ(idx.check_and_insert(make("part", head, 10, "b")).status, dedup_status::unique);
  auto v = idx.check_and_insert(make("again", body, 11, "d"));
  EXPECT_EQ(v.status, dedup_status::near_duplicate);
  EXPECT_EQ(v.duplicate_of, "part");
}

// Ids other than assign_id's 32 hex digits are kept as strings, hex ids packed:
// both come back unchanged in verdicts, after a restart too.
TEST(DedupIndex, PackedAndOtherIdsRoundTrip) {
  auto st = newsd::state::store::open(":memory:");
  ASSERT_TRUE(st);
  const std::string hex = "0123456789abcdef0123456789abcdef";
  const std::string body = prose(31, 8);
  {
    newsd::dedup::index idx(cfg());
    EXPECT_EQ(idx.check_and_insert(make(hex, body, 0)).status, dedup_status::unique);
    auto v = idx.check_and_insert(make("Copy-1", body, 1, "b"));
    EXPECT_EQ(v.duplicate_of, hex);
    EXPECT_EQ(idx.check_and_insert(make("Copy-1", body, 1, "b")).duplicate_of, hex);
    ASSERT_TRUE(idx.save(**st));
  }
  newsd::dedup::index restored(cfg());
  ASSERT_TRUE(restored.load(**st));
  EXPECT_EQ(restored.check_and_insert(make("Copy-1", body, 1, "b")).duplicate_of, hex);
  EXPECT_EQ(restored.check_and_insert(make(hex, body, 0)).status, dedup_status::unique);
  EXPECT_EQ(restored.check_and_insert(make("0123456789ABCDEF0123456789ABCDEF", body, 2, "c"))
                .duplicate_of,
            hex);
}

TEST(DedupIndex, SaveLoadRoundTrip) {
  auto st = newsd::state::store::open(":memory:");
  ASSERT_TRUE(st);
  const std::string body = prose(8, 8);
  {
    newsd::dedup::index idx(cfg());
    EXPECT_EQ(idx.check_and_insert(make("s1", body, 0)).status, dedup_status::unique);
    EXPECT_EQ(idx.check_and_insert(make("s2", prose(9, 8), 1)).status, dedup_status::unique);
    ASSERT_TRUE(idx.save(**st));
  }
  newsd::dedup::index restored(cfg());
  ASSERT_TRUE(restored.load(**st));
  EXPECT_EQ(restored.get_stats().indexed, 2u);
  auto v = restored.check_and_insert(make("s3", "خبر عاجل\n" + body, 2, "b"));
  EXPECT_EQ(v.status, dedup_status::near_duplicate);
  EXPECT_EQ(v.duplicate_of, "s1");
  EXPECT_EQ(restored.check_and_insert(make("s1", body, 0)).status, dedup_status::unique);
}

}  // namespace
