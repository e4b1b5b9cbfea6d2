// Hijri dates written in running text ("5 رجب 1439 هـ"), for Gulf and Saudi pages that print
// no Gregorian date. The Umm al-Qura calendar (Saudi Arabia's official one, which these pages
// follow) comes from ICU, already a dependency: no table of our own.
#include <unicode/calendar.h>
#include <unicode/locid.h>
#include <unicode/timezone.h>

#include <array>
#include <memory>
#include <string_view>

#include "connectors/extract/date_parse.h"

namespace newsd::extract::detail {
namespace {

struct hijri_month {
  std::string_view name;
  int month;
};

// Spellings as news pages write them: with and without hamza, "ذو"/"ذي" (case endings),
// "جمادى"/"جمادي", "الآخر"/"الثاني". Longest first where one is a prefix of another.
constexpr std::array<hijri_month, 30> kHijriMonths = {{
    {"محرم", 1},          {"صفر", 2},           {"ربيع الأول", 3},   {"ربيع الاول", 3},
    {"ربيع أول", 3},      {"ربيع الثاني", 4},   {"ربيع الآخر", 4},   {"ربيع الاخر", 4},
    {"ربيع ثاني", 4},     {"ربيع آخر", 4},      {"جمادى الأولى", 5}, {"جمادى الاولى", 5},
    {"جمادي الأولى", 5},  {"جمادي الاولى", 5},  {"جمادى الأول", 5},  {"جمادى الآخرة", 6},
    {"جمادى الاخرة", 6},  {"جمادى الثانية", 6}, {"جمادي الآخرة", 6}, {"جمادي الاخرة", 6},
    {"جمادي الثانية", 6}, {"جمادى الآخر", 6},   {"رجب", 7},          {"شعبان", 8},
    {"رمضان", 9},         {"شوال", 10},         {"ذو القعدة", 11},   {"ذي القعدة", 11},
    {"ذو الحجة", 12},     {"ذي الحجة", 12},
}};

bool digit(char c) { return c >= '0' && c <= '9'; }

// Digits ending just before p (spaces skipped backwards); 0 when none.
int number_before(std::string_view s, size_t p) {
  while (p > 0 && s[p - 1] == ' ') --p;
  size_t b = p;
  while (b > 0 && digit(s[b - 1]) && p - b < 3) --b;
  if (b == p || (b > 0 && digit(s[b - 1]))) return 0;
  int v = 0;
  for (size_t i = b; i < p; ++i) v = v * 10 + (s[i] - '0');
  return v;
}

// A four-digit number starting at p (spaces and a comma skipped first); 0 when none.
int year_after(std::string_view s, size_t p) {
  while (p < s.size() && (s[p] == ' ' || s[p] == ',')) ++p;
  if (p + 4 > s.size()) return 0;
  int v = 0;
  for (size_t i = p; i < p + 4; ++i) {
    if (!digit(s[i])) return 0;
    v = v * 10 + (s[i] - '0');
  }
  return p + 4 < s.size() && digit(s[p + 4]) ? 0 : v;
}

std::optional<int64_t> to_gregorian_ms(int year, int month, int day) {
  UErrorCode st = U_ZERO_ERROR;
  std::unique_ptr<icu::Calendar> cal(icu::Calendar::createInstance(
      icu::TimeZone::getGMT()->clone(), icu::Locale("ar@calendar=islamic-umalqura"), st));
  if (U_FAILURE(st) || cal == nullptr) return std::nullopt;
  cal->clear();
  cal->setLenient(false);
  cal->set(year, month - 1, day);
  UDate ms = cal->getTime(st);
  if (U_FAILURE(st)) return std::nullopt;  // "30 صفر" in a 29-day year
  return static_cast<int64_t>(ms);
}

}  // namespace

// Text whose digits are ASCII already (find_text_date converts Arabic-Indic ones).
std::optional<int64_t> find_hijri_date(std::string_view s) {
  for (size_t p = 0; p < s.size(); ++p) {
    // Month names are Arabic letters: lead bytes 0xD8..0xDB.
    auto c = static_cast<unsigned char>(s[p]);
    if (c < 0xD8 || c > 0xDB || (p > 0 && static_cast<unsigned char>(s[p - 1]) >= 0x80)) continue;
    for (const hijri_month& m : kHijriMonths) {
      if (s.substr(p, m.name.size()) != m.name) continue;
      size_t e = p + m.name.size();
      if (e < s.size() && static_cast<unsigned char>(s[e]) >= 0x80) continue;  // a longer word
      int day = number_before(s, p), year = year_after(s, e);
      // 1350-1500 AH is 1931-2077: a year, not a count or a price.
      if (day >= 1 && day <= 30 && year >= 1350 && year <= 1500)
        if (auto ms = to_gregorian_ms(year, m.month, day)) return ms;
      break;
    }
  }
  return std::nullopt;
}

}  // namespace newsd::extract::detail
