#pragma once
// A bounded multi-producer multi-consumer queue. A full queue blocks the
// producer (backpressure travels upstream to the fetcher, which then
// postpones polls); nothing is ever dropped.
#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <vector>

namespace newsd::pipeline {

template <class T>
class bounded_queue {
 public:
  explicit bounded_queue(size_t capacity) : capacity_(capacity) {}

  // Waits up to timeout for room; false on timeout or when closed. The item
  // is moved from only on success, so a caller may retry with the same item.
  bool push(T&& item, std::chrono::milliseconds timeout) {
    std::unique_lock lk(mu_);
    if (closed_ || q_.size() >= capacity_) {
      ++push_waiters_;
      bool room = not_full_.wait_for(lk, timeout, [&] { return closed_ || q_.size() < capacity_; });
      --push_waiters_;
      if (!room) return false;
    }
    if (closed_) return false;
    q_.push_back(std::move(item));
    // A notify is a futex syscall: skip it when no consumer sleeps (the
    // common case under load, when the consumer takes items in batches).
    if (pop_waiters_ > 0) not_empty_.notify_one();
    return true;
  }

  // Waits up to timeout for an item; nullopt on timeout or when closed and empty.
  std::optional<T> pop(std::chrono::milliseconds timeout) {
    std::unique_lock lk(mu_);
    if (!wait_not_empty(lk, timeout)) return std::nullopt;
    T item = std::move(q_.front());
    q_.pop_front();
    if (push_waiters_ > 0) not_full_.notify_one();
    return item;
  }

  // Moves up to max items into out (appended) under one lock, waiting up to
  // timeout for the first; returns how many. One lock and at most one wake-up
  // per batch instead of per item.
  size_t pop_many(std::vector<T>& out, size_t max, std::chrono::milliseconds timeout) {
    std::unique_lock lk(mu_);
    if (max == 0 || !wait_not_empty(lk, timeout)) return 0;
    size_t n = std::min(max, q_.size());
    for (size_t i = 0; i < n; ++i) {
      out.push_back(std::move(q_.front()));
      q_.pop_front();
    }
    if (push_waiters_ > 0) not_full_.notify_all();
    return n;
  }

  // Producers stop; consumers drain what is left.
  void close() {
    std::lock_guard lk(mu_);
    closed_ = true;
    not_empty_.notify_all();
    not_full_.notify_all();
  }

  bool closed() const {
    std::lock_guard lk(mu_);
    return closed_;
  }
  bool closed_and_empty() const {
    std::lock_guard lk(mu_);
    return closed_ && q_.empty();
  }
  size_t size() const {
    std::lock_guard lk(mu_);
    return q_.size();
  }
  bool full() const {
    std::lock_guard lk(mu_);
    return q_.size() >= capacity_;
  }

 private:
  // True when an item is there (false on timeout, or closed and empty).
  bool wait_not_empty(std::unique_lock<std::mutex>& lk, std::chrono::milliseconds timeout) {
    if (q_.empty() && !closed_) {
      ++pop_waiters_;
      not_empty_.wait_for(lk, timeout, [&] { return closed_ || !q_.empty(); });
      --pop_waiters_;
    }
    return !q_.empty();
  }

  size_t capacity_;
  mutable std::mutex mu_;
  std::condition_variable not_empty_, not_full_;
  std::deque<T> q_;
  int push_waiters_ = 0, pop_waiters_ = 0;
  bool closed_ = false;
};

}  // namespace newsd::pipeline
