#pragma once
// The durable outbox: every record accepted for publishing is written here,
// in the same transaction as its item's seen-mark, before it is produced; the
// row is deleted only when Kafka acknowledged it. At start-up every row left
// is produced again. Writes and deletes are batched into transactions.
#include <cstdint>
#include <string_view>
#include <string>
#include <vector>

#include "common/result.h"
#include "daemon/state/store.h"

namespace newsd::state {

struct outbox_row {
  int64_t seq = 0;  // assigned by append
  std::string topic, key, value, source;  // source: feed id (newsd-source header)
  std::string feed_id, item_key;           // the seen-mark written with the row
  int64_t created_ms = 0;
  std::string packed;  // value already compressed with outbox::pack (optional)
};

class outbox {
 public:
  explicit outbox(store& st);
  // Compresses a value the way rows are stored; the stage before the
  // publisher calls it so that compression runs off the publishing thread.
  static std::string pack(std::string_view value);
  ~outbox();
  outbox(const outbox&) = delete;
  outbox& operator=(const outbox&) = delete;
  status init();

  // Writes rows (assigning seq) and their items' seen-marks in one transaction;
  // also deletes `acknowledged` rows in it (one commit instead of two).
  status append(std::vector<outbox_row>& rows, int64_t now_ms,
                const std::vector<int64_t>& acknowledged = {});
  // Deletes acknowledged rows in one transaction.
  status remove(const std::vector<int64_t>& seqs);
  // Replaces a row by another (a record that became a dead letter), atomically.
  status replace(int64_t seq, outbox_row& with);
  // The value of a row (for a retry after the producer dropped its copy).
  result<std::string> value(int64_t seq);
  // Rows with seq > after, oldest first, at most limit (start-up replay in chunks).
  result<std::vector<outbox_row>> scan(int64_t after, int limit);
  int64_t size();

 private:
  status insert_locked(outbox_row& r, int64_t now_ms);
  status delete_locked(const std::vector<int64_t>& seqs);
  sqlite3_stmt* prepared(int which, const char* sql);
  store& st_;
  // Statements prepared once: parsing SQL per row cost more than the write.
  sqlite3_stmt* stmts_[4] = {nullptr, nullptr, nullptr, nullptr};
};

}  // namespace newsd::state
