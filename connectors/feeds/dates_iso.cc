// ISO 8601 / W3C-DTF and the localised formats of feedparser's date table.
#include <cctype>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/time_util.h"

namespace newsd::feeds {

std::optional<int64_t> date_from_parts(int64_t y, int mo, int d, int h, int mi, int s,
                                       int64_t tz_min);
std::optional<int64_t> zone_minutes(const std::string& z);
std::optional<int64_t> rfc822_date(std::string_view s);

namespace {

struct cursor {
  std::string_view s;
  size_t i = 0;
  bool done() const { return i >= s.size(); }
  bool eat(char c) {
    if (i < s.size() && s[i] == c) return ++i, true;
    return false;
  }
  // Exactly n digits.
  bool num(size_t n, int& out) {
    if (i + n > s.size()) return false;
    out = 0;
    for (size_t k = i; k < i + n; ++k) {
      if (!std::isdigit(static_cast<unsigned char>(s[k]))) return false;
      out = out * 10 + (s[k] - '0');
    }
    i += n;
    return true;
  }
  size_t digits_ahead() const {
    size_t k = i;
    while (k < s.size() && std::isdigit(static_cast<unsigned char>(s[k]))) ++k;
    return k - i;
  }
};

int64_t current_year() {
  std::string now = format_rfc3339(now_unix_ms());
  return std::stoll(now.substr(0, 4));
}

// Month and day from an ordinal day of the year.
bool from_ordinal(int64_t y, int ord, int& mo, int& d) {
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (ord < 1 || ord > (leap ? 366 : 365)) return false;
  int64_t days = days_from_civil(y, 1, 1) + ord - 1;
  std::string f = format_rfc3339(days * 86400000);
  mo = std::stoi(f.substr(5, 2));
  d = std::stoi(f.substr(8, 2));
  return true;
}

bool parse_date_part(cursor& c, int64_t& y, int& mo, int& d) {
  mo = 1, d = 1;
  int v = 0;
  if (c.s.substr(c.i, 3) == "---") {  // ---DD
    c.i += 3;
    y = current_year();
    mo = std::stoi(format_rfc3339(now_unix_ms()).substr(5, 2));
    return c.num(2, d);
  }
  if (c.s.substr(c.i, 2) == "--") {  // --MM[-?DD]
    c.i += 2;
    y = current_year();
    if (!c.num(2, mo)) return false;
    c.eat('-');
    if (c.digits_ahead() == 2) c.num(2, d);
    return true;
  }
  if (c.eat('-')) {  // -YY[-?MM] or -OOO, in the current century
    size_t n = c.digits_ahead();
    if (n == 3) {
      int ord = 0;
      c.num(3, ord);
      y = current_year();
      return from_ordinal(y, ord, mo, d);
    }
    if (!c.num(2, v)) return false;
    y = current_year() / 100 * 100 + v;
    c.eat('-');
    if (c.digits_ahead() == 2) c.num(2, mo);
    return true;
  }
  if (c.digits_ahead() != 4 && c.digits_ahead() != 8 && c.digits_ahead() != 7) return false;
  int yy = 0;
  c.num(4, yy);
  y = yy;
  if (c.done()) return true;
  bool dash = c.eat('-');
  size_t n = c.digits_ahead();
  if (n == 3 && c.i + 3 < c.s.size() && c.s[c.i] == '0' && c.s[c.i + 3] == '-') {  // YYYY-0MM-DD
    c.num(3, mo);
    c.eat('-');
    return c.num(2, d);
  }
  if (n == 3) {  // ordinal YYYY-DDD
    int ord = 0;
    c.num(3, ord);
    return from_ordinal(y, ord, mo, d);
  }
  if (n == 4 && !dash) return c.num(2, mo) && c.num(2, d);
  if (n != 2) return false;
  c.num(2, mo);
  if (c.eat('-')) return c.num(2, d);
  return true;
}

}  // namespace

std::optional<int64_t> parse_iso8601(std::string_view s) {
  cursor c{s};
  int64_t y;
  int mo, d, h = 0, mi = 0, sec = 0;
  if (!parse_date_part(c, y, mo, d)) return std::nullopt;
  if (!c.done()) {
    if (!c.eat('T') && !c.eat('t') && !c.eat(' ')) return std::nullopt;
    while (c.eat(' ')) {
    }
    size_t hd = c.digits_ahead();
    if (hd == 6 || hd == 4) {  // hhmm[ss]
      c.num(2, h), c.num(2, mi);
      if (hd == 6) c.num(2, sec);
    } else {
      if (hd < 1 || hd > 2 || !c.num(hd, h) || !c.eat(':') || !c.num(2, mi)) return std::nullopt;
      if (c.eat(':') && !c.num(2, sec)) return std::nullopt;
    }
    if (c.eat('.') || c.eat(',')) {
      if (c.digits_ahead() == 0) return std::nullopt;
      c.i += c.digits_ahead();
    }
  }
  while (c.eat(' ')) {
  }
  std::string zone(s.substr(c.i));
  if (zone == "Z" || zone == "z") zone.clear();
  if (!zone.empty() && zone[0] != '+' && zone[0] != '-') {
    for (char ch : zone)
      if (!std::isalpha(static_cast<unsigned char>(ch))) return std::nullopt;
  }
  auto tz = zone_minutes(zone);
  if (!tz) return std::nullopt;
  return date_from_parts(y, mo, d, h, mi, sec, *tz);
}

namespace {

std::string replace_all(std::string s, std::string_view from, std::string_view to) {
  for (size_t p = 0; (p = s.find(from, p)) != std::string::npos; p += to.size())
    s.replace(p, from.size(), to);
  return s;
}

// Korean "2004년 05월 28일 01:31:15" (OnBlog) and "2004-05-25 오후 11:23:17" (Nate), in KST.
std::optional<int64_t> parse_korean(std::string s) {
  bool pm = s.find("\xec\x98\xa4\xed\x9b\x84") != std::string::npos;  // 오후
  bool am = s.find("\xec\x98\xa4\xec\xa0\x84") != std::string::npos;  // 오전
  std::vector<int> nums;
  std::string cur;
  for (char ch : s + " ") {
    if (std::isdigit(static_cast<unsigned char>(ch))) {
      cur += ch;
    } else if (!cur.empty()) {
      nums.push_back(std::stoi(cur.substr(0, 9)));
      cur.clear();
    }
  }
  if (nums.size() != 6) return std::nullopt;
  bool onblog = s.find("\xeb\x85\x84") != std::string::npos;  // 년
  if (!onblog && !am && !pm) return std::nullopt;
  int h = nums[3];
  if (pm && h < 12) h += 12;
  if (am && h == 12) h = 0;
  return date_from_parts(nums[0], nums[1], nums[2], h, nums[4], nums[5], 9 * 60);
}

const std::pair<const char*, const char*> kGreek[] = {
    {"Ιαν", "Jan"}, {"Φεβ", "Feb"}, {"Μάώ", "Mar"}, {"Μαώ", "Mar"}, {"Απρ", "Apr"},
    {"Μάι", "May"}, {"Μαϊ", "May"}, {"Μαι", "May"}, {"Ιούν", "Jun"}, {"Ιον", "Jun"},
    {"Ιούλ", "Jul"}, {"Ιολ", "Jul"}, {"Αύγ", "Aug"}, {"Αυγ", "Aug"}, {"Σεπ", "Sep"},
    {"Οκτ", "Oct"}, {"Νοέ", "Nov"}, {"Νοε", "Nov"}, {"Δεκ", "Dec"}, {"Κυρ", "Sun"},
    {"Δευ", "Mon"}, {"Τρι", "Tue"}, {"Τετ", "Wed"}, {"Πεμ", "Thu"}, {"Παρ", "Fri"},
    {"Σαβ", "Sat"}};

const std::pair<const char*, const char*> kHungarian[] = {
    {"január", "01"},   {"februári", "02"},  {"február", "02"},  {"március", "03"},
    {"április", "04"},  {"máujus", "05"},    {"május", "05"},    {"június", "06"},
    {"július", "07"},   {"augusztus", "08"}, {"szeptember", "09"}, {"október", "10"},
    {"november", "11"}, {"december", "12"}};

}  // namespace

std::optional<int64_t> parse_localised(std::string_view sv) {
  std::string s(sv);
  if (auto v = parse_korean(s)) return v;
  bool non_ascii = false;
  for (unsigned char ch : s) non_ascii |= ch >= 0x80;
  if (non_ascii) {
    std::string g = s;
    for (const auto& [from, to] : kGreek) g = replace_all(g, from, to);
    if (g != s)
      if (auto v = rfc822_date(g)) return v;
    std::string h = s;
    for (const auto& [from, to] : kHungarian) h = replace_all(h, from, to);
    if (h != s)
      if (auto v = parse_iso8601(h)) return v;
  }
  // Perforce: "Fri, 2006/09/15 08:19:53 EDT".
  if (s.find('/') != std::string::npos) {
    std::string p = s;
    size_t comma = p.find(", ");
    if (comma != std::string::npos && comma <= 3) p = p.substr(comma + 2);
    for (auto& ch : p)
      if (ch == '/') ch = '-';
    if (p.size() > 10 && p[4] == '-' && p[10] == ' ') {
      size_t zone = p.find(' ', 11);
      std::string base = p.substr(0, zone);
      std::string z = zone == std::string::npos ? "" : p.substr(zone + 1);
      auto tz = zone_minutes(z);
      if (auto v = parse_iso8601(base); v && tz) return *v - *tz * 60000;
    }
  }
  return std::nullopt;
}

}  // namespace newsd::feeds
