// The archive's failure modes: torn records, failed writes, stale files, unwritable
// directories, rows of binaries with and without offsets, repetitive text.
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <sys/resource.h>

#include <filesystem>
#include <random>
#include <vector>

#include "daemon/dedup/archive.h"
#include "daemon/dedup/dedup.h"
#include "daemon/state/store.h"
#include "tests/unit/dedup/corpus_util.h"

namespace {

namespace fs = std::filesystem;
using newsd::dedup::aligned_share;
using newsd::dedup::text_archive;
using newsd::dedup_test::make;
using newsd::dedup_test::prose;
using newsd::model::dedup_status;
constexpr int64_t kHour = 3600000;
constexpr int64_t kBase = 1520000000000 / kHour;  // make()'s hour 0
// aligned_share's cap, one extension past it at most.
constexpr uint64_t kMaxWork = newsd::dedup::kWorkPerValue * 2 * 20000 + 20000;

std::vector<uint8_t> random_bytes(uint32_t seed, size_t n) {
  std::mt19937 rng(seed);
  std::vector<uint8_t> v(n);
  for (auto& x : v) x = static_cast<uint8_t>(rng());
  return v;
}

struct temp_dir {
  std::string path;
  temp_dir() {
    path = (fs::temp_directory_path() / "dedup_archive_XXXXXX").string();
    EXPECT_NE(mkdtemp(path.data()), nullptr);
  }
  ~temp_dir() { fs::remove_all(path); }
};

// Files of this process cannot grow past `bytes` while it lives (EFBIG, as a full disk
// gives ENOSPC): applies to root too, unlike permissions.
struct file_size_limit {
  rlimit old{};
  explicit file_size_limit(rlim_t bytes) {
    signal(SIGXFSZ, SIG_IGN);
    getrlimit(RLIMIT_FSIZE, &old);
    rlimit l = old;
    l.rlim_cur = bytes;
    EXPECT_EQ(setrlimit(RLIMIT_FSIZE, &l), 0);
  }
  ~file_size_limit() { setrlimit(RLIMIT_FSIZE, &old); }
};

uint32_t add(text_archive& ar, int64_t bucket, uint64_t key, const std::vector<uint8_t>& v) {
  return ar.append(bucket, key, v.data(), static_cast<uint32_t>(v.size()));
}

TEST(DedupArchiveFailures, ATornRecordIsRefusedAfterMoreAppends) {
  temp_dir d;
  const auto a = random_bytes(1, 300), b = random_bytes(2, 500), c = random_bytes(3, 600),
             e = random_bytes(4, 600);
  uint32_t off_a, off_b;
  {
    text_archive ar;
    ASSERT_TRUE(ar.open_dir(d.path, kHour));
    off_a = add(ar, 7, 1, a);
    off_b = add(ar, 7, 2, b);
    ASSERT_TRUE(ar.flush());
  }
  // A crash in the middle of b: its header and half its payload reached the disk.
  fs::resize_file(d.path + "/b7.arc", off_b + 16 + b.size() / 2);
  text_archive ar;
  ASSERT_TRUE(ar.open_dir(d.path, kHour));
  const uint32_t off_c = add(ar, 7, 3, c), off_e = add(ar, 7, 4, e);
  ASSERT_TRUE(ar.flush());
  std::vector<uint8_t> out;
  // Key and length still match, and the file is long enough: only the checksum tells.
  EXPECT_FALSE(ar.read(7, off_b, 2, out));
  ASSERT_TRUE(ar.read(7, off_a, 1, out));
  EXPECT_EQ(out, a);
  ASSERT_TRUE(ar.read(7, off_c, 3, out));
  EXPECT_EQ(out, c);
  ASSERT_TRUE(ar.read(7, off_e, 4, out));
  EXPECT_EQ(out, e);
}

TEST(DedupArchiveFailures, AFailedWriteIsCutBackCountedAndNotDurable) {
  temp_dir d;
  const auto a = random_bytes(5, 400), b = random_bytes(6, 4000), c = random_bytes(7, 300);
  text_archive ar;
  ASSERT_TRUE(ar.open_dir(d.path, kHour));
  const uint32_t off_a = add(ar, 3, 1, a);
  ASSERT_TRUE(ar.sync());
  EXPECT_TRUE(ar.durable(3));
  const auto before = fs::file_size(d.path + "/b3.arc");
  const uint32_t off_b = add(ar, 3, 2, b);
  {
    file_size_limit lim(before + 1000);  // b's write stops part way
    EXPECT_FALSE(ar.flush());
  }
  EXPECT_EQ(fs::file_size(d.path + "/b3.arc"), before);  // no torn tail left
  EXPECT_EQ(ar.write_failures(), 1u);
  EXPECT_FALSE(ar.durable(3));  // save() keeps this bucket's offsets out of its rows
  std::vector<uint8_t> out;
  EXPECT_FALSE(ar.read(3, off_b, 2, out));
  ASSERT_TRUE(ar.read(3, off_a, 1, out));
  EXPECT_EQ(out, a);
  // The next record goes where the file ends, and reads back.
  const uint32_t off_c = add(ar, 3, 3, c);
  EXPECT_EQ(off_c, before);
  ASSERT_TRUE(ar.flush());
  ASSERT_TRUE(ar.read(3, off_c, 3, out));
  EXPECT_EQ(out, c);
  EXPECT_FALSE(ar.read(3, off_b, 2, out));  // b's offset now lands on c: refused
}

TEST(DedupArchiveFailures, AnUnwritableDirectoryIsAnError) {
  temp_dir d;
  text_archive ar;
  {
    file_size_limit lim(0);
    EXPECT_FALSE(ar.open_dir(d.path + "/arc", kHour));
  }
  EXPECT_FALSE(ar.enabled());
  EXPECT_TRUE(ar.open_dir(d.path + "/arc", kHour));
}

TEST(DedupArchiveFailures, FilesOfAnotherBucketLengthAreDeleted) {
  temp_dir d;
  const auto a = random_bytes(8, 300);
  {
    text_archive ar;
    ASSERT_TRUE(ar.open_dir(d.path, kHour));
    add(ar, 10, 1, a);
    add(ar, 11, 2, a);
  }
  {
    text_archive ar;  // same length: kept
    ASSERT_TRUE(ar.open_dir(d.path, kHour));
    EXPECT_TRUE(fs::exists(d.path + "/b10.arc"));
  }
  text_archive ar;  // bucket_hours raised: b10 would be hour 20, in the future
  ASSERT_TRUE(ar.open_dir(d.path, 2 * kHour));
  EXPECT_FALSE(fs::exists(d.path + "/b10.arc"));
  EXPECT_FALSE(fs::exists(d.path + "/b11.arc"));
  EXPECT_EQ(ar.stored_bytes(), 0u);
}

TEST(DedupArchiveFailures, StaleFilesGoAtTheFirstArticle) {
  temp_dir d;
  const auto a = random_bytes(9, 300);
  {
    text_archive ar;  // a run that crashed before it saved
    ASSERT_TRUE(ar.open_dir(d.path + "/arc", kHour));
    add(ar, kBase, 1, a);
    add(ar, kBase + 500, 2, a);
  }
  newsd::dedup::index idx(newsd::config::dedup_section{});
  ASSERT_TRUE(idx.attach_archive(d.path + "/arc"));
  idx.check_and_insert(make("x", prose(1, 40), 500, "outlet-a"));
  const auto file = [&](int64_t b) { return d.path + "/arc/b" + std::to_string(b) + ".arc"; };
  EXPECT_FALSE(fs::exists(file(kBase)));  // outside the window
  EXPECT_TRUE(fs::exists(file(kBase + 500)));
}

TEST(DedupArchiveFailures, FilesOfARunThatSavedNothingGoAtLoad) {
  temp_dir d;
  const auto a = random_bytes(10, 300);
  {
    text_archive ar;
    ASSERT_TRUE(ar.open_dir(d.path + "/dedup-archive", kHour));
    add(ar, 5, 1, a);
  }
  auto st = newsd::state::store::open(d.path);
  ASSERT_TRUE(st);
  newsd::dedup::index idx(newsd::config::dedup_section{});
  ASSERT_TRUE(idx.load(**st));
  EXPECT_FALSE(fs::exists(d.path + "/dedup-archive/b5.arc"));
  EXPECT_TRUE(idx.get_stats().second_tier);
}

int64_t query_int(sqlite3* db, const char* sql) {
  sqlite3_stmt* q = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, sql, -1, &q, nullptr), SQLITE_OK) << sql;
  int64_t v = -1;
  if (sqlite3_step(q) == SQLITE_ROW) v = sqlite3_column_int64(q, 0);
  sqlite3_finalize(q);
  return v;
}

TEST(DedupArchiveFailures, OffsetsStayOutOfTheRowBlob) {
  const std::string text = prose(2, 40);
  temp_dir with, without;
  {
    auto st = newsd::state::store::open(with.path);
    ASSERT_TRUE(st);
    newsd::dedup::index idx(newsd::config::dedup_section{});
    ASSERT_TRUE(idx.load(**st));  // archive attached
    idx.check_and_insert(make("a", text, 0, "outlet-a"));
    EXPECT_EQ(idx.get_stats().unarchived, 0u);
    ASSERT_TRUE(idx.save(**st));
    ASSERT_TRUE(idx.save(**st));  // the column is added once
  }
  {
    auto st = newsd::state::store::open(without.path);
    ASSERT_TRUE(st);
    newsd::dedup::index idx(newsd::config::dedup_section{});  // one tier
    idx.check_and_insert(make("a", text, 0, "outlet-a"));
    EXPECT_EQ(idx.get_stats().unarchived, 1u);
    ASSERT_TRUE(idx.save(**st));
  }
  auto a = newsd::state::store::open(with.path), b = newsd::state::store::open(without.path);
  ASSERT_TRUE(a);
  ASSERT_TRUE(b);
  // The binary before the archive checks the blob's size: it must not see the offset.
  const char* len = "SELECT length(data) FROM dedup_window";
  EXPECT_EQ(query_int((*a)->db(), len), query_int((*b)->db(), len));
  EXPECT_GE(query_int((*a)->db(), "SELECT arc FROM dedup_window"), 0);
  EXPECT_EQ(query_int((*b)->db(), "SELECT count(*) FROM dedup_window WHERE arc IS NULL"), 1);
}

TEST(DedupArchiveFailures, RowsWithAndWithoutOffsetsLoad) {
  // Another outlet's copy of 30 paragraphs of 60, then 10 of its own: found by the
  // second tier only (aligned_test.cc has the same pair).
  const std::string common = prose(21, 30), old_text = common + prose(22, 30),
                    copy = common + prose(23, 10);
  for (const bool drop_offsets : {false, true}) {
    temp_dir d;
    {
      auto st = newsd::state::store::open(d.path);
      ASSERT_TRUE(st);
      newsd::dedup::index idx(newsd::config::dedup_section{});
      ASSERT_TRUE(idx.load(**st));
      idx.check_and_insert(make("old", old_text, 0, "outlet-a"));
      ASSERT_TRUE(idx.save(**st));
      // A binary without the archive saved the rows (its INSERT leaves the column
      // NULL), or the table predates the column.
      if (drop_offsets) {
        ASSERT_TRUE((*st)->exec("ALTER TABLE dedup_window DROP COLUMN arc;"));
      }
    }
    auto st = newsd::state::store::open(d.path);
    ASSERT_TRUE(st);
    newsd::dedup::index idx(newsd::config::dedup_section{});
    ASSERT_TRUE(idx.load(**st));
    EXPECT_EQ(idx.get_stats().indexed, 1u);
    EXPECT_EQ(idx.get_stats().unarchived, drop_offsets ? 1u : 0u);
    const auto v = idx.check_and_insert(make("copy", copy, 1, "outlet-b"));
    EXPECT_EQ(v.status, drop_offsets ? dedup_status::unique : dedup_status::near_duplicate)
        << drop_offsets;
    // Saved again (the column back), loaded again.
    ASSERT_TRUE(idx.save(**st));
    newsd::dedup::index again(newsd::config::dedup_section{});
    ASSERT_TRUE(again.load(**st));
    EXPECT_EQ(again.get_stats().indexed, 2u);
  }
}

TEST(DedupArchiveFailures, RepetitiveTextTakesBoundedWork) {
  const size_t n = 20000;
  uint64_t work = 0;
  // One value throughout: every seed matches everywhere.
  const std::vector<uint8_t> same(n, 7);
  EXPECT_DOUBLE_EQ(aligned_share(same.data(), n, same.data(), n, 50, &work), 1.0);
  EXPECT_GT(work, 0u);
  EXPECT_LE(work, kMaxWork);
  // Periodic, with an edit every 40 values in one copy: every seed matches in a few
  // hundred places and each extension stops short of the minimum run.
  std::vector<uint8_t> a(n), b(n);
  for (size_t i = 0; i < n; ++i) a[i] = b[i] = static_cast<uint8_t>(i % 5);
  for (size_t i = 20; i < n; i += 40) b[i] = 9;
  const double s = aligned_share(a.data(), n, b.data(), n, 50, &work);
  EXPECT_EQ(s, 0.0);  // no run of 50
  EXPECT_LE(work, kMaxWork);
  // The same with runs allowed at 30: the copy is found along the diagonal.
  EXPECT_GT(aligned_share(a.data(), n, b.data(), n, 30, &work), 0.9);
  EXPECT_LE(work, kMaxWork);
}

}  // namespace
