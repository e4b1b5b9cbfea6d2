#pragma once
// HTTP header values the fetcher schedules by: Retry-After, Expires and
// Cache-Control max-age. Pure functions of the header text and a clock.
#include <cstdint>
#include <optional>
#include <string_view>

namespace newsd::http {

// An HTTP date (RFC 9110 IMF-fixdate and the obsolete RFC 850 / asctime forms) -> unix ms.
std::optional<int64_t> parse_http_date(std::string_view v);

// Retry-After as delay-seconds or an HTTP date -> delay from now_ms in ms
// (never negative); nullopt when absent or unparseable.
std::optional<int64_t> parse_retry_after(std::string_view v, int64_t now_ms);

// Cache-Control max-age (s-maxage is for shared caches and ignored) -> ms;
// nullopt when absent, and when no-cache / no-store say nothing may be reused.
std::optional<int64_t> parse_max_age(std::string_view cache_control);

// Expires relative to Date (or now_ms when Date is absent) -> ms from now; nullopt when
// absent or invalid; 0 for dates in the past (and "0", which RFC 9111 says means expired).
std::optional<int64_t> parse_expires(std::string_view expires, std::string_view date, int64_t now_ms);

}  // namespace newsd::http
