#include "connectors/feeds/dates.h"

#include <cctype>
#include <string>
#include <vector>

#include "common/time_util.h"

namespace newsd::feeds {
namespace {

constexpr int64_t kMinYear = 1, kMaxYear = 9999;

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

int to_int(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

int days_in_month(int64_t y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[m - 1];
}

// Validates and converts a broken-down local time at offset `tz_min` minutes east of UTC.
std::optional<int64_t> make_time(int64_t y, int mo, int d, int h, int mi, int s, int64_t tz_min) {
  if (y < kMinYear || y > kMaxYear || mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo) ||
      h > 23 || mi > 59 || s > 60 || h < 0 || mi < 0 || s < 0)
    return std::nullopt;
  if (s == 60) s = 59;
  int64_t secs = days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400 +
                 h * 3600 + mi * 60 + s - tz_min * 60;
  // The result must stay a four-digit year, as RFC 3339 output requires.
  if (secs < days_from_civil(1, 1, 1) * 86400 || secs >= days_from_civil(10000, 1, 1) * 86400)
    return std::nullopt;
  return secs * 1000;
}

int month_from_name(std::string_view n) {
  static const char* kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                  "jul", "aug", "sep", "oct", "nov", "dec"};
  if (n.size() < 3) return 0;
  std::string l;
  for (char c : n.substr(0, 3)) l += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (int i = 0; i < 12; ++i)
    if (l == kMonths[i]) return i + 1;
  return 0;
}

// Zone names feedparser knows (hours east of UTC); unknown names read as UTC.
std::optional<int> zone_hours(std::string z) {
  for (auto& c : z) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  static const std::pair<const char*, int> kZones[] = {
      {"ut", 0},   {"utc", 0},  {"gmt", 0},  {"z", 0},    {"adt", -3}, {"ast", -4}, {"at", -4},
      {"edt", -4}, {"est", -5}, {"et", -5},  {"cdt", -5}, {"cst", -6}, {"ct", -6},  {"mdt", -6},
      {"mst", -7}, {"mt", -7},  {"pdt", -7}, {"pst", -8}, {"pt", -8},  {"a", -1},   {"n", 1},
      {"m", -12},  {"y", 12},   {"met", 1},  {"mest", 2}, {"cet", 1},  {"cest", 2}, {"bst", 1},
      {"kst", 9},  {"jst", 9},  {"eet", 2},  {"eest", 3}, {"wet", 0},  {"west", 1}};
  for (const auto& [n, h] : kZones)
    if (z == n) return h;
  for (char c : z)
    if (!std::isalpha(static_cast<unsigned char>(c))) return std::nullopt;
  return 0;
}

// "+0500", "-05:00", "+05", "gmt-01:01", "Etc/GMT", "EST" -> minutes east of UTC.
std::optional<int64_t> parse_zone(std::string z) {
  if (z.empty()) return 0;
  std::string l;
  for (char c : z) l += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (l.rfind("etc/", 0) == 0) l = l.substr(4);
  if (l.rfind("gmt", 0) == 0 || l.rfind("utc", 0) == 0) {
    if (l.size() == 3) return 0;
    l = l.substr(3);
  }
  if (l[0] == '+' || l[0] == '-') {
    std::string d;
    for (size_t i = 1; i < l.size(); ++i)
      if (l[i] != ':') d += l[i];
    if (!all_digits(d) || (d.size() != 2 && d.size() != 4 && d.size() != 1 && d.size() != 3))
      return std::nullopt;
    if (d.size() % 2 == 1) d = "0" + d;
    int64_t mins = to_int(d.substr(0, 2)) * 60 + (d.size() == 4 ? to_int(d.substr(2)) : 0);
    return l[0] == '-' ? -mins : mins;
  }
  auto h = zone_hours(l);
  if (!h) return std::nullopt;
  return *h * 60;
}

bool parse_hms(std::string_view t, int& h, int& mi, int& s) {
  std::vector<std::string_view> p;
  size_t start = 0;
  for (size_t i = 0; i <= t.size(); ++i)
    if (i == t.size() || t[i] == ':') {
      p.push_back(t.substr(start, i - start));
      start = i + 1;
    }
  if (p.size() < 2 || p.size() > 3) return false;
  for (auto x : p)
    if (!all_digits(x) || x.size() > 2) return false;
  h = to_int(p[0]);
  mi = to_int(p[1]);
  s = p.size() == 3 ? to_int(p[2]) : 0;
  return true;
}

std::vector<std::string> split_tokens(std::string_view s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',') {
      if (!cur.empty()) out.push_back(cur), cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

// RFC 822 and its variants: optional (any-language) day name, day/month swapped,
// two-digit years, missing seconds or time, named and numeric zones, asctime.
std::optional<int64_t> parse_rfc822(std::string_view s) {
  auto p = split_tokens(s);
  if (p.empty()) return std::nullopt;
  if (!all_digits(p[0]) && month_from_name(p[0]) == 0) p.erase(p.begin());  // day name
  if (p.size() < 3) return std::nullopt;
  int day = 0, month = 0;
  std::string year_s;
  size_t next = 3;
  if (all_digits(p[0]) && month_from_name(p[1])) {  // 01 Jan 2004
    day = to_int(p[0]), month = month_from_name(p[1]), year_s = p[2];
  } else if (month_from_name(p[0]) && all_digits(p[1])) {
    month = month_from_name(p[0]);
    day = to_int(p[1]);
    if (all_digits(p[2])) {
      year_s = p[2];  // Aug 30 2012 17:26:16
    } else if (p.size() >= 4 && p[2].find(':') != std::string::npos && all_digits(p[3])) {
      year_s = p[3];  // asctime: Jan  4 16:29:06 2004 [zone]
      std::swap(p[2], p[3]);
    } else {
      return std::nullopt;
    }
  } else {
    return std::nullopt;
  }
  if (!all_digits(year_s) || year_s.size() > 4 || (p[0].size() > 2 && all_digits(p[0])))
    return std::nullopt;
  int64_t year = to_int(year_s);
  if (year_s.size() <= 2) year += year < 90 ? 2000 : 1900;
  int h = 0, mi = 0, sec = 0;
  if (p.size() > next) {
    if (!parse_hms(p[next], h, mi, sec)) return std::nullopt;
    ++next;
  }
  std::string zone;
  for (size_t i = next; i < p.size(); ++i) zone += p[i];
  auto tz = parse_zone(zone);
  if (!tz) return std::nullopt;
  return make_time(year, month, day, h, mi, sec, *tz);
}

}  // namespace

std::optional<int64_t> parse_iso8601(std::string_view s);
std::optional<int64_t> parse_localised(std::string_view s);

std::optional<int64_t> parse_date(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  if (s.empty() || s.size() > 128) return std::nullopt;
  if (auto v = parse_iso8601(s)) return v;
  if (auto v = parse_rfc822(s)) return v;
  if (auto v = parse_localised(s)) return v;
  return std::nullopt;
}

// Shared with dates_iso.cc.
std::optional<int64_t> date_from_parts(int64_t y, int mo, int d, int h, int mi, int s,
                                       int64_t tz_min) {
  return make_time(y, mo, d, h, mi, s, tz_min);
}
std::optional<int64_t> zone_minutes(const std::string& z) { return parse_zone(z); }
std::optional<int64_t> rfc822_date(std::string_view s) { return parse_rfc822(s); }

}  // namespace newsd::feeds
