#pragma once
// The fetch stage: one thread drives the curl multi loop, polls each feed
// when due (conditional GET + body hash), parses it, and hands new entries
// (with their article page fetched where full text is wanted) downstream.
#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "connectors/http/client.h"
#include "daemon/config/config.h"
#include "daemon/ops/metrics.h"
#include "daemon/pipeline/tracker.h"
#include "daemon/pipeline/work_item.h"
#include "daemon/state/feed_state.h"

namespace newsd::pipeline {

class fetcher {
 public:
  // emit blocks while downstream is full; returns false when stopping.
  using emit_fn = std::function<bool(work_item&&)>;
  fetcher(const config::config& cfg, state::feed_state& st, ops::metrics& m, tracker& tr, emit_fn emit);
  ~fetcher();

  // Runs until stop is set, or with once, until every feed was polled once
  // and every item handed downstream.
  void run(const std::atomic<bool>& stop, bool once);

  // Applies a reloaded feed list (thread-safe); state of kept feeds is preserved.
  void set_feeds(std::vector<config::feed> feeds);

 private:
  struct feed_slot {
    config::feed cfg;
    state::feed_record st;
    bool in_flight = false;
    bool polled = false;
  };
  void poll(feed_slot& slot, int64_t now);
  void on_feed_response(const std::string& feed_id, http::response&& r);
  bool handle_entries(feed_slot& slot, const std::string& body, const std::string& content_type,
                      const std::string& url);
  void schedule_after(feed_slot& slot, int64_t now, bool success, int64_t retry_after_ms);
  bool wants_full_text(const feed_slot& slot, const work_item& w) const;

  const config::config& cfg_;
  state::feed_state& state_;
  ops::metrics& metrics_;
  tracker& tracker_;
  emit_fn emit_;
  std::unique_ptr<http::client> http_;
  std::mutex feeds_mu_;
  std::unordered_map<std::string, feed_slot> feeds_;
  std::vector<config::feed> pending_feeds_;
  bool feeds_changed_ = false;
  int page_fetches_ = 0;
};

}  // namespace newsd::pipeline
