#include "daemon/pipeline/fetcher.h"

#include <algorithm>

#include "common/hash.h"
#include "common/log.h"
#include "common/time_util.h"
#include "connectors/feeds/parse.h"
#include "connectors/http/headers.h"
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
  o.per_host.concurrency = f.per_host_concurrency;
  o.per_host.requests_per_minute = f.per_host_requests_per_minute;
  o.http2 = f.http2;
  o.allow_private_addresses = f.allow_private_addresses;
  return o;
}

scheduler::error_kind error_kind_of(const http::response& r) {
  using http::error_class;
  using scheduler::error_kind;
  switch (r.error) {
    case error_class::none:
      return error_kind::none;
    case error_class::dns:
      return error_kind::dns;
    case error_class::connect:
      return error_kind::connect;
    case error_class::tls:
      return error_kind::tls;
    case error_class::timeout:
      return error_kind::timeout;
    case error_class::http_4xx:
      return r.status == 429 ? error_kind::rate_limited : error_kind::http_4xx;
    case error_class::http_5xx:
      return error_kind::http_5xx;
    case error_class::too_large:
    case error_class::redirect:
    case error_class::other:
      return error_kind::other;
  }
  return error_kind::other;
}

// Page fetch failures that may clear on their own (the server is down or busy now).
bool transient_failure(const http::response& r) {
  switch (error_kind_of(r)) {
    case scheduler::error_kind::dns:
    case scheduler::error_kind::connect:
    case scheduler::error_kind::tls:
    case scheduler::error_kind::timeout:
    case scheduler::error_kind::rate_limited:
    case scheduler::error_kind::http_5xx:
      return true;
    default:
      return false;
  }
}

// The client's own message ("HTTP 404", "Timeout was reached", …), with the status when
// the message does not already say it.
std::string page_failure(const http::response& r) {
  const std::string status = "HTTP " + std::to_string(r.status);
  if (r.error == http::error_class::none) return status + ", empty body";
  std::string why =
      r.error_message.empty() ? std::string(http::error_class_name(r.error)) : r.error_message;
  if (r.status != 0 && !why.starts_with(status)) why = status + ": " + why;
  return why;
}

// Spread of first polls so that thousands of feeds do not start at once.
constexpr int64_t kFirstPollSpreadMs = 2000;
// Polls in a row that must end at the same permanent-redirect target before the URL moves.
constexpr int kMovedPolls = 2;
}  // namespace

fetcher::fetcher(const config::config& cfg, state::feed_state& st, ops::metrics& m, tracker& tr,
                 emit_fn emit)
    : cfg_(cfg),
      state_(st),
      metrics_(m),
      tracker_(tr),
      emit_(std::move(emit)),
      http_(std::make_unique<http::client>(client_options(cfg.fetch))) {
  policy_.min_interval_ms = cfg.fetch.min_interval_ms;
  policy_.max_interval_ms = cfg.fetch.max_interval_ms;
  policy_.default_interval_ms = cfg.fetch.default_interval_ms;
  set_feeds(cfg.feeds);
}

fetcher::~fetcher() = default;

void fetcher::set_feeds(std::vector<config::feed> feeds) {
  std::lock_guard lk(feeds_mu_);
  pending_feeds_ = std::move(feeds);
  feeds_changed_ = true;
}

void fetcher::apply_feed_changes(bool once) {
  std::vector<config::feed> list;
  {
    std::lock_guard lk(feeds_mu_);
    if (!feeds_changed_) return;
    list = std::move(pending_feeds_);
    pending_feeds_.clear();
    feeds_changed_ = false;
  }
  int64_t now = now_unix_ms();
  std::unordered_map<std::string, feed_slot> next;
  next.reserve(list.size());
  for (auto& f : list) {
    auto it = feeds_.find(f.id);
    bool kept = it != feeds_.end();
    feed_slot slot = kept ? std::move(it->second) : feed_slot{};
    if (!kept) {
      slot.st = state_.get(f.id).value_or(state::feed_record{});
      slot.st.feed_id = f.id;
      // Counted from load, not from the stored last success (which may be a 304):
      // a restart does not turn every feed's next poll into a full download.
      slot.last_full_ms = now;
      if (slot.st.url.empty()) slot.st.url = f.url;
      if (slot.st.next_poll_ms == 0) {
        slot.st.next_poll_ms = scheduler::first_poll_ms(now, once ? 0 : kFirstPollSpreadMs, rng_());
      }
    } else if (slot.cfg.url != f.url) {
      slot.st.url = f.url;  // the operator changed it: forget redirects and validators
      slot.st.etag.clear();
      slot.st.last_modified.clear();
      slot.st.moved_to.clear();
      slot.st.moved_streak = 0;
    }
    slot.cfg = std::move(f);
    auto [pos, inserted] = next.emplace(slot.cfg.id, std::move(slot));
    if (inserted && !kept) due(pos->second);
  }
  feeds_ = std::move(next);
  update_gauges();
}

std::optional<state::feed_record> fetcher::feed(const std::string& id) const {
  auto it = feeds_.find(id);
  if (it == feeds_.end()) return std::nullopt;
  return it->second.st;
}

void fetcher::update_gauges() {
  int failing = 0;
  for (auto& [id, slot] : feeds_) failing += slot.st.error_streak > 0 ? 1 : 0;
  // "active" and "failing" partition the configured feeds: they add up to the total.
  metrics_.feeds_active.Set(static_cast<double>(feeds_.size()) - failing);
  metrics_.feeds_failing.Set(failing);
}

void fetcher::run(const std::atomic<bool>& stop, bool once) {
  apply_feed_changes(once);
  if (once) {
    // Every feed once, now, whatever its schedule says.
    due_ = {};
    for (auto& [id, slot] : feeds_) {
      slot.polled = false;
      slot.st.next_poll_ms = std::min(slot.st.next_poll_ms, now_unix_ms());
      due(slot);
    }
    once_left_ = feeds_.size();
  }
  int64_t last_gauges = now_unix_ms();
  while (!stop.load()) {
    if (!once) apply_feed_changes(false);
    int64_t now = now_unix_ms();
    while (!due_.empty() && due_.top().first <= now) {
      auto [at, id] = due_.top();
      due_.pop();
      auto it = feeds_.find(id);
      if (it == feeds_.end()) continue;  // removed by a reload
      feed_slot& slot = it->second;
      if (slot.in_flight || slot.st.next_poll_ms != at || (once && slot.polled)) continue;  // stale
      poll(slot);
    }
    if (now - last_gauges >= 1000) {
      update_gauges();
      last_gauges = now;
    }
    // Sleep in curl_multi_poll until a transfer moves or the next feed is due.
    int wait = 100;
    if (!due_.empty()) wait = static_cast<int>(std::clamp<int64_t>(due_.top().first - now, 0, 100));
    http_->perform(wait);
    if (once && once_left_ == 0 && http_->active() == 0) break;
  }
  update_gauges();
}

void fetcher::poll(feed_slot& slot) {
  slot.in_flight = true;
  http::request req;
  req.url = slot.st.url;
  if (now_unix_ms() - slot.last_full_ms < cfg_.fetch.revalidate_interval_ms) {
    req.etag = slot.st.etag;
    req.last_modified = slot.st.last_modified;
  }
  std::string id = slot.cfg.id;
  http_->submit(std::move(req),
                [this, id](http::response&& r) { on_feed_response(id, std::move(r)); });
}

void fetcher::track_redirects(feed_slot& slot, const http::response& r) {
  bool permanent =
      !r.redirects.empty() && std::all_of(r.redirects.begin(), r.redirects.end(),
                                          [](auto& h) { return h.first == 301 || h.first == 308; });
  if (!permanent || r.effective_url.empty() || r.effective_url == slot.st.url) {
    // A temporary hop (302/307) or none: the feed stays where it is.
    slot.st.moved_to.clear();
    slot.st.moved_streak = 0;
    return;
  }
  if (slot.st.moved_to == r.effective_url) {
    ++slot.st.moved_streak;
  } else {
    slot.st.moved_to = r.effective_url;
    slot.st.moved_streak = 1;
  }
  if (slot.st.moved_streak >= kMovedPolls) {
    log::info("fetch", "feed moved permanently",
              "feed=" + slot.cfg.id + " from=" + slot.st.url + " to=" + r.effective_url);
    slot.st.url = r.effective_url;
    slot.st.moved_to.clear();
    slot.st.moved_streak = 0;
  }
}

void fetcher::on_feed_response(const std::string& feed_id, http::response&& r) {
  auto it = feeds_.find(feed_id);
  if (it != feeds_.end() && !it->second.polled && once_left_ > 0) --once_left_;
  if (it == feeds_.end()) return;  // removed by a reload meanwhile
  feed_slot& slot = it->second;
  slot.in_flight = false;
  slot.polled = true;
  int64_t now = now_unix_ms();
  metrics_.fetch_duration.Observe(r.total_seconds);
  metrics_.http_bytes.Increment(static_cast<double>(r.body.size()));
  scheduler::poll_outcome o;
  o.error = error_kind_of(r);
  o.max_age_ms = http::parse_max_age(r.header("cache-control"));
  o.expires_in_ms = http::parse_expires(r.header("expires"), r.header("date"), now);
  if (o.error != scheduler::error_kind::none) {
    metrics_.fetch(http::error_class_name(r.error)).Increment();
    log::warn("fetch", "feed fetch failed",
              "feed=" + feed_id + " url=" + slot.st.url +
                  " error=" + http::error_class_name(r.error) +
                  " status=" + std::to_string(r.status) + " detail=" + log::quote(r.error_message));
    if (r.status == 429 || r.status == 503)
      o.retry_after_ms = http::parse_retry_after(r.header("retry-after"), now);
    slot.st.last_error = http::error_class_name(r.error);
    log_poll(feed_id, r, http::error_class_name(r.error), 0, 0);
    schedule_after(slot, now, o);
    return;
  }
  track_redirects(slot, r);
  const char* outcome = "ok";
  int new_items = 0, seen_items = 0;
  if (r.status == 304) {
    metrics_.fetch("not_modified").Increment();
    outcome = "not_modified";
  } else {
    slot.last_full_ms = now;
    uint64_t h = hash64(r.body);
    if (h == slot.st.content_hash && slot.st.content_hash != 0) {
      // Servers that ignore validators, or send the same ETag for a new body
      // (caught the other way round: a changed body always has a new hash).
      metrics_.fetch("unchanged").Increment();
      outcome = "unchanged";
    } else {
      auto pr = handle_entries(slot, r.body, r.header("content-type"), r.effective_url);
      if (!pr.ok) {
        // Only a parsed body may be skipped next time; a failed parse is retried (backed off).
        o.error = scheduler::error_kind::parse;
        slot.st.last_error = "parse";
        log_poll(feed_id, r, "parse", 0, 0);
        schedule_after(slot, now, o);
        return;
      }
      new_items = pr.new_items;
      seen_items = pr.seen_items;
      metrics_.fetch("ok").Increment();
      slot.st.content_hash = h;
      o.changed = true;
      o.new_items = pr.new_items;
      o.entry_times_ms = std::move(pr.entry_times_ms);
    }
    slot.st.etag = r.header("etag");
    slot.st.last_modified = r.header("last-modified");
  }
  slot.st.last_error.clear();
  slot.st.last_success_ms = now;
  log_poll(feed_id, r, outcome, new_items, seen_items);
  schedule_after(slot, now, o);
}

void fetcher::log_poll(const std::string& feed_id, const http::response& r, const char* outcome,
                       int new_items, int seen_items) {
  if (!log::enabled(log::level::debug)) return;
  log::debug("fetch", "feed polled",
             "feed=" + feed_id + " result=" + outcome + " status=" + std::to_string(r.status) +
                 " items_new=" + std::to_string(new_items) + " items_seen=" +
                 std::to_string(seen_items) + " bytes=" + std::to_string(r.body.size()) +
                 " duration_ms=" + std::to_string(static_cast<int64_t>(r.total_seconds * 1000)));
}

fetcher::parse_result fetcher::handle_entries(feed_slot& slot, const std::string& body,
                                              const std::string& content_type,
                                              const std::string& url) {
  parse_result out;
  feeds::parse_options opts{url.empty() ? slot.st.url : url, content_type};
  auto doc = feeds::parse(body, opts);
  if (!doc) {
    metrics_.fetch("parse").Increment();
    log::warn("fetch", "feed could not be parsed",
              "feed=" + slot.cfg.id + " error=" + log::quote(doc.err().message));
    return out;
  }
  out.ok = true;
  if (doc->bozo) {
    log::debug("fetch", "feed recovered from malformed input",
               "feed=" + slot.cfg.id + " reason=" + log::quote(doc->bozo_reason));
  }
  slot.hint_ms = std::max(doc->feed.ttl_ms, doc->feed.update_period_ms);
  int64_t now = now_unix_ms();
  for (const auto& e : doc->entries) {
    if (e.published_ms || e.updated_ms)
      out.entry_times_ms.push_back(e.published_ms ? *e.published_ms : *e.updated_ms);
  }
  for (const auto& e : doc->entries) {
    std::string key = entry_key(e);
    if (state_.is_seen(slot.cfg.id, key)) {
      metrics_.items_seen.Increment();
      ++out.seen_items;
      continue;
    }
    if (!tracker_.begin(tracking_key(slot.cfg.id, key))) continue;  // still on its way
    metrics_.items_new.Increment();
    ++out.new_items;
    work_item w;
    w.art = entry_to_article(e, *doc, slot.cfg, slot.cfg.url, now);
    w.feed_id = slot.cfg.id;
    w.item_key = key;
    w.enqueued_ms = now;
    if (wants_full_text(slot, w)) {
      // Same client, so the same per-host politeness as feed polls.
      ++page_fetches_;
      http::request req;
      req.url = w.art.url;
      auto shared = std::make_shared<work_item>(std::move(w));
      http_->submit(std::move(req), [this, shared](http::response&& r) {
        --page_fetches_;
        metrics_.http_bytes.Increment(static_cast<double>(r.body.size()));
        if (log::enabled(log::level::debug)) {
          log::debug("fetch", "article page fetched",
                     "feed=" + shared->feed_id + " url=" + shared->art.url + " status=" +
                         std::to_string(r.status) + " bytes=" + std::to_string(r.body.size()) +
                         " error=" + http::error_class_name(r.error) + " duration_ms=" +
                         std::to_string(static_cast<int64_t>(r.total_seconds * 1000)));
        }
        if (r.error == http::error_class::none && !r.body.empty()) {
          shared->art.html = std::move(r.body);
        } else {
          shared->art.extraction = "failed";  // keep the feed's text
          shared->art.extraction_error = page_failure(r);
          if (shared->art.text.empty() && transient_failure(r)) {
            // Nothing to fall back on and the page may answer later: the item is not
            // accepted now, so the next poll that lists it tries again.
            log::info(
                "fetch",
                "article page unavailable and the item has no summary; retried at a later poll",
                "feed=" + shared->feed_id + " url=" + shared->art.url +
                    " error=" + log::quote(shared->art.extraction_error));
            tracker_.end(tracking_key(shared->feed_id, shared->item_key));
            // Page callbacks run on this (the fetch) thread: the feed's next poll must
            // parse the items again, not stop at a 304 or an unchanged body.
            if (auto it = feeds_.find(shared->feed_id); it != feeds_.end()) {
              it->second.st.content_hash = 0;
              it->second.last_full_ms = 0;
            }
            return;
          }
        }
        emit_(std::move(*shared));
      });
      continue;
    }
    if (!emit_(std::move(w))) return out;
  }
  return out;
}

bool fetcher::wants_full_text(const feed_slot& slot, const work_item& w) const {
  if (!cfg_.extract.enabled || w.art.url.empty()) return false;
  if (slot.cfg.full_text) return true;
  return static_cast<int>(w.art.text.size()) < cfg_.extract.min_summary_chars;
}

void fetcher::schedule_after(feed_slot& slot, int64_t now, const scheduler::poll_outcome& outcome) {
  scheduler::poll_outcome o = outcome;
  o.ttl_ms = slot.hint_ms;
  scheduler::feed_timing prev{slot.st.interval_ms, slot.st.next_poll_ms, slot.st.error_streak};
  auto t = scheduler::next(policy_, prev, o, now, slot.cfg.interval_ms, rng_());
  slot.st.interval_ms = t.interval_ms;
  slot.st.next_poll_ms = t.next_poll_ms;
  slot.st.error_streak = t.error_streak;
  due(slot);
  if (auto st = state_.put(slot.st); !st)
    log::error("fetch", "cannot save feed state: " + st.err().message);
}

}  // namespace newsd::pipeline
