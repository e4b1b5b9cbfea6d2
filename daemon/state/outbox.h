#pragma once
// The durable outbox: every record accepted for publishing is written here,
// in the same transaction as its item's seen-mark, before it is produced; the
// row is deleted only when Kafka acknowledged it. At start-up every row left
// is produced again. Writes and deletes are batched into transactions.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "common/result.h"
#include "daemon/state/store.h"

namespace newsd::state {

struct outbox_row {
  int64_t seq = 0;                        // assigned by append
  std::string topic, key, value, source;  // source: feed id (newsd-source header)
  std::string feed_id, item_key;          // the seen-mark written with the row
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
  // `acknowledged` is sorted in place (contiguous runs become one range delete).
  status append(std::vector<outbox_row>& rows, int64_t now_ms,
                std::vector<int64_t>&& acknowledged = {});
  // Deletes acknowledged rows in one transaction.
  status remove(std::vector<int64_t> seqs);
  // Replaces a row by another (a record that became a dead letter), atomically.
  status replace(int64_t seq, outbox_row& with);
  // The value of a row (for a retry after the producer dropped its copy).
  result<std::string> value(int64_t seq);
  // Rows with seq > after, oldest first, at most limit (start-up replay in chunks).
  result<std::vector<outbox_row>> scan(int64_t after, int limit);
  int64_t size();

 private:
  status insert_locked(outbox_row& r, int64_t now_ms);
  status insert_many_locked(std::vector<outbox_row>& rows, int64_t now_ms);
  status delete_locked(std::vector<int64_t>& seqs);
  sqlite3_stmt* prepared(int which, const char* sql);
  store& st_;
  // Statements prepared once: parsing SQL per row cost more than the write.
  sqlite3_stmt* stmts_[10] = {};
};

// Group commit: the publish thread queues rows and acknowledged seqs; one
// writer thread writes everything queued so far in one transaction, so the
// publish thread only produces and serves reports, and a transaction grows
// with the load (one commit per batch at 1,000/s, thousands of rows at full
// speed). Rows are handed back (their seqs, in order) only once committed:
// nothing is produced before it is durable in the outbox.
class outbox_writer {
 public:
  explicit outbox_writer(outbox& ob) : ob_(ob) {}
  ~outbox_writer() { stop(); }
  outbox_writer(const outbox_writer&) = delete;
  outbox_writer& operator=(const outbox_writer&) = delete;

  // Called on the writer thread after each commit that made rows durable,
  // so that the thread producing them need not poll for them. Set before start().
  void on_commit(std::function<void()> fn) { on_commit_ = std::move(fn); }
  void start();
  // Waits for what is queued to be written, then ends the thread.
  void stop();

  void append(std::vector<outbox_row>&& rows);
  void remove(std::vector<int64_t>&& seqs);
  // Moves the seqs committed since the last call, in append order, into out.
  void take_committed(std::vector<int64_t>& out);
  // Waits until everything queued so far is written (or the writer failed).
  status flush();
  bool has_committed() const { return has_committed_.load(); }
  // The writer's first error; the writer stops at it (nothing more is written).
  status error() const;
  double cpu_seconds() const { return static_cast<double>(cpu_ns_.load()) * 1e-9; }
  uint64_t transactions() const { return transactions_.load(); }

 private:
  void loop();
  // At most one commit per gap: a transaction rewrites every page it touches
  // (b-tree edges, seen-mark index, freelist), so fewer, larger ones write less.
  static constexpr std::chrono::microseconds kGroupGap{1000};
  static constexpr size_t kBacklog = 1024;  // rows queued: commit without the gap
  outbox& ob_;
  std::function<void()> on_commit_;
  std::chrono::steady_clock::time_point last_commit_;
  mutable std::mutex mu_;
  std::condition_variable work_cv_, done_cv_;
  std::vector<outbox_row> rows_;
  std::vector<int64_t> acks_, committed_;
  bool stop_ = false, busy_ = false;
  std::string error_;
  std::atomic<bool> has_committed_{false};
  std::atomic<int64_t> cpu_ns_{0};
  std::atomic<uint64_t> transactions_{0};
  std::thread thread_;
};

}  // namespace newsd::state
