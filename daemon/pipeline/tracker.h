#pragma once
// Counts items between "parsed" and "acknowledged by Kafka" and remembers
// their keys, so a feed polled again does not re-queue an item that is still
// on its way, and `run --once` knows when everything has been delivered.
#include <atomic>
#include <mutex>
#include <string>
#include <unordered_set>

namespace newsd::pipeline {

class tracker {
 public:
  // False when the item is already in flight.
  bool begin(const std::string& key) {
    std::lock_guard lk(mu_);
    return keys_.insert(key).second;
  }
  void end(const std::string& key) {
    std::lock_guard lk(mu_);
    keys_.erase(key);
  }
  size_t pending() const {
    std::lock_guard lk(mu_);
    return keys_.size();
  }
  std::atomic<uint64_t> delivered{0};
  std::atomic<uint64_t> deadlettered{0};
  std::atomic<uint64_t> lost{0};  // neither delivered nor dead-lettered: must stay 0

 private:
  mutable std::mutex mu_;
  std::unordered_set<std::string> keys_;
};

inline std::string tracking_key(const std::string& feed_id, const std::string& item_key) {
  return feed_id + '\x1f' + item_key;
}

}  // namespace newsd::pipeline
