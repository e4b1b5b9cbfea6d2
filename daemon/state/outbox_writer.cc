// The outbox's group-commit writer thread (declared in outbox.h).
#include <ctime>

#include "common/time_util.h"
#include "daemon/state/outbox.h"

namespace newsd::state {

namespace {
int64_t thread_cpu_ns() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<int64_t>(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}
}  // namespace

void outbox_writer::start() {
  if (!thread_.joinable()) thread_ = std::thread([this] { loop(); });
}

void outbox_writer::stop() {
  {
    std::lock_guard lk(mu_);
    stop_ = true;
  }
  work_cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void outbox_writer::append(std::vector<outbox_row>&& rows) {
  if (rows.empty()) return;
  {
    std::lock_guard lk(mu_);
    if (rows_.empty())
      rows_.swap(rows);
    else
      rows_.insert(rows_.end(), std::make_move_iterator(rows.begin()),
                   std::make_move_iterator(rows.end()));
  }
  work_cv_.notify_one();
}

void outbox_writer::remove(std::vector<int64_t>&& seqs) {
  if (seqs.empty()) return;
  {
    std::lock_guard lk(mu_);
    if (acks_.empty())
      acks_.swap(seqs);
    else
      acks_.insert(acks_.end(), seqs.begin(), seqs.end());
  }
  seqs.clear();
  work_cv_.notify_one();
}

void outbox_writer::take_committed(std::vector<int64_t>& out) {
  std::lock_guard lk(mu_);
  if (out.empty())
    out.swap(committed_);
  else
    out.insert(out.end(), committed_.begin(), committed_.end());
  committed_.clear();
  has_committed_ = false;
}

status outbox_writer::flush() {
  std::unique_lock lk(mu_);
  done_cv_.wait(lk, [&] { return !error_.empty() || (rows_.empty() && acks_.empty() && !busy_); });
  if (!error_.empty()) return make_error(errc::io, error_);
  return ok_status();
}

status outbox_writer::error() const {
  std::lock_guard lk(mu_);
  if (!error_.empty()) return make_error(errc::io, error_);
  return ok_status();
}

void outbox_writer::loop() {
  std::vector<outbox_row> rows;
  std::vector<int64_t> acks;
  std::unique_lock lk(mu_);
  for (;;) {
    work_cv_.wait(lk, [&] { return stop_ || !rows_.empty() || !acks_.empty(); });
    if (rows_.empty() && acks_.empty()) break;  // stopping, nothing left
    // Work piles up for kGroupGap after the previous commit. The thread sleeps
    // rather than waits on the condition variable, so that appends meanwhile
    // do not wake it one by one.
    // A backlog of rows already makes a large transaction: waiting more would
    // only leave the publisher without rows to produce.
    if (!stop_ && rows_.size() < kBacklog) {
      auto due = last_commit_ + kGroupGap;
      if (std::chrono::steady_clock::now() < due) {
        lk.unlock();
        std::this_thread::sleep_until(due);
        lk.lock();
      }
    }
    rows.swap(rows_);
    acks.swap(acks_);
    busy_ = true;
    lk.unlock();
    int64_t c0 = thread_cpu_ns();
    auto st = ob_.append(rows, now_unix_ms(), std::move(acks));
    cpu_ns_ += thread_cpu_ns() - c0;
    last_commit_ = std::chrono::steady_clock::now();
    ++transactions_;
    lk.lock();
    busy_ = false;
    if (!st) {
      // Nothing more is written: the rows not committed stay unseen (fetched again).
      error_ = st.err().message;
      done_cv_.notify_all();
      break;
    }
    for (const auto& r : rows) committed_.push_back(r.seq);
    bool fresh = !rows.empty();
    if (fresh) has_committed_ = true;
    rows.clear();
    acks.clear();
    done_cv_.notify_all();
    if (fresh && on_commit_) {
      lk.unlock();
      on_commit_();
      lk.lock();
    }
  }
}

}  // namespace newsd::state
