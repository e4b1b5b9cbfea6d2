#pragma once
// A bounded multi-producer multi-consumer queue. A full queue blocks the
// producer (backpressure travels upstream to the fetcher, which then
// postpones polls); nothing is ever dropped.
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>

namespace newsd::pipeline {

template <class T>
class bounded_queue {
 public:
  explicit bounded_queue(size_t capacity) : capacity_(capacity) {}

  // Waits up to timeout for room; false on timeout or when closed. The item
  // is moved from only on success, so a caller may retry with the same item.
  bool push(T&& item, std::chrono::milliseconds timeout) {
    std::unique_lock lk(mu_);
    if (!not_full_.wait_for(lk, timeout, [&] { return closed_ || q_.size() < capacity_; })) return false;
    if (closed_) return false;
    q_.push_back(std::move(item));
    not_empty_.notify_one();
    return true;
  }

  // Waits up to timeout for an item; nullopt on timeout or when closed and empty.
  std::optional<T> pop(std::chrono::milliseconds timeout) {
    std::unique_lock lk(mu_);
    if (!not_empty_.wait_for(lk, timeout, [&] { return closed_ || !q_.empty(); })) return std::nullopt;
    if (q_.empty()) return std::nullopt;
    T item = std::move(q_.front());
    q_.pop_front();
    not_full_.notify_one();
    return item;
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
  size_t capacity_;
  mutable std::mutex mu_;
  std::condition_variable not_empty_, not_full_;
  std::deque<T> q_;
  bool closed_ = false;
};

}  // namespace newsd::pipeline
