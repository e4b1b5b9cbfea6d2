#include "daemon/state/outbox.h"

#include <zstd.h>

#include "daemon/state/statement.h"

namespace newsd::state {

namespace {

// Values are stored zstd-compressed (level 1): records are JSON text and
// shrink about threefold, which cuts the outbox's write volume as much.
constexpr int kLevel = 1;

std::string pack_value(std::string_view v) {
  std::string out(ZSTD_compressBound(v.size()), '\0');
  thread_local ZSTD_CCtx* cctx = [] {
    ZSTD_CCtx* c = ZSTD_createCCtx();
    ZSTD_CCtx_setParameter(c, ZSTD_c_compressionLevel, kLevel);
    return c;
  }();
  // compress2 sizes the match tables to the (small) input: most of level 1's
  // cost on 2 KB records was resetting tables sized for large inputs.
  size_t n = ZSTD_compress2(cctx, out.data(), out.size(), v.data(), v.size());
  if (ZSTD_isError(n)) return {};
  out.resize(n);
  return out;
}

bool unpack(const std::string& packed, std::string& out) {
  unsigned long long size = ZSTD_getFrameContentSize(packed.data(), packed.size());
  if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN || size > (1ULL << 31)) return false;
  out.resize(size);
  thread_local ZSTD_DCtx* dctx = ZSTD_createDCtx();
  size_t n = ZSTD_decompressDCtx(dctx, out.data(), out.size(), packed.data(), packed.size());
  return !ZSTD_isError(n) && n == size;
}

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

std::string outbox::pack(std::string_view value) { return pack_value(value); }

outbox::~outbox() {
  for (auto* s : stmts_) sqlite3_finalize(s);
}

sqlite3_stmt* outbox::prepared(int which, const char* sql) {
  if (stmts_[which] == nullptr) sqlite3_prepare_v3(st_.db(), sql, -1, SQLITE_PREPARE_PERSISTENT, &stmts_[which], nullptr);
  sqlite3_reset(stmts_[which]);
  sqlite3_clear_bindings(stmts_[which]);
  return stmts_[which];
}

status outbox::init() {
  return st_.migrate("outbox", 1,
                     "CREATE TABLE IF NOT EXISTS outbox("
                     " seq INTEGER PRIMARY KEY AUTOINCREMENT, topic TEXT NOT NULL, key BLOB,"
                     " value BLOB NOT NULL, source TEXT, feed_id TEXT, item_key TEXT,"
                     " created_ms INTEGER NOT NULL);");
}

status outbox::insert_locked(outbox_row& r, int64_t now_ms) {
  sqlite3* db = st_.db();
  sqlite3_stmt* q = prepared(0,
                             "INSERT INTO outbox(topic, key, value, source, feed_id, item_key, created_ms)"
                             " VALUES(?,?,?,?,?,?,?)");
  auto text = [q](int i, const std::string& v) {
    sqlite3_bind_text(q, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
  };
  text(1, r.topic);
  sqlite3_bind_blob(q, 2, r.key.data(), static_cast<int>(r.key.size()), SQLITE_STATIC);
  std::string packed = r.packed.empty() ? pack_value(r.value) : std::move(r.packed);
  if (packed.empty()) return make_error(errc::internal, "outbox: cannot compress a record");
  sqlite3_bind_blob(q, 3, packed.data(), static_cast<int>(packed.size()), SQLITE_STATIC);
  text(4, r.source);
  text(5, r.feed_id);
  text(6, r.item_key);
  r.created_ms = r.created_ms ? r.created_ms : now_ms;
  sqlite3_bind_int64(q, 7, r.created_ms);
  if (sqlite3_step(q) != SQLITE_DONE) return db_error(db, "insert");
  r.seq = sqlite3_last_insert_rowid(db);
  if (!r.feed_id.empty()) {
    sqlite3_stmt* m = prepared(1, "INSERT OR IGNORE INTO seen_items(feed_id, item_key, seen_ms) VALUES(?,?,?)");
    sqlite3_bind_text(m, 1, r.feed_id.data(), static_cast<int>(r.feed_id.size()), SQLITE_STATIC);
    sqlite3_bind_text(m, 2, r.item_key.data(), static_cast<int>(r.item_key.size()), SQLITE_STATIC);
    sqlite3_bind_int64(m, 3, now_ms);
    if (sqlite3_step(m) != SQLITE_DONE) return db_error(db, "seen-mark");
  }
  return ok_status();
}

status outbox::append(std::vector<outbox_row>& rows, int64_t now_ms,
                      const std::vector<int64_t>& acknowledged) {
  if (rows.empty() && acknowledged.empty()) return ok_status();
  std::lock_guard lk(st_.mutex());
  txn t(st_);
  if (!t.ok()) return db_error(st_.db(), "begin");
  for (auto& r : rows) {
    if (auto s = insert_locked(r, now_ms); !s) return s;
  }
  if (auto s = delete_locked(acknowledged); !s) return s;
  return t.commit();
}

status outbox::delete_locked(const std::vector<int64_t>& seqs) {
  sqlite3_stmt* q = prepared(2, "DELETE FROM outbox WHERE seq=?");
  for (int64_t s : seqs) {
    sqlite3_bind_int64(q, 1, s);
    if (sqlite3_step(q) != SQLITE_DONE) return db_error(st_.db(), "delete");
    sqlite3_reset(q);
  }
  return ok_status();
}

status outbox::remove(const std::vector<int64_t>& seqs) {
  if (seqs.empty()) return ok_status();
  std::lock_guard lk(st_.mutex());
  txn t(st_);
  if (!t.ok()) return db_error(st_.db(), "begin");
  if (auto s = delete_locked(seqs); !s) return s;
  return t.commit();
}

status outbox::replace(int64_t seq, outbox_row& with) {
  std::lock_guard lk(st_.mutex());
  txn t(st_);
  if (!t.ok()) return db_error(st_.db(), "begin");
  {
    statement q(st_.db(), "DELETE FROM outbox WHERE seq=?");
    q.bind(1, seq);
    if (q.step() != SQLITE_DONE) return db_error(st_.db(), "delete");
  }
  if (auto s = insert_locked(with, with.created_ms); !s) return s;
  return t.commit();
}

result<std::string> outbox::value(int64_t seq) {
  std::lock_guard lk(st_.mutex());
  statement q(st_.db(), "SELECT value FROM outbox WHERE seq=?");
  q.bind(1, seq);
  if (q.step() != SQLITE_ROW) return make_error(errc::not_found, "outbox row " + std::to_string(seq));
  std::string v;
  if (!unpack(q.column(0), v)) return make_error(errc::io, "outbox row " + std::to_string(seq) + " is corrupt");
  return v;
}

result<std::vector<outbox_row>> outbox::scan(int64_t after, int limit) {
  std::lock_guard lk(st_.mutex());
  statement q(st_.db(),
         "SELECT seq, topic, key, value, source, feed_id, item_key, created_ms FROM outbox"
         " WHERE seq > ? ORDER BY seq LIMIT ?");
  q.bind(1, after);
  q.bind(2, static_cast<int64_t>(limit));
  std::vector<outbox_row> rows;
  int rc;
  while ((rc = q.step()) == SQLITE_ROW) {
    outbox_row r;
    r.seq = q.column_int(0);
    r.topic = q.column(1);
    r.key = q.column(2);
    if (!unpack(q.column(3), r.value)) return make_error(errc::io, "outbox row " + std::to_string(r.seq) + " is corrupt");
    r.source = q.column(4);
    r.feed_id = q.column(5);
    r.item_key = q.column(6);
    r.created_ms = q.column_int(7);
    rows.push_back(std::move(r));
  }
  if (rc != SQLITE_DONE) return db_error(st_.db(), "scan");
  return rows;
}

int64_t outbox::size() {
  std::lock_guard lk(st_.mutex());
  statement q(st_.db(), "SELECT COUNT(*) FROM outbox");
  if (q.step() != SQLITE_ROW) return -1;
  return q.column_int(0);
}

}  // namespace newsd::state
