// The dev corpus through the index, scored on the labelled pairs (needs ../shared).
#include <gtest/gtest.h>

#include <fstream>
#include <map>

#include "daemon/dedup/dedup.h"
#include "daemon/model/article.h"
#include "tests/support/test_support.h"
#include "tools/dedup_eval/label_score.h"

namespace {

TEST(DedupLabels, DevSetPrecisionRecall) {
  NEWSD_REQUIRE_SHARED();
  const std::string dir = newsd::testing::shared_dir() + "/data/dedup/";
  std::ifstream in(dir + "ant-dev.jsonl");
  ASSERT_TRUE(in);
  newsd::dedup::index idx(newsd::config::dedup_section{});
  ASSERT_TRUE(idx.attach_archive(""));  // the second tier, as the daemon runs it (load())
  std::map<std::string, std::string> root;
  std::string line;
  while (std::getline(in, line)) {
    auto a = newsd::model::parse_input_article(line);
    ASSERT_TRUE(a);
    a->canonical_url = newsd::dedup::canonicalize_url(a->url);
    newsd::model::assign_id(*a);
    auto v = idx.check_and_insert(*a);
    root[a->id] = v.status == newsd::model::dedup_status::unique ? a->id : v.duplicate_of;
  }
  auto pairs = newsd::dedup_eval::read_labels(dir + "ant-dev-labels.jsonl");
  ASSERT_TRUE(pairs);
  newsd::dedup_eval::resolve_clusters(root);  // duplicate_of may name a later arrival
  auto s = newsd::dedup_eval::score_pairs(*pairs, root);
  for (const auto& m : s.misses) std::printf("%s\n", m.c_str());
  // The targets are 0.98 / 0.95 / 0.01; these floors are what the
  // current decision rule reaches (docs/dedup.md), so a regression fails.
  EXPECT_GE(s.precision(), 0.99);
  EXPECT_GE(s.recall(), 0.91);  // 44/48 (one tier: 41/48)
  EXPECT_LE(s.same_rate(), 0.0);
}

// A late-arriving original names the first member seen, later copies name it: the
// scorer must put all of them in one cluster.
TEST(DedupLabels, ClustersFollowDuplicateOfLinks) {
  std::map<std::string, std::string> root{
      {"first", "first"}, {"orig", "first"}, {"copy", "orig"}, {"other", "other"}};
  newsd::dedup_eval::resolve_clusters(root);
  EXPECT_EQ(root["copy"], "first");
  EXPECT_EQ(root["orig"], "first");
  EXPECT_EQ(root["other"], "other");
  std::vector<newsd::dedup_eval::labelled_pair> pairs{{"copy", "first", "COPY", "high"},
                                                      {"copy", "other", "UNRELATED", "high"}};
  auto s = newsd::dedup_eval::score_pairs(pairs, root);
  EXPECT_EQ(s.copy_flagged, 1);
  EXPECT_EQ(s.unrelated_flagged, 0);
}

TEST(DedupLabels, SeedsAreNotDuplicatesOfEachOther) {
  NEWSD_REQUIRE_SHARED();
  const std::string dir = newsd::testing::shared_dir() + "/seeds/";
  newsd::dedup::index idx(newsd::config::dedup_section{});
  int n = 0;
  for (const char* f : {"000_996fb99cc9d0b02b.txt", "002_dce838a851df7fb4.txt",
                        "004_b164f27a6da00b7c.txt"}) {
    newsd::model::article a;
    a.id = f;
    a.source = std::string("seed") + std::to_string(n);
    a.text = newsd::testing::read_file(dir + f);
    a.published_at_ms = 1700000000000 + n++ * 3600000;
    ASSERT_FALSE(a.text.empty());
    EXPECT_EQ(idx.check_and_insert(a).status, newsd::model::dedup_status::unique) << f;
  }
}

}  // namespace
