// The dedup window in the state store: one row per article, its signature
// data as one blob, rewritten whole on save (a save is a snapshot).
#include <sqlite3.h>

#include <cstring>

#include "daemon/dedup/index_impl.h"
#include "daemon/state/store.h"

namespace newsd::dedup {
namespace {

constexpr const char* kSchema =
    "CREATE TABLE IF NOT EXISTS dedup_window(id TEXT PRIMARY KEY, dup_of TEXT NOT NULL,"
    " data BLOB NOT NULL);"
    "CREATE TABLE IF NOT EXISTS dedup_meta(key TEXT PRIMARY KEY, value INTEGER NOT NULL);";

struct header {
  int64_t time_ms;
  uint64_t body_hash;
  uint64_t url_hash;
  int64_t bucket;
  uint32_t source;
  uint32_t n_shingles;
  float similarity;
  uint8_t status;
  uint8_t indexed;
  uint16_t n_bands, n_sample, n_lines;
};

class stmt {
 public:
  stmt(sqlite3* db, const char* sql) { sqlite3_prepare_v2(db, sql, -1, &s_, nullptr); }
  ~stmt() { sqlite3_finalize(s_); }
  stmt(const stmt&) = delete;
  stmt& operator=(const stmt&) = delete;
  sqlite3_stmt* get() { return s_; }

 private:
  sqlite3_stmt* s_ = nullptr;
};

status db_error(sqlite3* db, const char* what) {
  return make_error(errc::io, std::string("dedup window ") + what + ": " + sqlite3_errmsg(db));
}

}  // namespace

status index::save(state::store& st) {
  if (auto r = st.migrate("dedup", 1, kSchema); !r) return r;
  std::lock_guard lk(st.mutex());
  sqlite3* db = st.db();
  if (auto r = st.exec("BEGIN IMMEDIATE; DELETE FROM dedup_window;"); !r) return r;
  {
    stmt ins(db, "INSERT OR REPLACE INTO dedup_window(id, dup_of, data) VALUES(?,?,?)");
    std::string blob;
    for (const entry& e : impl_->slab) {
      if (!e.live) continue;
      header h{e.time_ms, e.body_hash, e.url_hash, e.bucket, e.source, e.n_shingles,
               e.similarity, e.status, static_cast<uint8_t>(e.indexed), e.n_bands,
               e.n_sample, e.n_lines};
      blob.resize(sizeof h + e.data.size() * 4);
      std::memcpy(blob.data(), &h, sizeof h);
      if (!e.data.empty()) std::memcpy(blob.data() + sizeof h, e.data.data(), e.data.size() * 4);
      sqlite3_bind_text(ins.get(), 1, e.id.data(), static_cast<int>(e.id.size()), SQLITE_STATIC);
      sqlite3_bind_text(ins.get(), 2, e.dup_of.data(), static_cast<int>(e.dup_of.size()),
                        SQLITE_STATIC);
      sqlite3_bind_blob(ins.get(), 3, blob.data(), static_cast<int>(blob.size()), SQLITE_STATIC);
      if (sqlite3_step(ins.get()) != SQLITE_DONE) {
        auto err = db_error(db, "save");
        (void)st.exec("ROLLBACK;");
        return err;
      }
      sqlite3_reset(ins.get());
    }
  }
  std::string meta = "INSERT OR REPLACE INTO dedup_meta(key, value) VALUES('newest_bucket', " +
                     std::to_string(impl_->newest_bucket) + "), ('bucket_ms', " +
                     std::to_string(impl_->bucket_ms) + ");";
  if (auto r = st.exec(meta); !r) {
    (void)st.exec("ROLLBACK;");
    return r;
  }
  return st.exec("COMMIT;");
}

status index::load(state::store& st) {
  if (auto r = st.migrate("dedup", 1, kSchema); !r) return r;
  std::lock_guard lk(st.mutex());
  sqlite3* db = st.db();
  impl& m = *impl_;
  int64_t newest = INT64_MIN;
  {
    stmt q(db, "SELECT value FROM dedup_meta WHERE key='newest_bucket'");
    if (sqlite3_step(q.get()) == SQLITE_ROW) newest = sqlite3_column_int64(q.get(), 0);
  }
  if (newest == INT64_MIN) return ok_status();  // nothing saved yet
  // A restart starts from the saved window only: what is in memory is replaced.
  auto fresh = std::make_unique<impl>();
  fresh->cfg = m.cfg;
  fresh->tune = m.tune;
  fresh->bucket_ms = m.bucket_ms;
  fresh->ring.resize(m.ring.size());
  fresh->newest_bucket = newest;
  const auto window = static_cast<int64_t>(fresh->ring.size());
  {
    // Sized once from the row count: rehashing 19M band cells on the way
    // doubles the restore time at 300k articles.
    stmt c(db, "SELECT COUNT(*) FROM dedup_window");
    if (sqlite3_step(c.get()) == SQLITE_ROW) {
      const auto rows = static_cast<size_t>(sqlite3_column_int64(c.get(), 0));
      fresh->slab.reserve(rows);
      fresh->by_id.reserve(rows);
      fresh->by_url.reserve(rows);
      fresh->by_body.reserve(rows);
      fresh->bands.reserve(rows * static_cast<size_t>(fresh->tune.bands));
    }
  }
  stmt q(db, "SELECT id, dup_of, data FROM dedup_window");
  int rc;
  while ((rc = sqlite3_step(q.get())) == SQLITE_ROW) {
    const void* p = sqlite3_column_blob(q.get(), 2);
    const auto n = static_cast<size_t>(sqlite3_column_bytes(q.get(), 2));
    header h;
    if (p == nullptr || n < sizeof h) return make_error(errc::invalid_input, "dedup window: short row");
    std::memcpy(&h, p, sizeof h);
    const size_t words = size_t{h.n_bands} + h.n_sample + h.n_lines;
    if (n != sizeof h + words * 4) return make_error(errc::invalid_input, "dedup window: bad row size");
    if (h.bucket <= newest - window) continue;  // aged out while we were down
    entry e;
    e.id.assign(reinterpret_cast<const char*>(sqlite3_column_text(q.get(), 0)),
                static_cast<size_t>(sqlite3_column_bytes(q.get(), 0)));
    e.dup_of.assign(reinterpret_cast<const char*>(sqlite3_column_text(q.get(), 1)),
                    static_cast<size_t>(sqlite3_column_bytes(q.get(), 1)));
    e.time_ms = h.time_ms;
    e.body_hash = h.body_hash;
    e.url_hash = h.url_hash;
    e.bucket = h.bucket;
    e.source = h.source;
    e.n_shingles = h.n_shingles;
    e.similarity = h.similarity;
    e.status = h.status;
    e.indexed = h.indexed != 0;
    e.n_bands = h.n_bands;
    e.n_sample = h.n_sample;
    e.n_lines = h.n_lines;
    e.data.resize(words);
    if (words) std::memcpy(e.data.data(), static_cast<const char*>(p) + sizeof h, words * 4);
    fresh->add(std::move(e));
  }
  if (rc != SQLITE_DONE) return db_error(db, "load");
  impl_ = std::move(fresh);
  return ok_status();
}

}  // namespace newsd::dedup
