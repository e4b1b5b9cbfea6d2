#include "connectors/extract/date_parse.h"

#include <cctype>
#include <string>

#include "common/time_util.h"

namespace newsd::extract::detail {
namespace {

bool digits(std::string_view s, size_t pos, size_t n, int& out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    v = v * 10 + (s[i] - '0');
  }
  out = v;
  return true;
}

bool plausible(int y, int mo, int d) {
  return y >= 1990 && y <= 2100 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31;
}

int64_t to_ms(int y, int mo, int d, int h, int mi, int sec) {
  int64_t days = days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
  return ((days * 24 + h) * 60 + mi) * 60000LL + sec * 1000LL;
}

// The "+03:00" / "-0400" / "Z" zone at the end of an ISO time, in minutes (0 when none).
int zone_of(std::string_view s) {
  size_t p = s.find_first_of("+-", 16);
  if (s.size() < 17 || p == std::string_view::npos) return 0;
  int oh = 0, om = 0;
  if (!digits(s, p + 1, 2, oh) || oh > 14) return 0;
  size_t q = p + 3;
  if (q < s.size() && s[q] == ':') ++q;
  if (!digits(s, q, 2, om) || om > 59) om = 0;
  return (s[p] == '-' ? -1 : 1) * (oh * 60 + om);
}

bool digit_at(std::string_view s, size_t i) {
  return i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]));
}

// "2022-5-5 22:17:36" -> "2022-05-05 22:17:36" (some CMSes do not pad month and day); ""
// when s is not such a date or needs no padding.
std::string pad_ymd(std::string_view s) {
  if (s.size() < 8 || (s[4] != '-' && s[4] != '/')) return {};
  for (size_t i = 0; i < 4; ++i)
    if (!digit_at(s, i)) return {};
  std::string out(s.substr(0, 5));
  size_t q = 5;
  for (int part = 0; part < 2; ++part) {
    size_t e = q;
    while (digit_at(s, e) && e - q < 3) ++e;
    if (e == q || e - q > 2) return {};
    if (e - q == 1) out += '0';
    out.append(s.substr(q, e - q));
    q = e;
    if (part == 0) {
      if (q >= s.size() || s[q] != s[4]) return {};
      out += s[q++];
    }
  }
  out.append(s.substr(q));
  return out.size() == s.size() ? std::string() : out;
}

std::optional<int64_t> parse_date_utc(std::string_view s, int* offset_min) {
  if (offset_min != nullptr) *offset_min = 0;
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  if (std::string padded = pad_ymd(s); !padded.empty()) return parse_date_utc(padded, offset_min);
  // Local midnight ("2022-01-28T00:00:00+01:00") is how CMSes write a date without a time:
  // the page states a calendar date, which must not move to the previous UTC day.
  bool midnight = s.size() > 16 && (s[10] == 'T' || s[10] == ' ') && s.substr(11, 5) == "00:00" &&
                  s.find_first_of("+-", 16) != std::string_view::npos;
  for (size_t k = 16; midnight && k < s.size() && s[k] != '+' && s[k] != '-'; ++k)
    midnight = s[k] == ':' || s[k] == '.' || s[k] == '0';
  if (midnight) {
    if (auto v = parse_date_utc(s.substr(0, 10), nullptr)) return v;
  }
  if (auto v = parse_rfc3339(s)) {
    if (offset_min != nullptr) *offset_min = zone_of(s);
    return v;
  }
  int y, mo, d, h = 0, mi = 0, sec = 0;
  size_t p;
  if (digits(s, 0, 4, y) && s.size() >= 10 && (s[4] == '-' || s[4] == '/') && s[7] == s[4] &&
      digits(s, 5, 2, mo) && digits(s, 8, 2, d)) {
    p = 10;
  } else if (digits(s, 0, 4, y) && digits(s, 4, 2, mo) && digits(s, 6, 2, d) &&
             (s.size() == 8 || !std::isdigit(static_cast<unsigned char>(s[8])))) {
    p = 8;
  } else {
    return std::nullopt;
  }
  if (!plausible(y, mo, d)) return std::nullopt;
  int64_t zone = 0;
  if (p < s.size() && (s[p] == 'T' || s[p] == ' ') && digits(s, p + 1, 2, h) && p + 3 < s.size() &&
      s[p + 3] == ':' && digits(s, p + 4, 2, mi)) {
    p += 6;
    if (p < s.size() && s[p] == ':' && digits(s, p + 1, 2, sec)) p += 3;
    if (p < s.size() && (s[p] == '.' || s[p] == ',')) {
      ++p;
      while (p < s.size() && std::isdigit(static_cast<unsigned char>(s[p]))) ++p;
    }
    while (p < s.size() && s[p] == ' ') ++p;
    if (p < s.size() && (s[p] == '+' || s[p] == '-')) {
      int oh = 0, om = 0;
      int sign = s[p] == '-' ? -1 : 1;
      if (digits(s, p + 1, 2, oh)) {
        size_t q = p + 3;
        if (q < s.size() && s[q] == ':') ++q;
        if (!digits(s, q, 2, om)) om = 0;
        zone = sign * (oh * 60 + om);
      }
    }
    if (h > 23 || mi > 59 || sec > 60) return std::nullopt;
  }
  if (offset_min != nullptr) *offset_min = static_cast<int>(zone);
  return to_ms(y, mo, d, h, mi, sec) - zone * 60000LL;
}

}  // namespace

std::optional<int64_t> parse_date(std::string_view s, int* offset_min) {
  std::optional<int64_t> v = parse_date_utc(s, offset_min);
  if (offset_min != nullptr && !v) *offset_min = 0;
  return v;
}

std::optional<int64_t> date_from_url(std::string_view url) {
  size_t start = url.find("://");
  start = start == std::string_view::npos ? 0 : url.find('/', start + 3);
  if (start == std::string_view::npos) return std::nullopt;
  std::string_view path = url.substr(start);
  for (size_t i = 0; i + 8 <= path.size(); ++i) {
    if (i > 0 && std::isdigit(static_cast<unsigned char>(path[i - 1]))) continue;
    int y, mo, d;
    if (!digits(path, i, 4, y)) continue;
    size_t p = i + 4;
    char sep = p < path.size() ? path[p] : 0;
    if (sep == '/' || sep == '-' || sep == '_') {
      if (!digits(path, p + 1, 2, mo) || p + 3 >= path.size() || path[p + 3] != sep ||
          !digits(path, p + 4, 2, d))
        continue;
      if (p + 6 < path.size() && std::isdigit(static_cast<unsigned char>(path[p + 6]))) continue;
    } else if (digits(path, p, 2, mo) && digits(path, p + 2, 2, d)) {
      if (p + 4 < path.size() && std::isdigit(static_cast<unsigned char>(path[p + 4]))) continue;
    } else {
      continue;
    }
    if (plausible(y, mo, d)) return to_ms(y, mo, d, 0, 0, 0);
  }
  // "/meldungen/29-10-2021": day first, with dashes or underscores, as a whole segment.
  for (size_t i = 0; i + 10 <= path.size(); ++i) {
    int y, mo, d;
    char sep = path[i + 2];
    if ((path[i - (i > 0)] != '/' && i > 0) || (sep != '-' && sep != '_') || path[i + 5] != sep ||
        !digits(path, i, 2, d) || !digits(path, i + 3, 2, mo) || !digits(path, i + 6, 4, y))
      continue;
    if (i + 10 < path.size() && std::isdigit(static_cast<unsigned char>(path[i + 10]))) continue;
    if (plausible(y, mo, d)) return to_ms(y, mo, d, 0, 0, 0);
  }
  return std::nullopt;
}

}  // namespace newsd::extract::detail
