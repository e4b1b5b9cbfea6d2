// The second verification tier: aligned runs, the archive, and the index using them.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <cstdio>
#include <filesystem>
#include <random>
#include <sstream>
#include <vector>

#include "daemon/dedup/archive.h"
#include "daemon/dedup/dedup.h"
#include "daemon/state/store.h"
#include "tests/unit/dedup/corpus_util.h"

namespace {

using newsd::dedup::aligned_share;
using newsd::dedup::text_archive;
using newsd::dedup_test::make;
using newsd::dedup_test::prose;
using newsd::model::dedup_status;

std::vector<uint8_t> random_bytes(uint32_t seed, size_t n) {
  std::mt19937 rng(seed);
  std::vector<uint8_t> v(n);
  for (auto& x : v) x = static_cast<uint8_t>(rng());
  return v;
}

TEST(DedupAligned, LongCommonRunsCoverTheShorterText) {
  const auto a = random_bytes(1, 1000);
  EXPECT_DOUBLE_EQ(aligned_share(a.data(), a.size(), a.data(), a.size(), 50), 1.0);
  // A truncated copy inside a longer text with other text around it.
  auto b = random_bytes(2, 300);
  b.insert(b.end(), a.begin(), a.begin() + 600);
  const auto tail = random_bytes(3, 300);
  b.insert(b.end(), tail.begin(), tail.end());
  EXPECT_DOUBLE_EQ(aligned_share(a.data(), 600, b.data(), b.size(), 50), 1.0);
  EXPECT_DOUBLE_EQ(aligned_share(b.data(), b.size(), a.data(), 600, 50), 1.0);
  // Unrelated texts share nothing.
  const auto c = random_bytes(4, 1000);
  EXPECT_DOUBLE_EQ(aligned_share(a.data(), a.size(), c.data(), c.size(), 50), 0.0);
}

TEST(DedupAligned, ShortRunsDoNotCount) {
  const auto a = random_bytes(5, 1000);
  auto b = a;
  // An edit every 40 shingles: runs of 39, under a minimum of 50, over one of 30.
  for (size_t i = 20; i < b.size(); i += 40) b[i] ^= 0x5A;
  EXPECT_DOUBLE_EQ(aligned_share(a.data(), a.size(), b.data(), b.size(), 50), 0.0);
  EXPECT_GT(aligned_share(a.data(), a.size(), b.data(), b.size(), 30), 0.9);
}

std::string temp_dir() {
  std::string t = (std::filesystem::temp_directory_path() / "dedup_aligned_XXXXXX").string();
  EXPECT_NE(mkdtemp(t.data()), nullptr);
  return t;
}

TEST(DedupArchive, FilesRoundTripAcrossReopenAndDropWithTheirBucket) {
  const std::string dir = temp_dir();
  const auto a = random_bytes(6, 700), b = random_bytes(7, 500);
  uint32_t off_a, off_b;
  {
    text_archive ar;
    ASSERT_TRUE(ar.open_dir(dir, 3600000));
    off_a = ar.append(10, 111, a.data(), static_cast<uint32_t>(a.size()));
    off_b = ar.append(11, 222, b.data(), static_cast<uint32_t>(b.size()));
    ASSERT_NE(off_a, text_archive::kNone);
    std::vector<uint8_t> out;
    ASSERT_TRUE(ar.read(10, off_a, 111, out));  // before any flush
    EXPECT_EQ(out, a);
    EXPECT_FALSE(ar.read(10, off_a, 999, out));  // another article's key
    ar.flush();
  }
  text_archive ar;  // a restart
  ASSERT_TRUE(ar.open_dir(dir, 3600000));
  std::vector<uint8_t> out;
  ASSERT_TRUE(ar.read(11, off_b, 222, out));
  EXPECT_EQ(out, b);
  // Appends after the restart go after the records already there.
  const uint32_t off_c = ar.append(11, 333, a.data(), 100);
  EXPECT_GT(off_c, off_b);
  ASSERT_TRUE(ar.read(11, off_b, 222, out));
  EXPECT_EQ(out, b);
  ar.drop_before(11);
  EXPECT_FALSE(ar.read(10, off_a, 111, out));
  EXPECT_FALSE(std::filesystem::exists(dir + "/b10.arc"));
  EXPECT_TRUE(std::filesystem::exists(dir + "/b11.arc"));
  std::filesystem::remove_all(dir);
}

std::vector<std::string> paragraphs(uint32_t seed, int n) {
  std::vector<std::string> out;
  std::istringstream in(prose(seed, n));
  for (std::string line; std::getline(in, line);) out.push_back(line + "\n");
  return out;
}

std::string join(const std::vector<std::string>& v, size_t from, size_t to) {
  std::string s;
  for (size_t i = from; i < to; ++i) s += v[i];
  return s;
}

// Another outlet's text: 30 paragraphs of the older article verbatim, 10 of its own.
// Containment ~0.75 and Jaccard ~0.43: under the first tier, but long aligned runs.
struct borderline {
  std::string old_text, copy, reworded;
  borderline() {
    const auto common = paragraphs(21, 30), other = paragraphs(22, 30), own = paragraphs(23, 10),
               own2 = paragraphs(24, 10);
    old_text = join(common, 0, 30) + join(other, 0, 30);
    copy = join(common, 0, 30) + join(own, 0, 10);
    // About the same share of common text, in short runs: two words of every paragraph changed.
    for (const auto& p : paragraphs(21, 30)) {
      std::istringstream in(p);
      std::string w, line;
      for (int k = 0; in >> w; ++k) line += (k == 5 || k == 11 ? std::string("كلمه") : w) + " ";
      reworded += line + "\n";
    }
    reworded += join(own2, 0, 2);
  }
};

TEST(DedupAligned, SecondTierFindsTheCopy) {
  const borderline t;
  {
    newsd::dedup::index idx(newsd::config::dedup_section{});  // no archive: one tier
    idx.check_and_insert(make("old", t.old_text, 0, "outlet-a"));
    EXPECT_EQ(idx.check_and_insert(make("copy", t.copy, 1, "outlet-b")).status,
              dedup_status::unique);
  }
  newsd::dedup::index idx(newsd::config::dedup_section{});
  ASSERT_TRUE(idx.attach_archive(""));
  idx.check_and_insert(make("old", t.old_text, 0, "outlet-a"));
  auto v = idx.check_and_insert(make("copy", t.copy, 1, "outlet-b"));
  EXPECT_EQ(v.status, dedup_status::near_duplicate);
  EXPECT_EQ(v.duplicate_of, "old");
  EXPECT_GE(v.similarity, 0.7);
  EXPECT_LT(v.similarity, 0.8);
  EXPECT_EQ(idx.get_stats().aligned_checks, 1u);
}

TEST(DedupAligned, SecondTierRejectsTheRewriteAndTheOutletsOwnUpdate) {
  const borderline t;
  newsd::dedup::index idx(newsd::config::dedup_section{});
  ASSERT_TRUE(idx.attach_archive(""));
  idx.check_and_insert(make("old", t.old_text, 0, "outlet-a"));
  const auto r = idx.check_and_insert(make("rewrite", t.reworded, 1, "outlet-c"));
  EXPECT_EQ(r.status, dedup_status::unique) << r.similarity;
  EXPECT_EQ(idx.get_stats().aligned_checks, 1u);  // a borderline candidate, read and refused
  // The same outlet reusing its own text under the first tier's bar: a new story.
  newsd::dedup::index same(newsd::config::dedup_section{});
  ASSERT_TRUE(same.attach_archive(""));
  same.check_and_insert(make("old", t.old_text, 0, "outlet-a"));
  EXPECT_EQ(same.check_and_insert(make("update", t.copy, 2, "outlet-a")).status,
            dedup_status::unique);
}

TEST(DedupAligned, SecondTierWorksAfterARestart) {
  const borderline t;
  const std::string dir = temp_dir();
  {
    auto st = newsd::state::store::open(dir);
    ASSERT_TRUE(st);
    newsd::dedup::index idx(newsd::config::dedup_section{});
    ASSERT_TRUE(idx.load(**st));  // attaches <dir>/dedup-archive
    idx.check_and_insert(make("old", t.old_text, 0, "outlet-a"));
    ASSERT_TRUE(idx.save(**st));
  }
  auto st = newsd::state::store::open(dir);
  ASSERT_TRUE(st);
  newsd::dedup::index idx(newsd::config::dedup_section{});
  ASSERT_TRUE(idx.load(**st));
  EXPECT_EQ(idx.get_stats().indexed, 1u);
  EXPECT_GT(idx.get_stats().archive_bytes, 0u);
  auto v = idx.check_and_insert(make("copy", t.copy, 1, "outlet-b"));
  EXPECT_EQ(v.status, dedup_status::near_duplicate);
  EXPECT_EQ(v.duplicate_of, "old");
  // Idempotent: the same id again gives the stored verdict.
  EXPECT_EQ(idx.check_and_insert(make("copy", t.copy, 1, "outlet-b")).duplicate_of, "old");
  // The archive's files go with their buckets: 100 hours later only the new one is left.
  const auto arc_files = [&] {
    size_t n = 0;
    for (const auto& de : std::filesystem::directory_iterator(dir + "/dedup-archive")) {
      n += de.path().extension() == ".arc";
    }
    return n;
  };
  EXPECT_EQ(arc_files(), 2u);  // hours 0 and 1
  idx.check_and_insert(make("later", t.copy, 100, "outlet-c"));
  EXPECT_EQ(arc_files(), 1u);
  std::filesystem::remove_all(dir);
}

TEST(DedupAligned, AnArchiveThatCannotBeOpenedLeavesOneTierAndTheWindow) {
  const borderline t;
  const std::string dir = temp_dir();
  {
    auto st = newsd::state::store::open(dir);
    ASSERT_TRUE(st);
    newsd::dedup::index idx(newsd::config::dedup_section{});
    idx.check_and_insert(make("old", t.old_text, 0, "outlet-a"));
    ASSERT_TRUE(idx.save(**st));
  }
  {
    std::FILE* f = std::fopen((dir + "/dedup-archive").c_str(), "w");  // a file, not a dir
    ASSERT_NE(f, nullptr);
    std::fclose(f);
  }
  auto st = newsd::state::store::open(dir);
  ASSERT_TRUE(st);
  newsd::dedup::index idx(newsd::config::dedup_section{});
  EXPECT_FALSE(idx.load(**st));
  EXPECT_EQ(idx.get_stats().indexed, 1u);
  EXPECT_EQ(idx.check_and_insert(make("copy", t.copy, 1, "outlet-b")).status, dedup_status::unique);
  EXPECT_EQ(idx.check_and_insert(make("again", t.old_text, 1, "outlet-b")).duplicate_of, "old");
  std::filesystem::remove_all(dir);
}

}  // namespace
