#include "daemon/state/outbox.h"

#include <zstd.h>

#include <algorithm>

#include "common/log.h"
#include "daemon/state/statement.h"

namespace newsd::state {

namespace {

// Values are stored zstd-compressed: records are JSON text and shrink 2.5 to
// 3 times, which cuts the outbox's write volume as much. Level -1 (zstd's
// fast mode): on 2 KB records it costs ~35% fewer instructions than level 1
// for a ratio of 2.5 instead of 2.85, and compression was the largest single
// cost per published record. Rows written at other levels read back the same.
constexpr int kLevel = -1;

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
  if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN || size > (1ULL << 31))
    return false;
  out.resize(size);
  thread_local ZSTD_DCtx* dctx = ZSTD_createDCtx();
  size_t n = ZSTD_decompressDCtx(dctx, out.data(), out.size(), packed.data(), packed.size());
  return !ZSTD_isError(n) && n == size;
}

// Rows per multi-row INSERT: a statement's fixed cost (VDBE set-up and halt,
// AUTOINCREMENT's sqlite_sequence update) was about a third of a row's.
constexpr size_t kChunk = 32;

std::string values_sql(const char* head, int columns, size_t rows) {
  std::string s = head;
  s += " VALUES";
  for (size_t r = 0; r < rows; ++r) {
    s += r ? ",(" : "(";
    for (int c = 0; c < columns; ++c) s += c ? ",?" : "?";
    s += ')';
  }
  return s;
}

const char* const kInsertHead =
    "INSERT INTO outbox(seq, topic, key, value, source, feed_id, item_key, created_ms)";
const char* const kSeenHead = "INSERT OR IGNORE INTO seen_items(feed_id, item_key, seen_ms)";

void bind_view(sqlite3_stmt* q, int i, const std::string& v, bool blob = false) {
  if (blob)
    sqlite3_bind_blob(q, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
  else
    sqlite3_bind_text(q, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
}

error db_error(sqlite3* db, const char* what) {
  return make_error(errc::io, std::string("outbox: ") + what + ": " + sqlite3_errmsg(db));
}

// A transaction that rolls back unless committed. BEGIN/COMMIT are prepared
// statements too: sqlite3_exec parses them on every call.
class txn {
 public:
  txn(sqlite3_stmt* begin, sqlite3_stmt* commit, sqlite3_stmt* rollback)
      : commit_(commit), rollback_(rollback) {
    ok_ = sqlite3_step(begin) == SQLITE_DONE;
    sqlite3_reset(begin);
  }
  ~txn() {
    if (ok_ && !done_) {
      sqlite3_step(rollback_);
      sqlite3_reset(rollback_);
    }
  }
  bool ok() const { return ok_; }
  bool commit() {
    done_ = true;
    bool ok = sqlite3_step(commit_) == SQLITE_DONE;
    sqlite3_reset(commit_);
    return ok;
  }

 private:
  sqlite3_stmt* commit_;
  sqlite3_stmt* rollback_;
  bool ok_ = false, done_ = false;
};
}  // namespace

outbox::outbox(store& st) : st_(st) {}

std::string outbox::pack(std::string_view value) { return pack_value(value); }

outbox::~outbox() {
  for (auto* s : stmts_) sqlite3_finalize(s);
}

sqlite3_stmt* outbox::prepared(int which, const char* sql) {
  if (stmts_[which] == nullptr && sqlite3_prepare_v3(st_.db(), sql, -1, SQLITE_PREPARE_PERSISTENT,
                                                     &stmts_[which], nullptr) != SQLITE_OK) {
    // The caller's step then fails on the null statement; say why here.
    log::error("state",
               std::string("cannot prepare an outbox statement: ") + sqlite3_errmsg(st_.db()));
  }
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
  sqlite3_stmt* q =
      prepared(0,
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
    sqlite3_stmt* m =
        prepared(1, "INSERT OR IGNORE INTO seen_items(feed_id, item_key, seen_ms) VALUES(?,?,?)");
    sqlite3_bind_text(m, 1, r.feed_id.data(), static_cast<int>(r.feed_id.size()), SQLITE_STATIC);
    sqlite3_bind_text(m, 2, r.item_key.data(), static_cast<int>(r.item_key.size()), SQLITE_STATIC);
    sqlite3_bind_int64(m, 3, now_ms);
    if (sqlite3_step(m) != SQLITE_DONE) return db_error(db, "seen-mark");
  }
  return ok_status();
}

status outbox::insert_many_locked(std::vector<outbox_row>& rows, int64_t now_ms) {
  sqlite3* db = st_.db();
  // Seqs are assigned here, as AUTOINCREMENT would (one past the largest ever
  // used): this thread holds the write lock, and a multi-row INSERT does not
  // say which rowid each row got.
  sqlite3_stmt* m = prepared(9,
                             "SELECT max(s) FROM (SELECT max(seq) AS s FROM outbox"
                             " UNION ALL SELECT seq FROM sqlite_sequence WHERE name='outbox')");
  if (sqlite3_step(m) != SQLITE_ROW) return db_error(db, "next seq");
  int64_t next = sqlite3_column_int64(m, 0) + 1;
  sqlite3_reset(m);
  for (auto& r : rows) {
    if (r.packed.empty()) r.packed = pack_value(r.value);
    if (r.packed.empty()) return make_error(errc::internal, "outbox: cannot compress a record");
    r.created_ms = r.created_ms ? r.created_ms : now_ms;
    r.seq = next++;
  }
  static const std::string insert_chunk = values_sql(kInsertHead, 8, kChunk);
  static const std::string insert_one = values_sql(kInsertHead, 8, 1);
  for (size_t i = 0; i < rows.size();) {
    size_t n = rows.size() - i >= kChunk ? kChunk : 1;
    sqlite3_stmt* q =
        n == kChunk ? prepared(7, insert_chunk.c_str()) : prepared(6, insert_one.c_str());
    for (size_t k = 0; k < n; ++k) {
      const outbox_row& r = rows[i + k];
      int b = static_cast<int>(k) * 8;
      sqlite3_bind_int64(q, b + 1, r.seq);
      bind_view(q, b + 2, r.topic);
      bind_view(q, b + 3, r.key, true);
      bind_view(q, b + 4, r.packed, true);
      bind_view(q, b + 5, r.source);
      bind_view(q, b + 6, r.feed_id);
      bind_view(q, b + 7, r.item_key);
      sqlite3_bind_int64(q, b + 8, r.created_ms);
    }
    if (sqlite3_step(q) != SQLITE_DONE) return db_error(db, "insert");
    i += n;
  }
  // The seen-marks, in the same transaction.
  std::vector<const outbox_row*> marks;
  marks.reserve(rows.size());
  for (const auto& r : rows) {
    if (!r.feed_id.empty()) marks.push_back(&r);
  }
  static const std::string seen_chunk = values_sql(kSeenHead, 3, kChunk);
  for (size_t i = 0; i < marks.size();) {
    size_t n = marks.size() - i >= kChunk ? kChunk : 1;
    sqlite3_stmt* q =
        n == kChunk
            ? prepared(8, seen_chunk.c_str())
            : prepared(
                  1, "INSERT OR IGNORE INTO seen_items(feed_id, item_key, seen_ms) VALUES(?,?,?)");
    for (size_t k = 0; k < n; ++k) {
      int b = static_cast<int>(k) * 3;
      bind_view(q, b + 1, marks[i + k]->feed_id);
      bind_view(q, b + 2, marks[i + k]->item_key);
      sqlite3_bind_int64(q, b + 3, now_ms);
    }
    if (sqlite3_step(q) != SQLITE_DONE) return db_error(db, "seen-mark");
    i += n;
  }
  return ok_status();
}

status outbox::append(std::vector<outbox_row>& rows, int64_t now_ms,
                      std::vector<int64_t>&& acknowledged) {
  if (rows.empty() && acknowledged.empty()) return ok_status();
  std::lock_guard lk(st_.mutex());
  txn t(prepared(3, "BEGIN IMMEDIATE"), prepared(4, "COMMIT"), prepared(5, "ROLLBACK"));
  if (!t.ok()) return db_error(st_.db(), "begin");
  if (!rows.empty()) {
    if (auto s = insert_many_locked(rows, now_ms); !s) return s;
  }
  if (auto s = delete_locked(acknowledged); !s) return s;
  if (!t.commit()) return db_error(st_.db(), "commit");
  return ok_status();
}

status outbox::delete_locked(std::vector<int64_t>& seqs) {
  // Reports come back roughly in produce order, so sorted acknowledgements
  // form long runs of consecutive seqs: one range delete per run.
  std::sort(seqs.begin(), seqs.end());
  for (size_t i = 0; i < seqs.size();) {
    size_t j = i + 1;
    while (j < seqs.size() && seqs[j] <= seqs[j - 1] + 1) ++j;
    sqlite3_stmt* q = prepared(2, "DELETE FROM outbox WHERE seq BETWEEN ? AND ?");
    sqlite3_bind_int64(q, 1, seqs[i]);
    sqlite3_bind_int64(q, 2, seqs[j - 1]);
    if (sqlite3_step(q) != SQLITE_DONE) return db_error(st_.db(), "delete");
    i = j;
  }
  return ok_status();
}

status outbox::remove(std::vector<int64_t> seqs) {
  if (seqs.empty()) return ok_status();
  std::lock_guard lk(st_.mutex());
  txn t(prepared(3, "BEGIN IMMEDIATE"), prepared(4, "COMMIT"), prepared(5, "ROLLBACK"));
  if (!t.ok()) return db_error(st_.db(), "begin");
  if (auto s = delete_locked(seqs); !s) return s;
  if (!t.commit()) return db_error(st_.db(), "commit");
  return ok_status();
}

status outbox::replace(int64_t seq, outbox_row& with) {
  std::lock_guard lk(st_.mutex());
  txn t(prepared(3, "BEGIN IMMEDIATE"), prepared(4, "COMMIT"), prepared(5, "ROLLBACK"));
  if (!t.ok()) return db_error(st_.db(), "begin");
  std::vector<int64_t> one{seq};
  if (auto s = delete_locked(one); !s) return s;
  if (auto s = insert_locked(with, with.created_ms); !s) return s;
  if (!t.commit()) return db_error(st_.db(), "commit");
  return ok_status();
}

result<std::string> outbox::value(int64_t seq) {
  std::lock_guard lk(st_.mutex());
  statement q(st_.db(), "SELECT value FROM outbox WHERE seq=?");
  q.bind(1, seq);
  if (q.step() != SQLITE_ROW)
    return make_error(errc::not_found, "outbox row " + std::to_string(seq));
  std::string v;
  if (!unpack(q.column(0), v))
    return make_error(errc::io, "outbox row " + std::to_string(seq) + " is corrupt");
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
    if (!unpack(q.column(3), r.value))
      return make_error(errc::io, "outbox row " + std::to_string(r.seq) + " is corrupt");
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
