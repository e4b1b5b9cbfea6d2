// duplicate_of names the earliest-published member of the cluster already seen
// (docs/dedup.md, "duplicate_of"): not the first one indexed.
#include <gtest/gtest.h>

#include "daemon/dedup/dedup.h"
#include "daemon/state/store.h"
#include "tests/unit/dedup/corpus_util.h"

namespace {

using newsd::dedup_test::make;
using newsd::dedup_test::prose;
using newsd::model::dedup_status;

newsd::config::dedup_section cfg() { return {}; }

// A wire copy fetched first, the original (published earlier) fetched after it.
TEST(DedupEarliest, LaterArrivalPublishedEarlierBecomesTheNamedOriginal) {
  newsd::dedup::index idx(cfg());
  const std::string body = prose(50, 8);
  EXPECT_EQ(idx.check_and_insert(make("wire", "عاجل\n" + body, 5, "outlet-b")).status,
            dedup_status::unique);
  // Published three hours before "wire" but seen after it: still the duplicate (the
  // first is already out as unique and cannot be retracted), naming "wire".
  auto orig = idx.check_and_insert(make("orig", body, 2, "outlet-a"));
  EXPECT_EQ(orig.status, dedup_status::near_duplicate);
  EXPECT_EQ(orig.duplicate_of, "wire");
  // From now on the cluster's earliest published member is "orig".
  auto third = idx.check_and_insert(make("third", body + prose(51, 1), 6, "outlet-c"));
  EXPECT_EQ(third.status, dedup_status::near_duplicate);
  EXPECT_EQ(third.duplicate_of, "orig");
  // Exact duplicates follow the same rule, whichever member they match.
  auto exact = idx.check_and_insert(make("exact", "عاجل\n" + body, 7, "outlet-d"));
  EXPECT_EQ(exact.status, dedup_status::exact_duplicate);
  EXPECT_EQ(exact.duplicate_of, "orig");
  // Reprocessing returns the verdict given, not a recomputed one.
  EXPECT_EQ(idx.check_and_insert(make("orig", body, 2, "outlet-a")).duplicate_of, "wire");
}

TEST(DedupEarliest, LaterPublishedMembersDoNotReplaceTheEarliest) {
  newsd::dedup::index idx(cfg());
  const std::string body = prose(52, 8);
  EXPECT_EQ(idx.check_and_insert(make("first", body, 3, "a")).status, dedup_status::unique);
  EXPECT_EQ(idx.check_and_insert(make("later", "خبر\n" + body, 9, "b")).duplicate_of, "first");
  EXPECT_EQ(idx.check_and_insert(make("latest", "تحديث\n" + body, 10, "c")).duplicate_of, "first");
}

TEST(DedupEarliest, FetchTimeCountsWhenThereIsNoPublicationTime) {
  newsd::dedup::index idx(cfg());
  const std::string body = prose(53, 8);
  auto a = make("a", body, 4, "x");
  a.published_at_ms.reset();
  a.fetched_at_ms = 1520000000000 + 4 * 3600000;
  EXPECT_EQ(idx.check_and_insert(a).status, dedup_status::unique);
  auto b = make("b", "خبر\n" + body, 0, "y");
  b.published_at_ms.reset();
  b.fetched_at_ms = 1520000000000 + 1 * 3600000;  // fetched before a was fetched
  EXPECT_EQ(idx.check_and_insert(b).duplicate_of, "a");
  EXPECT_EQ(idx.check_and_insert(make("c", "تحديث\n" + body, 5, "z")).duplicate_of, "b");
}

// The earliest member may leave the window before the others: it is still the
// earliest article of the cluster, and it stays named.
TEST(DedupEarliest, EarliestStaysNamedAfterLeavingTheWindow) {
  auto c = cfg();
  c.window_hours = 4;
  c.bucket_hours = 1;
  newsd::dedup::index idx(c);
  const std::string body = prose(54, 8);
  EXPECT_EQ(idx.check_and_insert(make("r", body, 3, "a")).status, dedup_status::unique);
  EXPECT_EQ(idx.check_and_insert(make("o", "خبر\n" + body, 0, "b")).duplicate_of, "r");
  // Hour 4: the bucket of hour 0 ("o") is dropped, "r" (hour 3) stays.
  auto t = idx.check_and_insert(make("t", "تحديث\n" + body, 4, "c"));
  EXPECT_EQ(t.status, dedup_status::near_duplicate);
  EXPECT_EQ(t.duplicate_of, "o");
  EXPECT_EQ(idx.get_stats().indexed, 2u);  // r, t
  // Once every member has left, a copy starts a new cluster.
  EXPECT_EQ(idx.check_and_insert(make("u", prose(55, 8), 20, "d")).status, dedup_status::unique);
  EXPECT_EQ(idx.check_and_insert(make("v", body, 20, "e")).status, dedup_status::unique);
  EXPECT_EQ(idx.check_and_insert(make("w", "عاجل\n" + body, 21, "f")).duplicate_of, "v");
}

TEST(DedupEarliest, SaveLoadKeepsTheEarliest) {
  auto st = newsd::state::store::open(":memory:");
  ASSERT_TRUE(st);
  const std::string body = prose(56, 8);
  {
    newsd::dedup::index idx(cfg());
    EXPECT_EQ(idx.check_and_insert(make("r", body, 3, "a")).status, dedup_status::unique);
    EXPECT_EQ(idx.check_and_insert(make("o", "خبر\n" + body, 1, "b")).duplicate_of, "r");
    ASSERT_TRUE(idx.save(**st));
  }
  newsd::dedup::index restored(cfg());
  ASSERT_TRUE(restored.load(**st));
  EXPECT_EQ(restored.check_and_insert(make("o", "خبر\n" + body, 1, "b")).duplicate_of, "r");
  auto t = restored.check_and_insert(make("t", "تحديث\n" + body, 4, "c"));
  EXPECT_EQ(t.status, dedup_status::near_duplicate);
  EXPECT_EQ(t.duplicate_of, "o");
}

// A window saved before cluster records existed (state schema 1: a 56-byte row header
// without the cluster key, duplicate_of naming the first member seen) still loads, and
// its clusters get their earliest member back from the window.
TEST(DedupEarliest, LoadsAVersion1Window) {
  auto st = newsd::state::store::open(":memory:");
  ASSERT_TRUE(st);
  const std::string body = prose(57, 8);
  {
    newsd::dedup::index idx(cfg());
    EXPECT_EQ(idx.check_and_insert(make("r", body, 3, "a")).status, dedup_status::unique);
    EXPECT_EQ(idx.check_and_insert(make("o", "خبر\n" + body, 1, "b")).duplicate_of, "r");
    ASSERT_TRUE(idx.save(**st));
  }
  ASSERT_TRUE(
      (*st)->exec("UPDATE dedup_window SET data = substr(data, 1, 56) || substr(data, 65);"
                  "DELETE FROM dedup_clusters;"
                  "UPDATE schema_versions SET version = 1 WHERE component = 'dedup';"));
  newsd::dedup::index restored(cfg());
  ASSERT_TRUE(restored.load(**st));
  EXPECT_EQ(restored.get_stats().indexed, 2u);
  EXPECT_EQ(restored.check_and_insert(make("o", "خبر\n" + body, 1, "b")).duplicate_of, "r");
  auto t = restored.check_and_insert(make("t", "تحديث\n" + body, 4, "c"));
  EXPECT_EQ(t.status, dedup_status::near_duplicate);
  EXPECT_EQ(t.duplicate_of, "o");
}

}  // namespace
