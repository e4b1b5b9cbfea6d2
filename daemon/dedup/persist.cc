// The dedup window in the state store: one row per article, its signature
// data as one blob, rewritten whole on save (a save is a snapshot).
#include <sqlite3.h>

#include <cstring>
#include <filesystem>
#include <unordered_set>

#include "daemon/dedup/index_impl.h"
#include "daemon/state/statement.h"
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

status db_error(sqlite3* db, const char* what) {
  return make_error(errc::io, std::string("dedup window ") + what + ": " + sqlite3_errmsg(db));
}

// The archive offset lives in its own nullable column, added to the version 2 table in
// place: a binary without the archive selects and inserts by column name and leaves it
// NULL, so rolling back to it keeps the window (an offset inside the blob made its row
// size check refuse every row). Caller holds the store's mutex.
status ensure_offset_column(state::store& st) {
  state::statement q(st.db(), "SELECT 1 FROM pragma_table_info('dedup_window') WHERE name='arc'");
  if (sqlite3_step(q.get()) == SQLITE_ROW) return ok_status();
  return st.exec("ALTER TABLE dedup_window ADD COLUMN arc INTEGER;");
}

}  // namespace

status index::save(state::store& st) {
  if (auto r = st.migrate("dedup", kSchemaVersion, kSchema); !r) return r;
  // The rows name archive records: they must be on disk before the rows commit. A save
  // is rare (shutdown): every file written since the last one is synced; a bucket whose
  // write or sync failed has its rows saved without offsets (one tier for them).
  (void)impl_->archive->sync();
  std::lock_guard lk(st.mutex());
  sqlite3* db = st.db();
  if (auto r = ensure_offset_column(st); !r) return r;
  if (auto r = st.exec("BEGIN IMMEDIATE; DELETE FROM dedup_window; DELETE FROM dedup_clusters;");
      !r) {
    (void)st.exec("ROLLBACK;");  // a DELETE failed after BEGIN: do not leave the shared connection
                                 // in a transaction
    return r;
  }
  {
    state::statement ins(db,
                         "INSERT INTO dedup_clusters(key, earliest, earliest_ms) VALUES(?,?,?)");
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
    // The entries do not keep their band keys: one walk of the band table gathers
    // them by slot (in table order; the order of an entry's keys does not matter).
    impl& m = *impl_;
    std::vector<uint32_t> start(size_t{m.slab.size()} + 1, 0);
    // Cells of evicted slots not yet swept are skipped.
    m.bands.for_all([&](uint32_t, uint32_t s) { start[s + 1] += !m.is_dying(s); });
    for (size_t i = 1; i < start.size(); ++i) start[i] += start[i - 1];
    std::vector<uint32_t> keys(start.back());
    {
      std::vector<uint32_t> fill(start.begin(), start.end() - 1);
      m.bands.for_all([&](uint32_t k, uint32_t s) {
        if (!m.is_dying(s)) keys[fill[s]++] = k;
      });
    }
    state::statement ins(
        db, "INSERT OR REPLACE INTO dedup_window(id, dup_of, data, arc) VALUES(?,?,?,?)");
    std::string blob, id, dup;
    for (uint32_t s = 0; s < m.slab.size(); ++s) {
      const entry& e = m.slab[s];
      if (!e.live) continue;
      const uint32_t n_bands = start[s + 1] - start[s];
      // Row layout (unchanged since version 1): band keys | sample | lines, 32-bit
      // words; a sample word is its value with the quotation flag in bit 0. The archive
      // offset goes in the `arc` column.
      const size_t words = size_t{e.n_sample} + e.n_lines;
      const int64_t bucket = m.bucket_of(e.time_ms);
      header_v2 h{{e.time_ms, e.body_hash, e.url_hash, bucket, e.source, e.n_shingles, e.similarity,
                   e.status, static_cast<uint8_t>(e.indexed), static_cast<uint16_t>(n_bands),
                   e.n_sample, e.n_lines},
                  e.cluster};
      blob.resize(sizeof h + (n_bands + words) * 4);
      std::memcpy(blob.data(), &h, sizeof h);
      if (n_bands) std::memcpy(blob.data() + sizeof h, keys.data() + start[s], n_bands * 4);
      char* w = blob.data() + sizeof h + n_bands * 4;
      sample_code::reader r = e.samples();
      for (uint32_t k = 0; k < e.n_sample; ++k, w += 4) {
        const uint16_t x = r.next();
        const uint32_t v = sample_value(x) | (x & kQuotedBit);
        std::memcpy(w, &v, 4);
      }
      if (e.n_lines) std::memcpy(w, e.lines(), size_t{e.n_lines} * 4);
      if (e.archived && m.archive->durable(bucket)) {
        sqlite3_bind_int64(ins.get(), 4, e.archive_offset());
      } else {
        sqlite3_bind_null(ins.get(), 4);
      }
      id = m.id_of(s);
      dup = m.dup_of(s);
      sqlite3_bind_text(ins.get(), 1, id.data(), static_cast<int>(id.size()), SQLITE_STATIC);
      sqlite3_bind_text(ins.get(), 2, dup.data(), static_cast<int>(dup.size()), SQLITE_STATIC);
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
  if (auto r = ensure_offset_column(st); !r) return r;
  impl& m = *impl_;
  int64_t newest = INT64_MIN;
  {
    state::statement q(db, "SELECT value FROM dedup_meta WHERE key='newest_bucket'");
    if (sqlite3_step(q.get()) == SQLITE_ROW) newest = sqlite3_column_int64(q.get(), 0);
  }
  // The archive outlives the process beside the database (a store in memory: in memory).
  // Without it the window is still restored, with one tier; the error says so at the end.
  status archive_status = ok_status();
  bool opened_here = false;
  if (!m.archive->enabled()) {
    opened_here = true;
    const char* file = sqlite3_db_filename(db, "main");
    if (file == nullptr || *file == 0) {
      m.archive->open_memory();
    } else if (auto r = m.archive->open_dir(
                   (std::filesystem::path(file).parent_path() / "dedup-archive").string(),
                   m.bucket_ms);
               !r) {
      archive_status =
          make_error(r.err().code, r.err().message + " (window restored, second tier off)");
    }
  }
  if (newest == INT64_MIN) {
    // Nothing saved yet: no row names a record, files left by a run that crashed
    // before its first save are garbage.
    if (opened_here) m.archive->clear();
    return archive_status;
  }
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
    state::statement c(db, "SELECT COUNT(*) FROM dedup_window");
    if (sqlite3_step(c.get()) == SQLITE_ROW) {
      const auto rows = static_cast<size_t>(sqlite3_column_int64(c.get(), 0));
      fresh->by_id.reserve(rows);
      fresh->by_url.reserve(rows);
      fresh->by_body.reserve(rows);
      fresh->bands.reserve(rows * static_cast<size_t>(fresh->tune.bands),
                           static_cast<uint32_t>(rows));
    }
  }
  state::statement q(db, "SELECT id, dup_of, data, arc FROM dedup_window");
  int rc;
  std::vector<uint32_t> band_keys;
  std::vector<uint16_t> samples;
  std::vector<uint32_t> line_hashes;
  while ((rc = sqlite3_step(q.get())) == SQLITE_ROW) {
    const void* p = sqlite3_column_blob(q.get(), 2);
    const auto n = static_cast<size_t>(sqlite3_column_bytes(q.get(), 2));
    header h;
    if (p == nullptr || n < sizeof h)
      return make_error(errc::invalid_input, "dedup window: short row");
    std::memcpy(&h, p, sizeof h);
    const size_t words = size_t{h.n_bands} + h.n_sample + h.n_lines;
    uint64_t cluster = 0;
    size_t head = sizeof h;
    bool archived = false;
    if (n == sizeof(header_v2) + words * 4 || n == sizeof(header_v2) + words * 4 + 4) {
      header_v2 h2;
      std::memcpy(&h2, p, sizeof h2);
      cluster = h2.cluster;
      head = sizeof h2;
      archived = n == sizeof(header_v2) + words * 4 + 4;
    } else if (n != sizeof h + words * 4) {
      return make_error(errc::invalid_input, "dedup window: bad row size");
    }
    if (h.bucket <= newest - window) continue;  // aged out while we were down
    entry e;
    std::string id(reinterpret_cast<const char*>(sqlite3_column_text(q.get(), 0)),
                   static_cast<size_t>(sqlite3_column_bytes(q.get(), 0)));
    std::string dup(reinterpret_cast<const char*>(sqlite3_column_text(q.get(), 1)),
                    static_cast<size_t>(sqlite3_column_bytes(q.get(), 1)));
    if (!dup.empty() && !e.dup_of.pack(dup)) e.dup_of.kind = packed_id::kOther;
    // Version 1: duplicate_of named the cluster's first member, whose id is the key.
    if (cluster == 0 && !dup.empty()) cluster = hash64(dup) | 1;
    e.cluster = cluster;
    e.time_ms = h.time_ms;
    e.body_hash = h.body_hash;
    e.url_hash = h.url_hash;
    e.source = h.source;
    e.n_shingles = h.n_shingles;
    e.similarity = h.similarity;
    e.status = h.status;
    e.indexed = h.indexed != 0;
    const char* body = static_cast<const char*>(p) + head;
    band_keys.resize(h.n_bands);
    if (h.n_bands) std::memcpy(band_keys.data(), body, size_t{h.n_bands} * 4);
    // Rows saved before samples were cut to 15 bits hold 29: the cut can merge
    // neighbours (sorted), whose flags are then joined.
    samples.clear();
    for (uint32_t k = 0; k < h.n_sample; ++k) {
      uint32_t v;
      std::memcpy(&v, body + (size_t{h.n_bands} + k) * 4, 4);
      const uint16_t s = stored_sample(v & kSampleKeep, (v & kQuotedBit) != 0);
      if (!samples.empty() && (samples.back() & ~kQuotedBit) == (s & ~kQuotedBit)) {
        samples.back() |= s;
      } else {
        samples.push_back(s);
      }
    }
    line_hashes.resize(h.n_lines);
    if (h.n_lines) {
      std::memcpy(line_hashes.data(), body + (size_t{h.n_bands} + h.n_sample) * 4,
                  size_t{h.n_lines} * 4);
    }
    // The offset: in `arc`, or (rows of the first archive version) after the words.
    uint32_t archive_off = text_archive::kNone;
    if (sqlite3_column_type(q.get(), 3) == SQLITE_INTEGER) {
      const int64_t v = sqlite3_column_int64(q.get(), 3);
      if (v >= 0 && v < text_archive::kNone) archive_off = static_cast<uint32_t>(v);
    } else if (archived) {
      std::memcpy(&archive_off, body + words * 4, 4);
    }
    e.assign(line_hashes.data(), h.n_lines, samples.data(), static_cast<uint16_t>(samples.size()),
             archive_off);
    fresh->add(std::move(e), h.bucket, band_keys.data(), band_keys.size(), id, dup);
  }
  if (rc != SQLITE_DONE) return db_error(db, "load");
  {
    state::statement c(db, "SELECT key, earliest, earliest_ms FROM dedup_clusters");
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
  for (uint32_t s = 0; s < fresh->slab.size(); ++s) {
    const entry& e = fresh->slab[s];
    if (e.live && e.cluster != 0 && !fresh->clusters.contains(e.cluster)) {
      fresh->clusters.emplace(e.cluster, cluster_info{fresh->id_of(s), e.time_ms, 0});
      rebuilt.insert(e.cluster);
    }
  }
  for (uint32_t s = 0; s < fresh->slab.size(); ++s) {
    const entry& e = fresh->slab[s];
    if (!e.live) continue;
    const std::string id =
        e.cluster != 0 && !rebuilt.contains(e.cluster) ? std::string() : fresh->id_of(s);
    const uint64_t key = cluster_key(e, id);
    auto it = fresh->clusters.find(key);
    if (it == fresh->clusters.end()) continue;  // unique and alone
    cluster_info& ci = it->second;
    ++ci.members;
    if (rebuilt.contains(key) && e.time_ms < ci.earliest_ms) {
      ci.earliest = id;
      ci.earliest_ms = e.time_ms;
    }
  }
  std::erase_if(fresh->clusters, [](const auto& kv) { return kv.second.members == 0; });
  fresh->archive = std::move(m.archive);
  fresh->archive->drop_before(newest - window + 1);
  impl_ = std::move(fresh);
  return archive_status;
}

}  // namespace newsd::dedup
