#include "daemon/state/feed_state.h"

#include "daemon/state/statement.h"

namespace newsd::state {


feed_state::feed_state(store& st) : st_(st) {}

status feed_state::init() {
  auto st = st_.migrate("feed_state", 1,
                     "CREATE TABLE IF NOT EXISTS feeds("
                     " feed_id TEXT PRIMARY KEY, url TEXT NOT NULL, etag TEXT, last_modified TEXT,"
                     " content_hash INTEGER, last_success_ms INTEGER, error_streak INTEGER,"
                     " next_poll_ms INTEGER, interval_ms INTEGER);"
                     "CREATE TABLE IF NOT EXISTS seen_items("
                     " feed_id TEXT NOT NULL, item_key TEXT NOT NULL, seen_ms INTEGER NOT NULL,"
                     " PRIMARY KEY(feed_id, item_key)) WITHOUT ROWID;");
  if (!st) return st;
  // v2: permanent-redirect tracking and the last error class.
  return st_.migrate("feed_state", 2,
                     "ALTER TABLE feeds ADD COLUMN moved_to TEXT;"
                     "ALTER TABLE feeds ADD COLUMN moved_streak INTEGER;"
                     "ALTER TABLE feeds ADD COLUMN last_error TEXT;");
}

std::optional<feed_record> feed_state::get(const std::string& feed_id) {
  std::lock_guard lk(st_.mutex());
  statement q(st_.db(),
         "SELECT url, etag, last_modified, content_hash, last_success_ms, error_streak, next_poll_ms,"
         " interval_ms, moved_to, moved_streak, last_error FROM feeds WHERE feed_id=?");
  q.bind(1, feed_id);
  if (q.step() != SQLITE_ROW) return std::nullopt;
  feed_record r;
  r.feed_id = feed_id;
  r.url = q.column(0);
  r.etag = q.column(1);
  r.last_modified = q.column(2);
  r.content_hash = static_cast<uint64_t>(q.column_int(3));
  r.last_success_ms = q.column_int(4);
  r.error_streak = static_cast<int>(q.column_int(5));
  r.next_poll_ms = q.column_int(6);
  r.interval_ms = q.column_int(7);
  r.moved_to = q.column(8);
  r.moved_streak = static_cast<int>(q.column_int(9));
  r.last_error = q.column(10);
  return r;
}

status feed_state::put(const feed_record& r) {
  std::lock_guard lk(st_.mutex());
  statement q(st_.db(),
         "INSERT OR REPLACE INTO feeds(feed_id, url, etag, last_modified, content_hash,"
         " last_success_ms, error_streak, next_poll_ms, interval_ms, moved_to, moved_streak, last_error)"
         " VALUES(?,?,?,?,?,?,?,?,?,?,?,?)");
  q.bind(1, r.feed_id);
  q.bind(2, r.url);
  q.bind(3, r.etag);
  q.bind(4, r.last_modified);
  q.bind(5, static_cast<int64_t>(r.content_hash));
  q.bind(6, r.last_success_ms);
  q.bind(7, static_cast<int64_t>(r.error_streak));
  q.bind(8, r.next_poll_ms);
  q.bind(9, r.interval_ms);
  q.bind(10, r.moved_to);
  q.bind(11, static_cast<int64_t>(r.moved_streak));
  q.bind(12, r.last_error);
  if (q.step() != SQLITE_DONE) {
    return make_error(errc::io, std::string("feed state: ") + sqlite3_errmsg(st_.db()));
  }
  return ok_status();
}

bool feed_state::is_seen(const std::string& feed_id, const std::string& item_key) {
  std::lock_guard lk(st_.mutex());
  statement q(st_.db(), "SELECT 1 FROM seen_items WHERE feed_id=? AND item_key=?");
  q.bind(1, feed_id);
  q.bind(2, item_key);
  return q.step() == SQLITE_ROW;
}

status feed_state::mark_seen(const std::string& feed_id, const std::string& item_key, int64_t now_ms) {
  std::lock_guard lk(st_.mutex());
  statement q(st_.db(), "INSERT OR IGNORE INTO seen_items(feed_id, item_key, seen_ms) VALUES(?,?,?)");
  q.bind(1, feed_id);
  q.bind(2, item_key);
  q.bind(3, now_ms);
  if (q.step() != SQLITE_DONE) {
    return make_error(errc::io, std::string("seen items: ") + sqlite3_errmsg(st_.db()));
  }
  return ok_status();
}

}  // namespace newsd::state
