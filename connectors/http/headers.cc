#include "connectors/http/headers.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <string>

namespace newsd::http {

namespace {
std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}
bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}
int64_t digits_ms(std::string_view s) {
  // Caps absurd values (a year is plenty) rather than overflowing.
  if (s.size() > 9) return int64_t{999999999} * 1000;
  return std::stoll(std::string(s)) * 1000;
}
}  // namespace

std::optional<int64_t> parse_http_date(std::string_view v) {
  v = trim(v);
  if (v.empty() || v.size() > 64) return std::nullopt;
  // curl_getdate knows the three formats RFC 9110 requires recipients to accept.
  time_t t = curl_getdate(std::string(v).c_str(), nullptr);
  if (t == -1) return std::nullopt;
  return static_cast<int64_t>(t) * 1000;
}

std::optional<int64_t> parse_retry_after(std::string_view v, int64_t now_ms) {
  v = trim(v);
  if (v.empty()) return std::nullopt;
  if (all_digits(v)) return digits_ms(v);
  auto t = parse_http_date(v);
  if (!t) return std::nullopt;
  return std::max<int64_t>(0, *t - now_ms);
}

std::optional<int64_t> parse_max_age(std::string_view cc) {
  std::string lower(cc);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  std::optional<int64_t> out;
  std::string_view rest = lower;
  while (!rest.empty()) {
    auto comma = rest.find(',');
    std::string_view d = trim(rest.substr(0, comma));
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    if (d == "no-cache" || d == "no-store") return std::nullopt;
    if (d.rfind("max-age", 0) == 0) {
      std::string_view val = trim(d.substr(7));
      if (val.empty() || val.front() != '=') continue;
      val = trim(val.substr(1));
      if (val.size() >= 2 && val.front() == '"' && val.back() == '"') val = val.substr(1, val.size() - 2);
      if (all_digits(val)) out = digits_ms(val);
    }
  }
  return out;
}

std::optional<int64_t> parse_expires(std::string_view expires, std::string_view date, int64_t now_ms) {
  expires = trim(expires);
  if (expires.empty()) return std::nullopt;
  auto e = parse_http_date(expires);
  if (!e) return expires == "0" || expires == "-1" ? std::optional<int64_t>(0) : std::nullopt;
  // Relative to the server's own clock when it sent one: clock skew does not matter then.
  int64_t base = now_ms;
  if (auto d = parse_http_date(date)) base = *d;
  return std::max<int64_t>(0, *e - base);
}

}  // namespace newsd::http
