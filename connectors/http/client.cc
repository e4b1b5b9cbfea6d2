#include "connectors/http/client.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>

#include <algorithm>
#include <deque>
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
  CURL* easy = nullptr;
  curl_slist* headers = nullptr;
  client::callback done;
  response resp;
  int64_t max_body = 0;
  bool too_large = false;
  int last_status = 0;
};

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
  std::deque<std::unique_ptr<transfer>> waiting;  // over max_concurrent
  std::unordered_set<transfer*> live;  // owned; added to the multi handle
  int running = 0;
  int in_flight = 0;

  void start(std::unique_ptr<transfer> t) {
    curl_multi_add_handle(multi, t->easy);
    ++in_flight;
    live.insert(t.release());
  }
};

client::client(client_options opts) : impl_(std::make_unique<impl>()) {
  static global_init init;
  impl_->opts = std::move(opts);
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
  for (auto& t : impl_->waiting) {
    curl_easy_cleanup(t->easy);
    curl_slist_free_all(t->headers);
  }
  curl_multi_cleanup(impl_->multi);
  curl_share_cleanup(impl_->share);
}

void client::submit(request req, callback done) {
  auto t = std::make_unique<transfer>();
  t->done = std::move(done);
  t->max_body = impl_->opts.max_body_bytes;
  CURL* e = curl_easy_init();
  t->easy = e;
  const auto& o = impl_->opts;
  curl_easy_setopt(e, CURLOPT_URL, req.url.c_str());
  curl_easy_setopt(e, CURLOPT_PRIVATE, t.get());
  curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, &on_body);
  curl_easy_setopt(e, CURLOPT_WRITEDATA, t.get());
  curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, &on_header);
  curl_easy_setopt(e, CURLOPT_HEADERDATA, t.get());
  curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(e, CURLOPT_MAXREDIRS, static_cast<long>(o.max_redirects));
  curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");  // every encoding this libcurl supports
  curl_easy_setopt(e, CURLOPT_USERAGENT, o.user_agent.c_str());
  curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(o.connect_timeout_ms));
  curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, static_cast<long>(o.timeout_ms));
  curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, static_cast<long>(o.low_speed_time_ms / 1000));
  curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, static_cast<long>(o.low_speed_bytes));
  curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 2L);
  curl_easy_setopt(e, CURLOPT_HTTP_VERSION, CURL_HTTP_VERSION_2TLS);
  curl_easy_setopt(e, CURLOPT_SHARE, impl_->share);
  curl_easy_setopt(e, CURLOPT_OPENSOCKETFUNCTION, &open_socket);
  curl_easy_setopt(e, CURLOPT_OPENSOCKETDATA, &impl_->opts.allow_private_addresses);
  if (!o.proxy.empty()) curl_easy_setopt(e, CURLOPT_PROXY, o.proxy.c_str());
  if (!req.etag.empty()) t->headers = curl_slist_append(t->headers, ("If-None-Match: " + req.etag).c_str());
  if (!req.last_modified.empty())
    t->headers = curl_slist_append(t->headers, ("If-Modified-Since: " + req.last_modified).c_str());
  for (const auto& h : req.extra_headers) t->headers = curl_slist_append(t->headers, h.c_str());
  if (t->headers) curl_easy_setopt(e, CURLOPT_HTTPHEADER, t->headers);
  if (impl_->in_flight >= o.max_concurrent) {
    impl_->waiting.push_back(std::move(t));
  } else {
    impl_->start(std::move(t));
  }
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
    if (t->too_large) {
      t->resp.error = error_class::too_large;
      t->resp.error_message = "response body exceeds " + std::to_string(t->max_body) + " bytes";
    } else if (rc != CURLE_OK) {
      t->resp.error = classify(rc);
      t->resp.error_message = curl_easy_strerror(rc);
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
    auto done = std::move(t->done);
    response r = std::move(t->resp);
    t.reset();
    if (done) done(std::move(r));
  }
  while (!impl_->waiting.empty() && impl_->in_flight < impl_->opts.max_concurrent) {
    auto t = std::move(impl_->waiting.front());
    impl_->waiting.pop_front();
    impl_->start(std::move(t));
  }
  if (impl_->in_flight > 0 || timeout_ms > 0) {
    curl_multi_poll(impl_->multi, nullptr, 0, timeout_ms, nullptr);
  }
  return impl_->in_flight + static_cast<int>(impl_->waiting.size());
}

int client::active() const { return impl_->in_flight + static_cast<int>(impl_->waiting.size()); }

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
