#include "daemon/pipeline/fetcher.h"

#include <curl/curl.h>

#include <algorithm>
#include <chrono>
#include <random>
#include <thread>

#include "common/hash.h"
#include "common/log.h"
#include "common/time_util.h"
#include "connectors/feeds/parse.h"
#include "daemon/pipeline/feed_item.h"

namespace newsd::pipeline {

namespace {
http::client_options client_options(const config::fetch_section& f) {
  http::client_options o;
  o.user_agent = f.user_agent;
  o.proxy = f.proxy;
  o.connect_timeout_ms = f.connect_timeout_ms;
  o.timeout_ms = f.timeout_ms;
  o.low_speed_time_ms = f.low_speed_time_ms;
  o.low_speed_bytes = f.low_speed_bytes;
  o.max_body_bytes = f.max_body_bytes;
  o.max_redirects = f.max_redirects;
  o.max_concurrent = f.max_concurrent;
  o.allow_private_addresses = f.allow_private_addresses;
  return o;
}

// Retry-After: delay-seconds or an HTTP date; 0 when absent or unparseable.
int64_t retry_after_ms(const std::string& v, int64_t now) {
  if (v.empty()) return 0;
  if (std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::stoll(v.substr(0, 9)) * 1000;
  }
  time_t t = curl_getdate(v.c_str(), nullptr);
  if (t <= 0) return 0;
  return std::max<int64_t>(0, static_cast<int64_t>(t) * 1000 - now);
}
}  // namespace

fetcher::fetcher(const config::config& cfg, state::feed_state& st, ops::metrics& m, tracker& tr,
                 emit_fn emit)
    : cfg_(cfg), state_(st), metrics_(m), tracker_(tr), emit_(std::move(emit)),
      http_(std::make_unique<http::client>(client_options(cfg.fetch))) {
  set_feeds(cfg.feeds);
}

fetcher::~fetcher() = default;

void fetcher::set_feeds(std::vector<config::feed> feeds) {
  std::lock_guard lk(feeds_mu_);
  pending_feeds_ = std::move(feeds);
  feeds_changed_ = true;
}

void fetcher::run(const std::atomic<bool>& stop, bool once) {
  std::mt19937_64 rng(std::random_device{}());
  while (!stop.load()) {
    {
      std::lock_guard lk(feeds_mu_);
      if (feeds_changed_) {
        std::unordered_map<std::string, feed_slot> next;
        for (auto& f : pending_feeds_) {
          auto it = feeds_.find(f.id);
          feed_slot slot = it != feeds_.end() ? std::move(it->second) : feed_slot{};
          if (it == feeds_.end()) {
            slot.st = state_.get(f.id).value_or(state::feed_record{});
            slot.st.feed_id = f.id;
            if (slot.st.url.empty()) slot.st.url = f.url;
            if (slot.st.next_poll_ms == 0 || once) {
              // Spread first polls so that thousands of feeds do not start at once.
              slot.st.next_poll_ms = now_unix_ms() + (once ? 0 : static_cast<int64_t>(rng() % 2000));
            }
          }
          slot.cfg = f;
          next.emplace(f.id, std::move(slot));
        }
        feeds_ = std::move(next);
        feeds_changed_ = false;
        metrics_.feeds_active.Set(static_cast<double>(feeds_.size()));
      }
    }
    int64_t now = now_unix_ms();
    int failing = 0;
    for (auto& [id, slot] : feeds_) {
      if (slot.st.error_streak > 0) ++failing;
      if (slot.in_flight || (once && slot.polled)) continue;
      if (slot.st.next_poll_ms <= now) poll(slot, now);
    }
    metrics_.feeds_failing.Set(failing);
    http_->perform(100);
    if (once && http_->active() == 0) {
      bool all = true;
      for (auto& [id, slot] : feeds_) all = all && slot.polled && !slot.in_flight;
      if (all) break;
    }
  }
}

void fetcher::poll(feed_slot& slot, int64_t now) {
  slot.in_flight = true;
  http::request req;
  req.url = slot.st.url;
  req.etag = slot.st.etag;
  req.last_modified = slot.st.last_modified;
  std::string id = slot.cfg.id;
  (void)now;
  http_->submit(std::move(req), [this, id](http::response&& r) { on_feed_response(id, std::move(r)); });
}

void fetcher::on_feed_response(const std::string& feed_id, http::response&& r) {
  auto it = feeds_.find(feed_id);
  if (it == feeds_.end()) return;  // removed by a reload meanwhile
  feed_slot& slot = it->second;
  slot.in_flight = false;
  slot.polled = true;
  int64_t now = now_unix_ms();
  metrics_.fetch_duration.Observe(r.total_seconds);
  metrics_.http_bytes.Increment(static_cast<double>(r.body.size()));
  if (r.error != http::error_class::none) {
    metrics_.fetch(http::error_class_name(r.error)).Increment();
    log::warn("fetch", "feed fetch failed",
              "feed=" + feed_id + " url=" + slot.st.url + " error=" + http::error_class_name(r.error) +
                  " detail=\"" + r.error_message + "\"");
    int64_t ra = (r.status == 429 || r.status == 503) ? retry_after_ms(r.header("retry-after"), now) : 0;
    schedule_after(slot, now, false, ra);
    return;
  }
  if (r.status == 304) {
    metrics_.fetch("not_modified").Increment();
    schedule_after(slot, now, true, 0);
    return;
  }
  uint64_t h = hash64(r.body);
  if (h == slot.st.content_hash && slot.st.content_hash != 0) {
    // Servers that ignore validators: the body is what we saw last time.
    metrics_.fetch("unchanged").Increment();
  } else {
    // Only a parsed body may be skipped next time; a failed parse is retried.
    if (handle_entries(slot, r.body, r.header("content-type"), r.effective_url)) {
      metrics_.fetch("ok").Increment();
      slot.st.content_hash = h;
    }
  }
  slot.st.etag = r.header("etag");
  slot.st.last_modified = r.header("last-modified");
  schedule_after(slot, now, true, 0);
}

bool fetcher::handle_entries(feed_slot& slot, const std::string& body, const std::string& content_type,
                             const std::string& url) {
  feeds::parse_options opts{url.empty() ? slot.st.url : url, content_type};
  auto doc = feeds::parse(body, opts);
  if (!doc) {
    metrics_.fetch("parse").Increment();
    log::warn("fetch", "feed could not be parsed",
              "feed=" + slot.cfg.id + " error=\"" + doc.err().message + "\"");
    return false;
  }
  if (doc->bozo) {
    log::debug("fetch", "feed recovered from malformed input",
               "feed=" + slot.cfg.id + " reason=\"" + doc->bozo_reason + "\"");
  }
  int64_t now = now_unix_ms();
  for (const auto& e : doc->entries) {
    std::string key = entry_key(e);
    if (state_.is_seen(slot.cfg.id, key)) {
      metrics_.items_seen.Increment();
      continue;
    }
    if (!tracker_.begin(tracking_key(slot.cfg.id, key))) continue;  // still on its way
    metrics_.items_new.Increment();
    work_item w;
    w.art = entry_to_article(e, *doc, slot.cfg, slot.cfg.url, now);
    w.feed_id = slot.cfg.id;
    w.item_key = key;
    w.enqueued_ms = now;
    if (wants_full_text(slot, w)) {
      ++page_fetches_;
      http::request req;
      req.url = w.art.url;
      auto shared = std::make_shared<work_item>(std::move(w));
      http_->submit(std::move(req), [this, shared](http::response&& r) {
        --page_fetches_;
        metrics_.http_bytes.Increment(static_cast<double>(r.body.size()));
        if (r.error == http::error_class::none && !r.body.empty()) {
          shared->art.html = std::move(r.body);
        } else {
          shared->art.extraction = "failed";  // keep the feed's text
        }
        emit_(std::move(*shared));
      });
      continue;
    }
    if (!emit_(std::move(w))) return true;
  }
  return true;
}

bool fetcher::wants_full_text(const feed_slot& slot, const work_item& w) const {
  if (!cfg_.extract.enabled || w.art.url.empty()) return false;
  if (slot.cfg.full_text) return true;
  return static_cast<int>(w.art.text.size()) < cfg_.extract.min_summary_chars;
}

void fetcher::schedule_after(feed_slot& slot, int64_t now, bool success, int64_t retry_after) {
  const auto& f = cfg_.fetch;
  int64_t base = slot.cfg.interval_ms > 0 ? slot.cfg.interval_ms : f.default_interval_ms;
  base = std::clamp(base, f.min_interval_ms, f.max_interval_ms);
  int64_t delay = base;
  if (success) {
    slot.st.error_streak = 0;
    slot.st.last_success_ms = now;
  } else {
    // Exponential backoff, capped: a failing feed keeps being probed at the max interval.
    slot.st.error_streak = std::min(slot.st.error_streak + 1, 30);
    delay = std::min(f.max_interval_ms, base << std::min(slot.st.error_streak, 20));
  }
  delay = std::max(delay, std::min(retry_after, f.max_interval_ms));
  // +-10% jitter so that polls do not align.
  static thread_local std::mt19937_64 rng(std::random_device{}());
  int64_t jitter = delay / 10;
  if (jitter > 0) delay += static_cast<int64_t>(rng() % static_cast<uint64_t>(2 * jitter)) - jitter;
  slot.st.interval_ms = base;
  slot.st.next_poll_ms = now + delay;
  if (auto st = state_.put(slot.st); !st) log::error("fetch", "cannot save feed state", st.err().message);
}

}  // namespace newsd::pipeline
