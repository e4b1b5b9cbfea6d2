#include "connectors/http/client.h"

#include <curl/curl.h>

#include <algorithm>
#include <chrono>
#include <deque>
#include <queue>
#include <unordered_map>
#include <unordered_set>

#include "connectors/http/curl_util.h"

namespace newsd::http {

const char* error_class_name(error_class c) {
  switch (c) {
    case error_class::none:
      return "ok";
    case error_class::dns:
      return "dns";
    case error_class::connect:
      return "connect";
    case error_class::tls:
      return "tls";
    case error_class::timeout:
      return "timeout";
    case error_class::too_large:
      return "too_large";
    case error_class::http_4xx:
      return "http_4xx";
    case error_class::http_5xx:
      return "http_5xx";
    case error_class::redirect:
      return "redirect";
    case error_class::other:
      return "other";
  }
  return "other";
}

std::string charset_from_content_type(const std::string& ct) {
  std::string lower = ct;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  auto pos = lower.find("charset=");
  if (pos == std::string::npos) return "";
  std::string v = lower.substr(pos + 8);
  auto end = v.find_first_of("; \t");
  if (end != std::string::npos) v = v.substr(0, end);
  if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'')) v = v.substr(1, v.size() - 2);
  return v;
}

namespace {

using detail::classify;
using detail::open_socket;
using detail::resolve;
using detail::steady_ms;

struct transfer {
  CURL* easy = nullptr;  // created when the transfer starts, not while it waits
  curl_slist* headers = nullptr;
  request req;
  std::string host;
  client::callback done;
  response resp;
  int64_t max_body = 0;
  bool too_large = false;
  std::vector<std::string> visited;  // absolute URLs of this redirect chain
};

// Headers that must not follow a redirect to another host (what curl's own
// FOLLOWLOCATION withholds too).
bool is_credential_header(const std::string& h) {
  auto colon = h.find(':');
  std::string name = h.substr(0, colon);
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return name == "authorization" || name == "cookie" || name == "proxy-authorization";
}

size_t on_body(char* data, size_t size, size_t nmemb, void* user) {
  auto* t = static_cast<transfer*>(user);
  size_t n = size * nmemb;
  if (static_cast<int64_t>(t->resp.body.size() + n) > t->max_body) {
    t->too_large = true;
    return 0;  // aborts the transfer with CURLE_WRITE_ERROR
  }
  t->resp.body.append(data, n);
  return n;
}

size_t on_header(char* data, size_t size, size_t nmemb, void* user) {
  auto* t = static_cast<transfer*>(user);
  size_t n = size * nmemb;
  std::string line(data, n);
  while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) line.pop_back();
  if (line.rfind("HTTP/", 0) == 0) {
    // A new response (after a 100-continue): keep only the last one's headers.
    t->resp.headers.clear();
    return n;
  }
  auto colon = line.find(':');
  if (colon == std::string::npos) return n;
  std::string name = line.substr(0, colon);
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  std::string value = line.substr(colon + 1);
  value.erase(0, value.find_first_not_of(" \t"));
  t->resp.headers[name] = value;
  return n;
}

struct global_init {
  global_init() { curl_global_init(CURL_GLOBAL_DEFAULT); }
};

}  // namespace

struct client::impl {
  client_options opts;
  CURLM* multi = nullptr;
  CURLSH* share = nullptr;
  std::unordered_set<transfer*> live;  // owned; added to the multi handle
  int running = 0;
  int in_flight = 0;
  int waiting = 0;

  // Politeness: requests wait per host; a host is "ready" when it may have
  // something startable, "timed" when its rate bucket refills at a known time.
  host_limiter limiter{host_limits{}};
  int64_t pruned_ms = 0;
  struct host_queue {
    std::deque<std::unique_ptr<transfer>> q;
    bool listed = false;  // in ready or timed
  };
  std::unordered_map<std::string, host_queue> queues;
  std::deque<std::string> ready;
  using timed_entry = std::pair<int64_t, std::string>;
  std::priority_queue<timed_entry, std::vector<timed_entry>, std::greater<>> timed;

  void enqueue(std::unique_ptr<transfer> t) {
    auto& hq = queues[t->host];
    hq.q.push_back(std::move(t));
    ++waiting;
    if (!hq.listed) {
      hq.listed = true;
      ready.push_back(hq.q.back()->host);
    }
  }
  // Starts what the global and per-host limits allow.
  void dispatch() {
    int64_t now = steady_ms();
    while (!timed.empty() && timed.top().first <= now) {
      ready.push_back(timed.top().second);
      timed.pop();
    }
    size_t budget = ready.size();  // each listed host is looked at once per call
    while (in_flight < opts.max_concurrent && budget-- > 0 && !ready.empty()) {
      std::string host = std::move(ready.front());
      ready.pop_front();
      auto it = queues.find(host);
      if (it == queues.end()) continue;
      auto& hq = it->second;
      if (hq.q.empty()) {
        queues.erase(it);
        continue;
      }
      int64_t at = limiter.ready_at(host, now);
      if (at < 0) {
        hq.listed = false;  // listed again by release()
        continue;
      }
      if (at > 0) {
        timed.emplace(at, host);
        continue;
      }
      auto t = std::move(hq.q.front());
      hq.q.pop_front();
      --waiting;
      limiter.acquire(host, now);
      if (hq.q.empty()) {
        queues.erase(it);
      } else {
        ready.push_back(host);  // round robin between hosts
        ++budget;
      }
      start(std::move(t));
    }
  }
  void released(const std::string& host) {
    limiter.release(host);
    auto it = queues.find(host);
    if (it != queues.end() && !it->second.listed && !it->second.q.empty()) {
      it->second.listed = true;
      ready.push_back(host);
    }
  }
  // Time until the next rate-limited host may start, for the poll timeout.
  int next_timed_ms(int64_t now) const {
    if (timed.empty()) return -1;
    return static_cast<int>(std::max<int64_t>(0, timed.top().first - now));
  }
  void setup(transfer& t);
  void finish(std::unique_ptr<transfer> t, CURLcode rc);
  bool follow_redirect(std::unique_ptr<transfer>& t, long code);
  void start(std::unique_ptr<transfer> t) {
    setup(*t);
    curl_multi_add_handle(multi, t->easy);
    ++in_flight;
    live.insert(t.release());
  }
};

client::client(client_options opts) : impl_(std::make_unique<impl>()) {
  static global_init init;
  impl_->opts = std::move(opts);
  impl_->limiter = host_limiter(impl_->opts.per_host);
  impl_->multi = curl_multi_init();
  curl_multi_setopt(impl_->multi, CURLMOPT_MAX_TOTAL_CONNECTIONS,
                    static_cast<long>(impl_->opts.max_concurrent));
  curl_multi_setopt(impl_->multi, CURLMOPT_PIPELINING, CURLPIPE_MULTIPLEX);
  // DNS cache and TLS sessions shared across handles.
  impl_->share = curl_share_init();
  curl_share_setopt(impl_->share, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
  curl_share_setopt(impl_->share, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
}

client::~client() {
  // Abort whatever is still running; callbacks are not called.
  for (transfer* t : impl_->live) {
    curl_multi_remove_handle(impl_->multi, t->easy);
    curl_easy_cleanup(t->easy);
    curl_slist_free_all(t->headers);
    delete t;
  }
  curl_multi_cleanup(impl_->multi);
  curl_share_cleanup(impl_->share);
}

void client::submit(request req, callback done) {
  auto t = std::make_unique<transfer>();
  t->done = std::move(done);
  t->max_body = impl_->opts.max_body_bytes;
  t->host = host_key(req.url);
  t->req = std::move(req);
  impl_->enqueue(std::move(t));
  impl_->dispatch();
}

void client::impl::setup(transfer& tr) {
  transfer* t = &tr;
  CURL* e = curl_easy_init();
  t->easy = e;
  const auto& o = opts;
  const auto& req = t->req;
  curl_easy_setopt(e, CURLOPT_URL, req.url.c_str());
  curl_easy_setopt(e, CURLOPT_PRIVATE, t);
  curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, &on_body);
  curl_easy_setopt(e, CURLOPT_WRITEDATA, t);
  curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, &on_header);
  curl_easy_setopt(e, CURLOPT_HEADERDATA, t);
  // Redirects are followed here, not by curl, so that each hop waits behind its
  // own host's politeness limits (see follow_redirect).
  curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
  // Every encoding this libcurl decodes (gzip, deflate, br, zstd); the body
  // callback sees decoded bytes, so max_body_bytes caps a decompression bomb.
  curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
  // A declared (compressed) length above the cap can only decode to more.
  curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(o.max_body_bytes));
  curl_easy_setopt(e, CURLOPT_USERAGENT, o.user_agent.c_str());
  curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(o.connect_timeout_ms));
  // A later hop of a redirect chain gets what the earlier hops left of the timeout.
  const int64_t spent_ms = static_cast<int64_t>(t->resp.total_seconds * 1000);
  curl_easy_setopt(e, CURLOPT_TIMEOUT_MS,
                   static_cast<long>(std::max<int64_t>(1, o.timeout_ms - spent_ms)));
  curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME,
                   std::max(1L, static_cast<long>(o.low_speed_time_ms / 1000)));
  curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, static_cast<long>(o.low_speed_bytes));
  curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 2L);
  curl_easy_setopt(e, CURLOPT_HTTP_VERSION,
                   o.http2 ? CURL_HTTP_VERSION_2TLS : CURL_HTTP_VERSION_1_1);
  curl_easy_setopt(e, CURLOPT_PIPEWAIT, 1L);  // prefer multiplexing on an HTTP/2 connection
  curl_easy_setopt(e, CURLOPT_SHARE, share);
  curl_easy_setopt(e, CURLOPT_OPENSOCKETFUNCTION, &open_socket);
  curl_easy_setopt(e, CURLOPT_OPENSOCKETDATA, &opts.allow_private_addresses);
  if (!o.proxy.empty()) curl_easy_setopt(e, CURLOPT_PROXY, o.proxy.c_str());
  if (!req.etag.empty())
    t->headers = curl_slist_append(t->headers, ("If-None-Match: " + req.etag).c_str());
  if (!req.last_modified.empty())
    t->headers = curl_slist_append(t->headers, ("If-Modified-Since: " + req.last_modified).c_str());
  for (const auto& h : req.extra_headers) t->headers = curl_slist_append(t->headers, h.c_str());
  if (t->headers) curl_easy_setopt(e, CURLOPT_HTTPHEADER, t->headers);
}

// Completes one transfer: a redirect goes back to the queues as a new hop,
// anything else reaches the caller's callback.
void client::impl::finish(std::unique_ptr<transfer> t, CURLcode rc) {
  CURL* e = t->easy;
  live.erase(t.get());
  long code = 0;
  curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &code);
  char* eff = nullptr;
  curl_easy_getinfo(e, CURLINFO_EFFECTIVE_URL, &eff);
  double total = 0;
  curl_easy_getinfo(e, CURLINFO_TOTAL_TIME, &total);
  t->resp.status = static_cast<int>(code);
  t->resp.effective_url = eff ? eff : "";
  t->resp.total_seconds += total;
  curl_multi_remove_handle(multi, e);
  curl_easy_cleanup(e);
  t->easy = nullptr;
  curl_slist_free_all(t->headers);
  t->headers = nullptr;
  --in_flight;
  released(t->host);
  if (rc == CURLE_OK && !t->too_large && follow_redirect(t, code)) return;
  if (t->too_large) {
    t->resp.error = error_class::too_large;
    t->resp.error_message = "response body exceeds " + std::to_string(t->max_body) + " bytes";
  } else if (rc != CURLE_OK) {
    t->resp.error = classify(rc);
    t->resp.error_message = curl_easy_strerror(rc);
  } else if (t->resp.error != error_class::none) {
    // set by follow_redirect (loop, too many hops, bad Location, time spent)
  } else if (code >= 500) {
    t->resp.error = error_class::http_5xx;
    t->resp.error_message = "HTTP " + std::to_string(code);
  } else if (code >= 400) {
    t->resp.error = error_class::http_4xx;
    t->resp.error_message = "HTTP " + std::to_string(code);
  }
  auto done = std::move(t->done);
  response r = std::move(t->resp);
  t.reset();
  if (done) done(std::move(r));
}

// Queues the next hop of a redirect behind its own host's limits, so that a
// chain into one publisher counts against that publisher. False when the
// response is final (not a redirect, or one hop too many: then an error).
bool client::impl::follow_redirect(std::unique_ptr<transfer>& t, long code) {
  if (!detail::is_redirect_status(code)) return false;
  const std::string location = t->resp.header("location");
  if (location.empty()) return false;  // a 3xx without a Location is the final answer
  auto& r = t->resp;
  r.redirects.emplace_back(static_cast<int>(code), location);
  if (t->visited.empty()) t->visited.push_back(t->req.url);
  std::string next = resolve(t->visited.back(), location);
  auto fail = [&r](error_class c, std::string message) {
    r.error = c;
    r.error_message = std::move(message);
    return false;
  };
  if (next.empty())
    return fail(error_class::redirect, "redirect to an invalid Location: " + location);
  if (std::find(t->visited.begin(), t->visited.end(), next) != t->visited.end()) {
    r.redirect_loop = true;
    return fail(error_class::redirect, "redirect loop");
  }
  if (static_cast<int>(r.redirects.size()) > opts.max_redirects)
    return fail(error_class::redirect,
                "more than " + std::to_string(opts.max_redirects) + " redirects");
  // timeout_ms bounds the whole chain's transfer time, as it did when curl followed.
  if (r.total_seconds * 1000 >= static_cast<double>(opts.timeout_ms))
    return fail(error_class::timeout,
                "timed out after " + std::to_string(r.redirects.size()) + " redirects");
  const std::string next_host = host_key(next);
  if (next_host != host_key(t->visited.front()))
    std::erase_if(t->req.extra_headers, is_credential_header);
  t->visited.push_back(next);
  t->req.url = std::move(next);
  t->host = next_host;
  r.body.clear();
  r.headers.clear();
  enqueue(std::move(t));
  return true;
}

int client::perform(int timeout_ms) {
  curl_multi_perform(impl_->multi, &impl_->running);
  CURLMsg* msg;
  int left;
  while ((msg = curl_multi_info_read(impl_->multi, &left)) != nullptr) {
    if (msg->msg != CURLMSG_DONE) continue;
    transfer* raw = nullptr;
    curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &raw);
    impl_->finish(std::unique_ptr<transfer>(raw), msg->data.result);
  }
  impl_->dispatch();
  if (int64_t now = steady_ms(); now - impl_->pruned_ms >= 60000) {
    impl_->limiter.prune(now);
    impl_->pruned_ms = now;
  }
  if (impl_->in_flight > 0 || timeout_ms > 0) {
    int wait = timeout_ms;
    int timed = impl_->next_timed_ms(steady_ms());
    if (timed >= 0) wait = std::min(wait, std::max(timed, 1));
    curl_multi_poll(impl_->multi, nullptr, 0, wait, nullptr);
  }
  return impl_->in_flight + impl_->waiting;
}

int client::active() const { return impl_->in_flight + impl_->waiting; }

int client::queued() const { return impl_->waiting; }

void client::wakeup() { curl_multi_wakeup(impl_->multi); }

response client::fetch(const request& req) {
  response out;
  bool finished = false;
  submit(req, [&](response&& r) {
    out = std::move(r);
    finished = true;
  });
  while (!finished) perform(100);
  return out;
}

}  // namespace newsd::http
