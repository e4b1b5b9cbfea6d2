// The dedup window in the state store: one row per article, its signature
// data as one blob, rewritten whole on save (a save is a snapshot).
#include <sqlite3.h>

#include <cstring>
#include <unordered_set>

#include "daemon/dedup/index_impl.h"
#include "daemon/state/store.h"

namespace newsd::dedup {
namespace {

constexpr const char* kSchema =
    "CREATE TABLE IF NOT EXISTS dedup_window(id TEXT PRIMARY KEY, dup_of TEXT NOT NULL,"
    " data BLOB NOT NULL);"
    "CREATE TABLE IF NOT EXISTS dedup_meta(key TEXT PRIMARY KEY, value INTEGER NOT NULL);"
    "CREATE TABLE IF NOT EXISTS dedup_clusters(key INTEGER PRIMARY KEY, earliest TEXT NOT NULL,"
    " earliest_ms INTEGER NOT NULL);";
constexpr int kSchemaVersion = 2;  // 2: cluster keys and records (earliest member)

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
// Version 2 rows add the cluster key; version 1 rows (duplicate_of was the cluster's
// first member) are still read.
struct header_v2 {
  header h;
  uint64_t cluster;
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
  if (auto r = st.migrate("dedup", kSchemaVersion, kSchema); !r) return r;
  std::lock_guard lk(st.mutex());
  sqlite3* db = st.db();
  if (auto r = st.exec("BEGIN IMMEDIATE; DELETE FROM dedup_window; DELETE FROM dedup_clusters;");
      !r) {
    return r;
  }
  {
    stmt ins(db, "INSERT INTO dedup_clusters(key, earliest, earliest_ms) VALUES(?,?,?)");
    for (const auto& [key, c] : impl_->clusters) {
      sqlite3_bind_int64(ins.get(), 1, static_cast<int64_t>(key));
      sqlite3_bind_text(ins.get(), 2, c.earliest.data(), static_cast<int>(c.earliest.size()),
                        SQLITE_STATIC);
      sqlite3_bind_int64(ins.get(), 3, c.earliest_ms);
      if (sqlite3_step(ins.get()) != SQLITE_DONE) {
        auto err = db_error(db, "save");
        (void)st.exec("ROLLBACK;");
        return err;
      }
      sqlite3_reset(ins.get());
    }
  }
  {
    stmt ins(db, "INSERT OR REPLACE INTO dedup_window(id, dup_of, data) VALUES(?,?,?)");
    std::string blob;
    for (const entry& e : impl_->slab) {
      if (!e.live) continue;
      header_v2 h{{e.time_ms, e.body_hash, e.url_hash, impl_->bucket_of(e.time_ms), e.source,
                   e.n_shingles, e.similarity, e.status, static_cast<uint8_t>(e.indexed), e.n_bands,
                   e.n_sample, e.n_lines},
                  e.cluster};
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
  if (auto r = st.migrate("dedup", kSchemaVersion, kSchema); !r) return r;
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
    uint64_t cluster = 0;
    size_t head = sizeof h;
    if (n == sizeof(header_v2) + words * 4) {
      header_v2 h2;
      std::memcpy(&h2, p, sizeof h2);
      cluster = h2.cluster;
      head = sizeof h2;
    } else if (n != sizeof h + words * 4) {
      return make_error(errc::invalid_input, "dedup window: bad row size");
    }
    if (h.bucket <= newest - window) continue;  // aged out while we were down
    entry e;
    e.id.assign(reinterpret_cast<const char*>(sqlite3_column_text(q.get(), 0)),
                static_cast<size_t>(sqlite3_column_bytes(q.get(), 0)));
    e.dup_of.assign(reinterpret_cast<const char*>(sqlite3_column_text(q.get(), 1)),
                    static_cast<size_t>(sqlite3_column_bytes(q.get(), 1)));
    // Version 1: duplicate_of named the cluster's first member, whose id is the key.
    if (cluster == 0 && !e.dup_of.empty()) cluster = hash64(e.dup_of) | 1;
    e.cluster = cluster;
    e.time_ms = h.time_ms;
    e.body_hash = h.body_hash;
    e.url_hash = h.url_hash;
    e.source = h.source;
    e.n_shingles = h.n_shingles;
    e.similarity = h.similarity;
    e.status = h.status;
    e.indexed = h.indexed != 0;
    e.n_bands = h.n_bands;
    e.n_sample = h.n_sample;
    e.n_lines = h.n_lines;
    e.data.resize(words);
    if (words) std::memcpy(e.data.data(), static_cast<const char*>(p) + head, words * 4);
    fresh->add(std::move(e), h.bucket);
  }
  if (rc != SQLITE_DONE) return db_error(db, "load");
  {
    stmt c(db, "SELECT key, earliest, earliest_ms FROM dedup_clusters");
    while ((rc = sqlite3_step(c.get())) == SQLITE_ROW) {
      cluster_info& ci = fresh->clusters[static_cast<uint64_t>(sqlite3_column_int64(c.get(), 0))];
      ci.earliest.assign(reinterpret_cast<const char*>(sqlite3_column_text(c.get(), 1)),
                         static_cast<size_t>(sqlite3_column_bytes(c.get(), 1)));
      ci.earliest_ms = sqlite3_column_int64(c.get(), 2);
    }
    if (rc != SQLITE_DONE) return db_error(db, "load");
  }
  // Members are counted from the window. A cluster saved by version 1 has no record:
  // it gets one here, its earliest member being the earliest still in the window.
  std::unordered_set<uint64_t> rebuilt;
  for (const entry& e : fresh->slab) {
    if (e.live && e.cluster != 0 && !fresh->clusters.contains(e.cluster)) {
      fresh->clusters.emplace(e.cluster, cluster_info{e.id, e.time_ms, 0});
      rebuilt.insert(e.cluster);
    }
  }
  for (const entry& e : fresh->slab) {
    if (!e.live) continue;
    const uint64_t key = cluster_key(e);
    auto it = fresh->clusters.find(key);
    if (it == fresh->clusters.end()) continue;  // unique and alone
    cluster_info& ci = it->second;
    ++ci.members;
    if (rebuilt.contains(key) && e.time_ms < ci.earliest_ms) {
      ci.earliest = e.id;
      ci.earliest_ms = e.time_ms;
    }
  }
  std::erase_if(fresh->clusters, [](const auto& kv) { return kv.second.members == 0; });
  impl_ = std::move(fresh);
  return ok_status();
}

}  // namespace newsd::dedup
