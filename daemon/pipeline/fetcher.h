#pragma once
// The fetch stage: one thread drives the curl multi loop, polls each feed
// when due (conditional GET + body hash), parses it, and hands new entries
// (with their article page fetched where full text is wanted) downstream.
#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <queue>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

#include "connectors/http/client.h"
#include "daemon/config/config.h"
#include "daemon/ops/metrics.h"
#include "daemon/pipeline/tracker.h"
#include "daemon/pipeline/work_item.h"
#include "daemon/scheduler/scheduler.h"
#include "daemon/state/feed_state.h"

namespace newsd::pipeline {

class fetcher {
 public:
  // emit blocks while downstream is full; returns false when stopping.
  using emit_fn = std::function<bool(work_item&&)>;
  fetcher(const config::config& cfg, state::feed_state& st, ops::metrics& m, tracker& tr,
          emit_fn emit);
  ~fetcher();

  // Runs until stop is set, or with once, until every feed was polled once
  // and every item handed downstream.
  void run(const std::atomic<bool>& stop, bool once);

  // Applies a reloaded feed list (thread-safe); state of kept feeds is preserved.
  void set_feeds(std::vector<config::feed> feeds);

  // Fetch-thread only (tests, benchmarks): applies a pending feed list now,
  // and reads one feed's in-memory state.
  void apply_feed_changes(bool once = false);
  std::optional<state::feed_record> feed(const std::string& id) const;
  size_t feed_count() const { return feeds_.size(); }
  http::client& http() { return *http_; }

 private:
  struct feed_slot {
    config::feed cfg;
    state::feed_record st;
    int64_t hint_ms = 0;       // the feed's own ttl / sy:updatePeriod, kept across 304s
    int64_t last_full_ms = 0;  // last 200 (or load): validators are dropped when it is too old
    bool in_flight = false;
    bool polled = false;
  };
  struct parse_result {
    bool ok = false;
    int new_items = 0;
    int seen_items = 0;
    std::vector<int64_t> entry_times_ms;
  };
  void poll(feed_slot& slot);
  void due(feed_slot& slot) { due_.emplace(slot.st.next_poll_ms, slot.cfg.id); }
  void on_feed_response(const std::string& feed_id, http::response&& r);
  parse_result handle_entries(feed_slot& slot, const std::string& body,
                              const std::string& content_type, const std::string& url);
  void track_redirects(feed_slot& slot, const http::response& r);
  void schedule_after(feed_slot& slot, int64_t now, const scheduler::poll_outcome& o);
  // Debug level only: one line per poll.
  static void log_poll(const std::string& feed_id, const http::response& r, const char* outcome,
                       int new_items, int seen_items);
  bool wants_full_text(const feed_slot& slot, const work_item& w) const;
  void update_gauges();

  const config::config& cfg_;
  state::feed_state& state_;
  ops::metrics& metrics_;
  tracker& tracker_;
  emit_fn emit_;
  std::unique_ptr<http::client> http_;
  std::mutex feeds_mu_;
  std::unordered_map<std::string, feed_slot> feeds_;
  // (next_poll_ms, feed id), earliest first; stale entries are skipped when popped.
  using due_entry = std::pair<int64_t, std::string>;
  std::priority_queue<due_entry, std::vector<due_entry>, std::greater<>> due_;
  scheduler::policy policy_;
  std::mt19937_64 rng_{std::random_device{}()};
  std::vector<config::feed> pending_feeds_;
  bool feeds_changed_ = false;
  size_t once_left_ = 0;  // feeds not yet polled in a `once` run
  int page_fetches_ = 0;
};

}  // namespace newsd::pipeline
