#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace newsd {

int64_t now_unix_ms();
// "2023-09-13T10:00:00Z" (millis appended as ".123" when with_millis).
std::string format_rfc3339(int64_t unix_ms, bool with_millis = false);
// Strict RFC 3339 (any offset, optional fraction) -> unix ms; nullopt when invalid.
std::optional<int64_t> parse_rfc3339(std::string_view s);
// Days since 1970-01-01 for a proleptic Gregorian date (no range checks).
int64_t days_from_civil(int64_t y, unsigned m, unsigned d);

}  // namespace newsd
