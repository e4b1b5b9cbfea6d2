#include "connectors/http/client.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>

#include <algorithm>
#include <chrono>
#include <deque>
#include <queue>
#include <unordered_map>
#include <unordered_set>

namespace newsd::http {

const char* error_class_name(error_class c) {
  switch (c) {
    case error_class::none: return "ok";
    case error_class::dns: return "dns";
    case error_class::connect: return "connect";
    case error_class::tls: return "tls";
    case error_class::timeout: return "timeout";
    case error_class::too_large: return "too_large";
    case error_class::http_4xx: return "http_4xx";
    case error_class::http_5xx: return "http_5xx";
    case error_class::redirect: return "redirect";
    case error_class::other: return "other";
  }
  return "other";
}

std::string charset_from_content_type(const std::string& ct) {
  std::string lower = ct;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  auto pos = lower.find("charset=");
  if (pos == std::string::npos) return "";
  std::string v = lower.substr(pos + 8);
  auto end = v.find_first_of("; \t");
  if (end != std::string::npos) v = v.substr(0, end);
  if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'')) v = v.substr(1, v.size() - 2);
  return v;
}

namespace {

struct transfer {
  CURL* easy = nullptr;  // created when the transfer starts, not while it waits
  curl_slist* headers = nullptr;
  request req;
  std::string host;
  client::callback done;
  response resp;
  int64_t max_body = 0;
  bool too_large = false;
  int last_status = 0;
  std::vector<std::string> visited;  // absolute URLs of this redirect chain
};

// Resolves a Location against the URL it came from (curl's own URL parser).
std::string resolve(const std::string& base, const std::string& location) {
  CURLU* u = curl_url();
  std::string out;
  if (curl_url_set(u, CURLUPART_URL, base.c_str(), 0) == CURLUE_OK &&
      curl_url_set(u, CURLUPART_URL, location.c_str(), CURLU_NON_SUPPORT_SCHEME) == CURLUE_OK) {
    char* full = nullptr;
    if (curl_url_get(u, CURLUPART_URL, &full, 0) == CURLUE_OK) {
      out = full;
      curl_free(full);
    }
  }
  curl_url_cleanup(u);
  return out.empty() ? location : out;
}

int64_t steady_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
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
    // A new response (after a redirect or 100-continue): keep only the last one's headers.
    auto sp = line.find(' ');
    t->last_status = sp == std::string::npos ? 0 : std::atoi(line.c_str() + sp + 1);
    t->resp.headers.clear();
    return n;
  }
  auto colon = line.find(':');
  if (colon == std::string::npos) return n;
  std::string name = line.substr(0, colon);
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
  std::string value = line.substr(colon + 1);
  value.erase(0, value.find_first_not_of(" \t"));
  if (name == "location" && t->last_status >= 300 && t->last_status < 400) {
    t->resp.redirects.emplace_back(t->last_status, value);
    if (t->visited.empty()) t->visited.push_back(t->req.url);
    std::string next = resolve(t->visited.back(), value);
    if (std::find(t->visited.begin(), t->visited.end(), next) != t->visited.end()) {
      t->resp.redirect_loop = true;
      return 0;  // stops the transfer now instead of spending max_redirects hops
    }
    t->visited.push_back(std::move(next));
  }
  t->resp.headers[name] = value;
  return n;
}

// SSRF guard: refuse to connect to loopback, private, link-local and
// unspecified addresses unless allowed (tests and the dev config allow them).
curl_socket_t open_socket(void* clientp, curlsocktype, curl_sockaddr* addr) {
  bool allow_private = *static_cast<bool*>(clientp);
  if (!allow_private) {
    if (addr->family == AF_INET) {
      auto* sin = reinterpret_cast<sockaddr_in*>(&addr->addr);
      uint32_t a = ntohl(sin->sin_addr.s_addr);
      uint8_t b0 = a >> 24, b1 = (a >> 16) & 0xFF;
      if (b0 == 127 || b0 == 10 || b0 == 0 || (b0 == 172 && (b1 & 0xF0) == 16) ||
          (b0 == 192 && b1 == 168) || (b0 == 169 && b1 == 254) || (b0 == 100 && (b1 & 0xC0) == 64))
        return CURL_SOCKET_BAD;
    } else if (addr->family == AF_INET6) {
      auto* sin6 = reinterpret_cast<sockaddr_in6*>(&addr->addr);
      const auto& s6 = sin6->sin6_addr;
      if (IN6_IS_ADDR_LOOPBACK(&s6) || IN6_IS_ADDR_LINKLOCAL(&s6) || IN6_IS_ADDR_UNSPECIFIED(&s6) ||
          (s6.s6_addr[0] & 0xFE) == 0xFC || IN6_IS_ADDR_V4MAPPED(&s6))
        return CURL_SOCKET_BAD;
    }
  }
  return socket(addr->family, addr->socktype, addr->protocol);
}

error_class classify(CURLcode rc) {
  switch (rc) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY: return error_class::dns;
    case CURLE_COULDNT_CONNECT: return error_class::connect;
    case CURLE_OPERATION_TIMEDOUT: return error_class::timeout;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE: return error_class::tls;
    case CURLE_TOO_MANY_REDIRECTS: return error_class::redirect;
    case CURLE_FILESIZE_EXCEEDED: return error_class::too_large;
    default: return error_class::other;
  }
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
  curl_multi_setopt(impl_->multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, static_cast<long>(impl_->opts.max_concurrent));
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
  curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(e, CURLOPT_MAXREDIRS, static_cast<long>(o.max_redirects));
  curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  // Every encoding this libcurl decodes (gzip, deflate, br, zstd); the body
  // callback sees decoded bytes, so max_body_bytes caps a decompression bomb.
  curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
  // A declared (compressed) length above the cap can only decode to more.
  curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(o.max_body_bytes));
  curl_easy_setopt(e, CURLOPT_USERAGENT, o.user_agent.c_str());
  curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(o.connect_timeout_ms));
  curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, static_cast<long>(o.timeout_ms));
  curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, std::max(1L, static_cast<long>(o.low_speed_time_ms / 1000)));
  curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, static_cast<long>(o.low_speed_bytes));
  curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 2L);
  curl_easy_setopt(e, CURLOPT_HTTP_VERSION, o.http2 ? CURL_HTTP_VERSION_2TLS : CURL_HTTP_VERSION_1_1);
  curl_easy_setopt(e, CURLOPT_PIPEWAIT, 1L);  // prefer multiplexing on an HTTP/2 connection
  curl_easy_setopt(e, CURLOPT_SHARE, share);
  curl_easy_setopt(e, CURLOPT_OPENSOCKETFUNCTION, &open_socket);
  curl_easy_setopt(e, CURLOPT_OPENSOCKETDATA, &opts.allow_private_addresses);
  if (!o.proxy.empty()) curl_easy_setopt(e, CURLOPT_PROXY, o.proxy.c_str());
  if (!req.etag.empty()) t->headers = curl_slist_append(t->headers, ("If-None-Match: " + req.etag).c_str());
  if (!req.last_modified.empty())
    t->headers = curl_slist_append(t->headers, ("If-Modified-Since: " + req.last_modified).c_str());
  for (const auto& h : req.extra_headers) t->headers = curl_slist_append(t->headers, h.c_str());
  if (t->headers) curl_easy_setopt(e, CURLOPT_HTTPHEADER, t->headers);
}

int client::perform(int timeout_ms) {
  curl_multi_perform(impl_->multi, &impl_->running);
  CURLMsg* msg;
  int left;
  while ((msg = curl_multi_info_read(impl_->multi, &left)) != nullptr) {
    if (msg->msg != CURLMSG_DONE) continue;
    CURL* e = msg->easy_handle;
    transfer* raw = nullptr;
    curl_easy_getinfo(e, CURLINFO_PRIVATE, &raw);
    impl_->live.erase(raw);
    std::unique_ptr<transfer> t(raw);
    CURLcode rc = msg->data.result;
    long code = 0;
    curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &code);
    char* eff = nullptr;
    curl_easy_getinfo(e, CURLINFO_EFFECTIVE_URL, &eff);
    double total = 0;
    curl_easy_getinfo(e, CURLINFO_TOTAL_TIME, &total);
    t->resp.status = static_cast<int>(code);
    t->resp.effective_url = eff ? eff : "";
    t->resp.total_seconds = total;
    if (t->resp.redirect_loop) {
      t->resp.error = error_class::redirect;
      t->resp.error_message = "redirect loop";
    } else if (t->too_large) {
      t->resp.error = error_class::too_large;
      t->resp.error_message = "response body exceeds " + std::to_string(t->max_body) + " bytes";
    } else if (rc != CURLE_OK) {
      t->resp.error = classify(rc);
      t->resp.error_message = curl_easy_strerror(rc);
      if (rc == CURLE_TOO_MANY_REDIRECTS) {
        t->resp.error_message = "more than " + std::to_string(impl_->opts.max_redirects) + " redirects";
      }
    } else if (code >= 500) {
      t->resp.error = error_class::http_5xx;
      t->resp.error_message = "HTTP " + std::to_string(code);
    } else if (code >= 400) {
      t->resp.error = error_class::http_4xx;
      t->resp.error_message = "HTTP " + std::to_string(code);
    }
    curl_multi_remove_handle(impl_->multi, e);
    curl_easy_cleanup(e);
    curl_slist_free_all(t->headers);
    --impl_->in_flight;
    impl_->released(t->host);
    auto done = std::move(t->done);
    response r = std::move(t->resp);
    t.reset();
    if (done) done(std::move(r));
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
