// The outbox and its group-commit writer on an in-memory store: rows come back
// committed in append order with their seen-marks, range deletes remove
// exactly the acknowledged rows, and a dead letter replaces its row.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "daemon/state/feed_state.h"
#include "daemon/state/outbox.h"
#include "tests/support/test_support.h"

namespace newsd::state {
namespace {

struct fixture {
  std::unique_ptr<store> st = store::open(":memory:").value();
  feed_state fs{*st};
  outbox ob{*st};
  fixture() {
    EXPECT_TRUE(fs.init().ok());
    EXPECT_TRUE(ob.init().ok());
  }
};

outbox_row row(int i) {
  outbox_row r;
  r.topic = "news.articles";
  r.key = "id-" + std::to_string(i);
  r.value = "{\"id\":\"" + r.key + "\",\"text\":\"" + std::string(500, 'a' + i % 26) + "\"}";
  r.source = r.feed_id = "feed";
  r.item_key = r.key;
  return r;
}

std::set<std::string> keys_left(outbox& ob) {
  std::set<std::string> keys;
  auto rows = ob.scan(0, 1000);
  EXPECT_TRUE(rows.ok());
  if (rows.ok()) {
    for (const auto& r : *rows) keys.insert(r.key);
  }
  return keys;
}

TEST(Outbox, WriterCommitsRowsInOrderWithTheirSeenMarks) {
  fixture f;
  outbox_writer w(f.ob);
  w.start();
  for (int b = 0; b < 5; ++b) {
    std::vector<outbox_row> rows;
    for (int i = 0; i < 20; ++i) rows.push_back(row(b * 20 + i));
    w.append(std::move(rows));
  }
  ASSERT_TRUE(w.flush().ok());
  std::vector<int64_t> seqs;
  w.take_committed(seqs);
  ASSERT_EQ(seqs.size(), 100u);
  EXPECT_TRUE(std::is_sorted(seqs.begin(), seqs.end()));
  auto scanned = f.ob.scan(0, 1000);
  ASSERT_TRUE(scanned.ok());
  auto& rows = *scanned;
  ASSERT_EQ(rows.size(), 100u);
  for (size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ(rows[i].seq, seqs[i]);
    EXPECT_EQ(rows[i].key, "id-" + std::to_string(i));
    EXPECT_EQ(rows[i].value, row(static_cast<int>(i)).value);  // compressed and read back
  }
  EXPECT_TRUE(f.fs.is_seen("feed", "id-0"));
  EXPECT_TRUE(f.fs.is_seen("feed", "id-99"));
  EXPECT_FALSE(f.fs.is_seen("feed", "id-100"));
  w.stop();
}

TEST(Outbox, RemovesExactlyTheAcknowledgedRows) {
  fixture f;
  std::vector<outbox_row> rows;
  for (int i = 0; i < 12; ++i) rows.push_back(row(i));
  ASSERT_TRUE(f.ob.append(rows, 1).ok());
  // Out of order, with gaps and a duplicate: runs 0-2, 4, 7-9 and 11.
  std::vector<int64_t> acked;
  for (int i : {9, 1, 0, 4, 8, 2, 7, 11, 1}) acked.push_back(rows[static_cast<size_t>(i)].seq);
  outbox_writer w(f.ob);
  w.start();
  w.remove(std::move(acked));
  ASSERT_TRUE(w.flush().ok());
  EXPECT_EQ(keys_left(f.ob), (std::set<std::string>{"id-3", "id-5", "id-6", "id-10"}));
  EXPECT_EQ(f.ob.size(), 4);
  // Seen-marks stay: a delivered item is not fetched again.
  EXPECT_TRUE(f.fs.is_seen("feed", "id-0"));
}

TEST(Outbox, RowsAndDeletesQueuedBeforeStopAreWritten) {
  fixture f;
  std::vector<outbox_row> first{row(1), row(2)};
  ASSERT_TRUE(f.ob.append(first, 1).ok());
  {
    outbox_writer w(f.ob);
    w.start();
    w.append({row(3), row(4)});
    w.remove({first[0].seq});
  }  // the destructor stops the writer after writing what it was given
  EXPECT_EQ(keys_left(f.ob), (std::set<std::string>{"id-2", "id-3", "id-4"}));
}

TEST(Outbox, ReplaceSwapsARowForItsDeadLetter) {
  fixture f;
  std::vector<outbox_row> rows{row(1), row(2)};
  ASSERT_TRUE(f.ob.append(rows, 1).ok());
  outbox_row dl = row(1);
  dl.topic = "news.deadletter";
  dl.value = "{\"error\":\"too large\"}";
  ASSERT_TRUE(f.ob.replace(rows[0].seq, dl).ok());
  EXPECT_GT(dl.seq, rows[1].seq);
  auto left = f.ob.scan(0, 10);
  ASSERT_TRUE(left.ok());
  ASSERT_EQ(left->size(), 2u);
  EXPECT_EQ((*left)[1].topic, "news.deadletter");
  auto v = f.ob.value(dl.seq);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(*v, dl.value);
  EXPECT_FALSE(f.ob.value(rows[0].seq).ok());
}

}  // namespace
}  // namespace newsd::state
