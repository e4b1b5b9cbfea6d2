#include "daemon/state/outbox.h"

namespace newsd::state {

namespace {
struct stmt {
  sqlite3_stmt* s = nullptr;
  stmt(sqlite3* db, const char* sql) { sqlite3_prepare_v2(db, sql, -1, &s, nullptr); }
  ~stmt() { sqlite3_finalize(s); }
  void text(int i, const std::string& v) {
    sqlite3_bind_text(s, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
  }
  void blob(int i, const std::string& v) {
    sqlite3_bind_blob(s, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
  }
  std::string col(int i) {
    auto* p = static_cast<const char*>(sqlite3_column_blob(s, i));
    return p ? std::string(p, static_cast<size_t>(sqlite3_column_bytes(s, i))) : std::string();
  }
};

error db_error(sqlite3* db, const char* what) {
  return make_error(errc::io, std::string("outbox: ") + what + ": " + sqlite3_errmsg(db));
}

// A transaction that rolls back unless committed.
class txn {
 public:
  explicit txn(store& st) : st_(st) { ok_ = st_.exec("BEGIN IMMEDIATE").ok(); }
  ~txn() {
    if (ok_ && !done_) (void)st_.exec("ROLLBACK");
  }
  bool ok() const { return ok_; }
  status commit() {
    done_ = true;
    return st_.exec("COMMIT");
  }

 private:
  store& st_;
  bool ok_ = false, done_ = false;
};
}  // namespace

outbox::outbox(store& st) : st_(st) {}

status outbox::init() {
  return st_.migrate("outbox", 1,
                     "CREATE TABLE IF NOT EXISTS outbox("
                     " seq INTEGER PRIMARY KEY AUTOINCREMENT, topic TEXT NOT NULL, key BLOB,"
                     " value BLOB NOT NULL, source TEXT, feed_id TEXT, item_key TEXT,"
                     " created_ms INTEGER NOT NULL);");
}

status outbox::insert_locked(outbox_row& r, int64_t now_ms) {
  sqlite3* db = st_.db();
  {
    stmt q(db, "INSERT INTO outbox(topic, key, value, source, feed_id, item_key, created_ms)"
               " VALUES(?,?,?,?,?,?,?)");
    q.text(1, r.topic);
    q.blob(2, r.key);
    q.blob(3, r.value);
    q.text(4, r.source);
    q.text(5, r.feed_id);
    q.text(6, r.item_key);
    r.created_ms = r.created_ms ? r.created_ms : now_ms;
    sqlite3_bind_int64(q.s, 7, r.created_ms);
    if (sqlite3_step(q.s) != SQLITE_DONE) return db_error(db, "insert");
    r.seq = sqlite3_last_insert_rowid(db);
  }
  if (!r.feed_id.empty()) {
    stmt q(db, "INSERT OR IGNORE INTO seen_items(feed_id, item_key, seen_ms) VALUES(?,?,?)");
    q.text(1, r.feed_id);
    q.text(2, r.item_key);
    sqlite3_bind_int64(q.s, 3, now_ms);
    if (sqlite3_step(q.s) != SQLITE_DONE) return db_error(db, "seen-mark");
  }
  return ok_status();
}

status outbox::append(std::vector<outbox_row>& rows, int64_t now_ms) {
  if (rows.empty()) return ok_status();
  std::lock_guard lk(st_.mutex());
  txn t(st_);
  if (!t.ok()) return db_error(st_.db(), "begin");
  for (auto& r : rows) {
    if (auto s = insert_locked(r, now_ms); !s) return s;
  }
  return t.commit();
}

status outbox::remove(const std::vector<int64_t>& seqs) {
  if (seqs.empty()) return ok_status();
  std::lock_guard lk(st_.mutex());
  txn t(st_);
  if (!t.ok()) return db_error(st_.db(), "begin");
  stmt q(st_.db(), "DELETE FROM outbox WHERE seq=?");
  for (int64_t s : seqs) {
    sqlite3_bind_int64(q.s, 1, s);
    if (sqlite3_step(q.s) != SQLITE_DONE) return db_error(st_.db(), "delete");
    sqlite3_reset(q.s);
  }
  return t.commit();
}

status outbox::replace(int64_t seq, outbox_row& with) {
  std::lock_guard lk(st_.mutex());
  txn t(st_);
  if (!t.ok()) return db_error(st_.db(), "begin");
  {
    stmt q(st_.db(), "DELETE FROM outbox WHERE seq=?");
    sqlite3_bind_int64(q.s, 1, seq);
    if (sqlite3_step(q.s) != SQLITE_DONE) return db_error(st_.db(), "delete");
  }
  if (auto s = insert_locked(with, with.created_ms); !s) return s;
  return t.commit();
}

result<std::string> outbox::value(int64_t seq) {
  std::lock_guard lk(st_.mutex());
  stmt q(st_.db(), "SELECT value FROM outbox WHERE seq=?");
  sqlite3_bind_int64(q.s, 1, seq);
  if (sqlite3_step(q.s) != SQLITE_ROW) return make_error(errc::not_found, "outbox row " + std::to_string(seq));
  return q.col(0);
}

result<std::vector<outbox_row>> outbox::scan(int64_t after, int limit) {
  std::lock_guard lk(st_.mutex());
  stmt q(st_.db(),
         "SELECT seq, topic, key, value, source, feed_id, item_key, created_ms FROM outbox"
         " WHERE seq > ? ORDER BY seq LIMIT ?");
  sqlite3_bind_int64(q.s, 1, after);
  sqlite3_bind_int(q.s, 2, limit);
  std::vector<outbox_row> rows;
  int rc;
  while ((rc = sqlite3_step(q.s)) == SQLITE_ROW) {
    outbox_row r;
    r.seq = sqlite3_column_int64(q.s, 0);
    r.topic = q.col(1);
    r.key = q.col(2);
    r.value = q.col(3);
    r.source = q.col(4);
    r.feed_id = q.col(5);
    r.item_key = q.col(6);
    r.created_ms = sqlite3_column_int64(q.s, 7);
    rows.push_back(std::move(r));
  }
  if (rc != SQLITE_DONE) return db_error(st_.db(), "scan");
  return rows;
}

int64_t outbox::size() {
  std::lock_guard lk(st_.mutex());
  stmt q(st_.db(), "SELECT COUNT(*) FROM outbox");
  if (sqlite3_step(q.s) != SQLITE_ROW) return -1;
  return sqlite3_column_int64(q.s, 0);
}

}  // namespace newsd::state
