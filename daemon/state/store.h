#pragma once
// The embedded state store: one SQLite database in WAL mode under [state] dir.
// Components own their tables (feed state, seen items, outbox, dedup window)
// and register their schema through migrate(); the store holds no business rules.
#include <sqlite3.h>

#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "common/result.h"

namespace newsd::state {

class store {
 public:
  // ":memory:" for tests; otherwise creates dir/state.db.
  static result<std::unique_ptr<store>> open(const std::string& dir);
  ~store();
  store(const store&) = delete;
  store& operator=(const store&) = delete;

  sqlite3* db() { return db_; }
  // Serialises writers from several threads on the one connection.
  std::mutex& mutex() { return mu_; }

  // Runs SQL with no result rows.
  status exec(std::string_view sql);
  // Creates a component's tables once: `component` names the schema, `version` its revision.
  status migrate(std::string_view component, int version, std::string_view sql);

 private:
  store() = default;
  sqlite3* db_ = nullptr;
  std::mutex mu_;
};

}  // namespace newsd::state
