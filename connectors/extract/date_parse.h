#pragma once
#include <cstdint>
#include <optional>
#include <string_view>

namespace newsd::extract::detail {

// ISO 8601 / RFC 3339 as found in meta tags: "2023-09-06T14:15:00+03:00",
// "2023-09-06 14:15:00", "2023-09-06T14:15:00.000+0300", "2023-09-06", "20230906".
// No zone means UTC. Returns Unix ms; *offset_min (when given) receives the stated UTC
// offset in minutes, so the page's own calendar date can be printed.
std::optional<int64_t> parse_date(std::string_view s, int* offset_min = nullptr);

// The first calendar date written in running text (text_date.cc): "06.09.2023",
// "6. September 2023", "September 6, 2023", "6 de septiembre de 2023", "2023-09-06", in
// English, German, French, Spanish, Italian, Dutch and Portuguese. Midnight UTC.
std::optional<int64_t> find_text_date(std::string_view text);

// A Hijri date in text with ASCII digits ("5 رجب 1439 هـ", hijri_date.cc), converted with
// the Umm al-Qura calendar. Midnight UTC of the Gregorian day. find_text_date falls back to it.
std::optional<int64_t> find_hijri_date(std::string_view text);

// The calendar day (as midnight-UTC ms) of the instant ms seen at offset_min.
inline int64_t local_day(int64_t ms, int offset_min) {
  constexpr int64_t kDay = 86400000;
  int64_t local = ms + offset_min * 60000LL;
  return (local >= 0 ? local / kDay : (local - kDay + 1) / kDay) * kDay;
}

// A date in the URL path: /2023/09/06/, /2023-09-06/, /20230906/ (plausible years only).
std::optional<int64_t> date_from_url(std::string_view url);

}  // namespace newsd::extract::detail
