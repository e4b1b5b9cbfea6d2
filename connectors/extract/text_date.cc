#include <array>
#include <cctype>
#include <string>
#include <string_view>

#include "common/time_util.h"
#include "connectors/extract/date_parse.h"
#include "connectors/extract/dom.h"

namespace newsd::extract::detail {
namespace {

struct month_name {
  std::string_view name;
  int month;
};

// Lower-case month names and abbreviations (en, de, fr, es, it, nl, pt), longest first
// within a month so "juni" is not read as "jun" + "i".
constexpr std::array<month_name, 68> kMonths = {{
    {"january", 1},   {"januar", 1},     {"janvier", 1},   {"enero", 1},    {"gennaio", 1},
    {"januari", 1},   {"janeiro", 1},    {"jänner", 1},    {"jan", 1},      {"february", 2},
    {"februar", 2},   {"février", 2},    {"febrero", 2},   {"febbraio", 2}, {"februari", 2},
    {"fevereiro", 2}, {"feb", 2},        {"march", 3},     {"märz", 3},     {"mars", 3},
    {"marzo", 3},     {"maart", 3},      {"março", 3},     {"mar", 3},      {"april", 4},
    {"avril", 4},     {"abril", 4},      {"aprile", 4},    {"apr", 4},      {"may", 5},
    {"mai", 5},       {"mayo", 5},       {"maggio", 5},    {"mei", 5},      {"maio", 5},
    {"june", 6},      {"juni", 6},       {"juin", 6},      {"junio", 6},    {"giugno", 6},
    {"junho", 6},     {"jun", 6},        {"july", 7},      {"juli", 7},     {"juillet", 7},
    {"julio", 7},     {"luglio", 7},     {"julho", 7},     {"jul", 7},      {"august", 8},
    {"août", 8},      {"agosto", 8},     {"augustus", 8},  {"aug", 8},      {"september", 9},
    {"septembre", 9}, {"septiembre", 9}, {"settembre", 9}, {"setembro", 9}, {"sept", 9},
    {"sep", 9},       {"october", 10},   {"oktober", 10},  {"octobre", 10}, {"octubre", 10},
    {"ottobre", 10},  {"outubro", 10},   {"oct", 10},
}};
constexpr std::array<month_name, 14> kMonthsLate = {{
    {"okt", 10},
    {"november", 11},
    {"novembre", 11},
    {"noviembre", 11},
    {"novembro", 11},
    {"nov", 11},
    {"december", 12},
    {"dezember", 12},
    {"décembre", 12},
    {"diciembre", 12},
    {"dicembre", 12},
    {"dezembro", 12},
    {"dec", 12},
    {"dez", 12},
}};

// Genitive forms as written in dates ("15 августа 2016", "3 maja 2021"): Russian, Ukrainian,
// Polish (Cyrillic compared as bytes: these pages write the month in lower case).
constexpr std::array<month_name, 36> kMonthsSlavic = {{
    {"января", 1},   {"февраля", 2},  {"марта", 3},      {"апреля", 4},        {"мая", 5},
    {"июня", 6},     {"июля", 7},     {"августа", 8},    {"сентября", 9},      {"октября", 10},
    {"ноября", 11},  {"декабря", 12}, {"січня", 1},      {"лютого", 2},        {"березня", 3},
    {"квітня", 4},   {"травня", 5},   {"червня", 6},     {"липня", 7},         {"серпня", 8},
    {"вересня", 9},  {"жовтня", 10},  {"листопада", 11}, {"грудня", 12},       {"stycznia", 1},
    {"lutego", 2},   {"marca", 3},    {"kwietnia", 4},   {"maja", 5},          {"czerwca", 6},
    {"lipca", 7},    {"sierpnia", 8}, {"września", 9},   {"października", 10}, {"listopada", 11},
    {"grudnia", 12},
}};

// Arabic month names as news sites write them: the Egyptian/Gulf transliterations (with and
// without hamza), the Levantine/Iraqi Syriac names and the Maghrebi French-derived ones
// (Algeria/Tunisia "جانفي", Morocco "يوليوز", "غشت", "دجنبر"). Compared as bytes; longer
// spellings first where one is a prefix of another ("مايو" before "ماي").
constexpr std::array<month_name, 50> kMonthsArabic = {{
    {"يناير", 1},         {"كانون الثاني", 1}, {"جانفي", 1},        {"فبراير", 2},
    {"شباط", 2},          {"فيفري", 2},        {"مارس", 3},         {"آذار", 3},
    {"اذار", 3},          {"أبريل", 4},        {"ابريل", 4},        {"إبريل", 4},
    {"نيسان", 4},         {"أفريل", 4},        {"افريل", 4},        {"مايو", 5},
    {"أيار", 5},          {"ايار", 5},         {"ماي", 5},          {"يونيو", 6},
    {"يونيه", 6},         {"حزيران", 6},       {"جوان", 6},         {"يوليوز", 7},
    {"يوليو", 7},         {"يوليه", 7},        {"تموز", 7},         {"جويلية", 7},
    {"جويليه", 7},        {"أغسطس", 8},        {"اغسطس", 8},        {"آب", 8},
    {"أوت", 8},           {"اوت", 8},          {"غشت", 8},          {"سبتمبر", 9},
    {"أيلول", 9},         {"ايلول", 9},        {"شتنبر", 9},        {"أكتوبر", 10},
    {"اكتوبر", 10},       {"تشرين الأول", 10}, {"تشرين الاول", 10}, {"نوفمبر", 11},
    {"تشرين الثاني", 11}, {"نونبر", 11},       {"ديسمبر", 12},      {"كانون الأول", 12},
    {"كانون الاول", 12},  {"دجنبر", 12},
}};

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha_byte(char c) {
  auto u = static_cast<unsigned char>(c);
  return std::isalpha(u) || u >= 0x80;
}

// A number of 1..max_len digits at p, not preceded or followed by another digit.
bool number_at(std::string_view s, size_t p, size_t max_len, int& v, size_t& end) {
  if (p >= s.size() || !is_digit(s[p]) || (p > 0 && is_digit(s[p - 1]))) return false;
  size_t e = p;
  v = 0;
  while (e < s.size() && is_digit(s[e]) && e - p < max_len) v = v * 10 + (s[e++] - '0');
  if (e < s.size() && is_digit(s[e])) return false;
  end = e;
  return true;
}

// The month name starting at p (ASCII-lowered comparison); sets end past the word.
int month_at(std::string_view s, size_t p, size_t& end) {
  if (p > 0 && is_alpha_byte(s[p - 1])) return 0;
  auto try_list = [&](const auto& list) {
    for (const auto& m : list) {
      if (p + m.name.size() > s.size()) continue;
      bool eq = true;
      for (size_t i = 0; i < m.name.size() && eq; ++i)
        eq = static_cast<char>(std::tolower(static_cast<unsigned char>(s[p + i]))) == m.name[i];
      if (!eq) continue;
      size_t e = p + m.name.size();
      if (e < s.size() && s[e] == '.')
        ++e;
      else if (e < s.size() && is_alpha_byte(s[e]))
        continue;
      end = e;
      return m.month;
    }
    return 0;
  };
  int m = try_list(kMonths);
  if (m == 0) m = try_list(kMonthsLate);
  if (m == 0) m = try_list(kMonthsSlavic);
  return m != 0 ? m : try_list(kMonthsArabic);
}

// Levantine and Maghrebi sites pair two names of the same month: "12 آذار/مارس 2023",
// "12 آذار (مارس) 2023". Returns the position after the second name, or end unchanged.
size_t skip_paired_month(std::string_view s, size_t end) {
  size_t p = end;
  while (p < s.size() && s[p] == ' ') ++p;
  bool paren = p < s.size() && s[p] == '(';
  if (p >= s.size() || (s[p] != '/' && !paren)) return end;
  ++p;
  while (p < s.size() && s[p] == ' ') ++p;
  size_t e;
  if (month_at(s, p, e) == 0) return end;
  if (paren) {
    if (e >= s.size() || s[e] != ')') return end;
    ++e;
  }
  return e;
}

// Arabic-Indic (U+0660..) and Eastern Arabic-Indic (U+06F0..) digits as ASCII, so that
// "١٢ آذار ٢٠٢٣" reads like "12 آذار 2023". Empty when the text has none.
std::string ascii_digits(std::string_view s) {
  std::string out;
  bool any = false;
  for (size_t i = 0; i < s.size(); ++i) {
    if (int d = arabic_digit_at(s, i); d >= 0) {
      out.push_back(static_cast<char>('0' + d));
      ++i;
      any = true;
    } else {
      out.push_back(s[i]);
    }
  }
  return any ? out : std::string();
}

// Length of an ordinal suffix at p ("5th", "1st", "2nd", "3rd", French "1er"), 0 if none.
size_t ordinal_suffix(std::string_view s, size_t p) {
  for (std::string_view o : {"th", "st", "nd", "rd", "er"})
    if (s.substr(p, 2) == o && (p + 2 >= s.size() || !is_alpha_byte(s[p + 2]))) return 2;
  return 0;
}

size_t skip(std::string_view s, size_t p, std::string_view chars) {
  while (p < s.size() && chars.find(s[p]) != std::string_view::npos) ++p;
  return p;
}

bool valid(int y, int mo, int d) {
  return y >= 1995 && y <= 2100 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31;
}

int64_t day_ms(int y, int mo, int d) {
  return days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400000LL;
}

}  // namespace

std::optional<int64_t> find_text_date(std::string_view s) {
  std::string ascii = ascii_digits(s);
  if (!ascii.empty()) s = ascii;
  for (size_t p = 0; p < s.size(); ++p) {
    int a, b, c, mo;
    size_t e1, e2, e3;
    if (number_at(s, p, 4, a, e1)) {
      // 2023-09-06
      if (e1 - p == 4 && e1 < s.size() && s[e1] == '-' && number_at(s, e1 + 1, 2, b, e2) &&
          e2 < s.size() && s[e2] == '-' && number_at(s, e2 + 1, 2, c, e3) && valid(a, b, c))
        return day_ms(a, b, c);
      // 06.09.2023, 6/9/2023 (day first unless the second number cannot be a month)
      if (e1 - p <= 2 && e1 < s.size() && (s[e1] == '.' || s[e1] == '/')) {
        char sep = s[e1];
        size_t q = skip(s, e1 + 1, " ");
        if (number_at(s, q, 2, b, e2) && e2 < s.size() && s[e2] == sep) {
          size_t r = skip(s, e2 + 1, " ");
          if (number_at(s, r, 4, c, e3) && e3 - r == 4) {
            int d = a, m = b;
            if (sep == '/' && b > 12) std::swap(d, m);
            if (valid(c, m, d)) return day_ms(c, m, d);
          }
          // "10.12.19", "23.09.22", "2.11.22": CMS short dates; a two-digit month and a
          // day not glued to a word or number, so that version numbers ("1.2.23", "v2.11.22")
          // are not read as dates.
          if (sep == '.' && e2 - q == 2 && number_at(s, r, 2, c, e3) && e3 - r == 2 &&
              (e3 >= s.size() || s[e3] != '.') && (p == 0 || !is_alpha_byte(s[p - 1])) &&
              (p == 0 || s[p - 1] != '.') && valid(2000 + c, b, a))
            return day_ms(2000 + c, b, a);
        }
        // 6. September 2023
        size_t r = skip(s, e1 + 1, " ");
        if (sep == '.' && (mo = month_at(s, r, e2)) != 0) {
          size_t t = skip(s, e2, " ,");
          if (number_at(s, t, 4, c, e3) && valid(c, mo, a)) return day_ms(c, mo, a);
        }
      }
      // 6 September 2023, 6 de septiembre de 2023, 5th March 2018, 1er mars 2018, 1st of May
      if (e1 - p <= 2) {
        size_t r = skip(s, e1 + ordinal_suffix(s, e1), " ");
        if (s.substr(r, 3) == "de " || s.substr(r, 3) == "of ") r += 3;
        if (r > e1 && (mo = month_at(s, r, e2)) != 0) {
          size_t t = skip(s, skip_paired_month(s, e2), " ,");
          if (s.substr(t, 3) == "de ") t += 3;
          if (number_at(s, t, 4, c, e3) && valid(c, mo, a)) return day_ms(c, mo, a);
        }
      }
      p = e1 - 1;
      continue;
    }
    // September 6, 2023
    if (is_alpha_byte(s[p]) && (mo = month_at(s, p, e1)) != 0) {
      size_t q = skip(s, e1, " ");
      if (q > e1 && number_at(s, q, 2, a, e2)) {
        size_t r = skip(s, e2, " ,");
        if (size_t o = ordinal_suffix(s, r)) r = skip(s, r + o, " ,");
        if (number_at(s, r, 4, c, e3) && valid(c, mo, a)) return day_ms(c, mo, a);
      }
      p = e1 - 1;
    }
  }
  // Only a Hijri date ("5 رجب 1439 هـ"): a Gregorian one anywhere in the text wins above.
  return find_hijri_date(s);
}

}  // namespace newsd::extract::detail
