#include "connectors/extract/byline.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "connectors/extract/dom.h"

namespace newsd::extract::detail {
namespace {

// Lower case; longest first where one prefix extends another.
constexpr std::array<std::string_view, 25> kPrefixes = {"written by ",
                                                        "posted by ",
                                                        "geschrieben von ",
                                                        "veröffentlicht von ",
                                                        "erstellt von ",
                                                        "eingestellt von ",
                                                        "artikel von ",
                                                        "autorin:",
                                                        "autor:",
                                                        "author:",
                                                        "auteur :",
                                                        "auteur:",
                                                        "text:",
                                                        "author ",
                                                        "by ",
                                                        "von ",
                                                        "par ",
                                                        "por ",
                                                        "door ",
                                                        "بقلم:",
                                                        "بقلم",
                                                        "كتبت:",
                                                        "كتب:",
                                                        "كتبت -",
                                                        "كتب -"};

// Name particles that stay lower case ("Ursula von der Leyen", "Vincent van Gogh").
constexpr std::array<std::string_view, 14> kParticles = {
    "von", "van", "der", "den", "de", "da", "di", "del", "la", "le", "du", "dos", "al", "bin"};

// Agencies, desks and labels: a byline naming them names no person.
constexpr std::array<std::string_view, 31> kNotPeople = {
    "reuters", "afp",    "ap",      "dpa",       "apa",    "kna",       "epd",         "sid",
    "staff",   "admin",  "team",    "redaktion", "editor", "editors",   "agencies",    "newsroom",
    "presse",  "archiv", "unknown", "anonymous", "follow", "unbenannt", "gast",        "guest",
    "artikel", "person", "inhalte", "gmbh",      "verlag", "agentur",   "werbeagentur"};

// Words after the name: a date, a role, "Stand", "Alle Artikel", "Updated".
constexpr std::array<std::string_view, 51> kStops = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "januar", "februar", "märz", "juni", "juli", "oktober",
    "dezember", "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "stand", "alle",
    "mehr", "updated", "aktualisiert", "published", "veröffentlicht", "am", "on", "le", "el", "il",
    "mo", "fr",
    // Arabic datelines: "القاهرة - يوم الجمعة"
    "يوم", "السبت", "الأحد", "الاحد", "الاثنين", "الإثنين", "الثلاثاء", "الأربعاء", "الاربعاء",
    "الخميس", "الجمعة"};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == ':' || s.front() == ','))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == ',' || s.back() == '.' || s.back() == ':'))
    s.remove_suffix(1);
  return s;
}

bool valid_name(std::string_view n, int min_words) {
  if (n.empty() || n.size() > 60) return false;
  int words = 0;
  size_t pos = 0;
  std::string_view last;
  while (pos < n.size()) {
    size_t e = n.find(' ', pos);
    if (e == std::string_view::npos) e = n.size();
    std::string_view w = n.substr(pos, e - pos);
    pos = e + 1;
    if (w.empty()) continue;
    ++words;
    last = w;
    size_t dot = w.find('.');
    if (dot != std::string_view::npos && dot + 1 != w.size()) return false;
    for (char c : w)
      if (std::isdigit(static_cast<unsigned char>(c)) || c == '@' || c == ':' || c == '/' ||
          c == '+')
        return false;
    auto c0 = static_cast<unsigned char>(w[0]);
    // A word from U+2000-U+206F (dashes, bullets, quotes) is punctuation, not a name.
    if (c0 == 0xE2 && w.size() > 1 && static_cast<unsigned char>(w[1]) <= 0x81) return false;
    bool particle = false;
    for (auto p : kParticles) particle = particle || w == p;
    // Latin words must be capitalised (non-ASCII initials such as Arabic or Ö pass).
    if (c0 < 0x80 && !std::isupper(c0) && (!particle || words == 1)) return false;
    std::string lw = ascii_lower(w);
    for (auto x : kNotPeople)
      if (lw == x) return false;
  }
  // "LES TEMPS QUI COURENT": a shouted column name, not a person. Scripts without case
  // (Arabic "محمد عبد الحميد") have no capitals to shout with.
  bool caps = std::none_of(n.begin(), n.end(), [](char c) { return c >= 'a' && c <= 'z'; }) &&
              std::any_of(n.begin(), n.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
  return words >= min_words && words <= 4 && last.size() >= 2 && !(caps && words > 2);
}

size_t prefix_len(std::string_view text) {
  std::string head = ascii_lower(text.substr(0, 24));
  for (auto p : kPrefixes)
    if (std::string_view(head).starts_with(p)) return p.size();
  return 0;
}

// Arabic titles before a name: "د." (Dr.), "أ.د." (Prof. Dr.), "م." (Eng.), "الدكتور",
// "الأستاذ", "الكاتب" ... Longest first where one extends another. A name never starts with
// them, so they go wherever the name comes from (byline, meta author, JSON-LD).
constexpr std::array<std::string_view, 21> kArabicTitles = {
    "أ. د. ",    "أ.د. ",    "أ.د ",      "الأستاذة ", "الأستاذ ", "الاستاذة ", "الاستاذ ",
    "الدكتورة ", "الدكتور ", "المهندسة ", "المهندس ",  "الكاتبة ", "الكاتب ",   "الصحفية ",
    "الصحفي ",   "د. ",      "د.",        "د ",        "م. ",      "أ. ",       "أ."};

std::string_view drop_titles(std::string_view s) {
  for (bool again = true; again;) {
    again = false;
    while (!s.empty() && (s.front() == ' ' || s.front() == ':')) s.remove_prefix(1);
    for (auto t : kArabicTitles)
      if (s.starts_with(t) && s.size() > t.size()) {
        s.remove_prefix(t.size());
        again = true;
        break;
      }
  }
  return s;
}

bool arabic_word(std::string_view w) {
  if (w.empty() || w.find(' ') != std::string_view::npos) return false;
  auto c = static_cast<unsigned char>(w[0]);
  return c >= 0xD8 && c <= 0xDB &&
         std::none_of(w.begin(), w.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
}

// Arabic bylines open with the reporter's city as a dateline: "القاهرة - محمد علي". A single
// Arabic word before the dash is that city (a name has two words or more), so the name is
// what follows it. Returns s unchanged otherwise.
std::string_view drop_dateline_city(std::string_view s) {
  for (std::string_view dash : {" - ", " – ", " — "}) {
    size_t p = s.find(dash);
    if (p == std::string_view::npos) continue;
    std::string_view left = trim(s.substr(0, p)), right = trim(s.substr(p + dash.size()));
    if (arabic_word(left) && right.find(' ') != std::string_view::npos) return right;
  }
  return s;
}

}  // namespace

bool arabic_dateline_byline(std::string_view text) {
  std::string t = collapse_ws(text);
  return drop_dateline_city(t).size() != t.size();
}

std::string clean_author(std::string_view name) {
  std::string t = collapse_ws(name);
  std::string_view s = t;
  // Metadata gives names, so only the prefixes no name starts with go ("Von Trier" and
  // "Por" may be names): Arabic ones and "By".
  size_t plen = prefix_len(s);
  if (plen > 0 &&
      (static_cast<unsigned char>(s[0]) >= 0x80 || ascii_lower(s.substr(0, 3)) == "by "))
    s.remove_prefix(plen);
  s = drop_titles(drop_dateline_city(drop_titles(s)));
  // Not trim(): "Jr." and "e.V." keep their dots; a list's comma goes.
  while (!s.empty() && (s.back() == ' ' || s.back() == ',')) s.remove_suffix(1);
  return std::string(s);
}

bool starts_with_byline_prefix(std::string_view text) { return prefix_len(text) > 0; }

std::vector<std::string> parse_byline(std::string_view text, bool hinted) {
  std::string t = collapse_ws(text);
  std::string_view s = t;
  size_t plen = prefix_len(s);
  if (plen == 0 && !hinted) return {};
  s.remove_prefix(plen);
  s = drop_titles(drop_dateline_city(drop_titles(s)));
  // The byline often goes on with a date, a role or the site: keep what comes before.
  static constexpr std::string_view kCuts[] = {"|", "•", "·", " - ", " – ", " — ", "(", "\n"};
  size_t cut = s.size();
  for (auto c : kCuts) cut = std::min(cut, s.find(c));
  for (size_t i = 0; i < cut; ++i) {
    // ASCII and Arabic-Indic digits: a date or time follows the name.
    if (std::isdigit(static_cast<unsigned char>(s[i])) || arabic_digit_at(s, i) >= 0) cut = i;
  }
  for (size_t pos = 0; pos < cut;) {
    size_t e = std::min(cut, s.find_first_of(" ,", pos));
    std::string lw = ascii_lower(trim(s.substr(pos, e - pos)));
    if (std::find(kStops.begin(), kStops.end(), lw) != kStops.end()) cut = pos;
    pos = e + 1;
  }
  s = trim(s.substr(0, cut));
  if (s.empty() || s.size() > 120) return {};
  std::vector<std::string> out;
  static constexpr std::string_view kJoins[] = {", ",  " and ", " und ", " & ", " et ",
                                                " y ", " e ",   " en ",  " و"};
  while (!s.empty()) {
    size_t e = s.size(), len = 0;
    for (auto j : kJoins) {
      size_t f = s.find(j);
      if (f < e) e = f, len = j.size();
    }
    std::string_view name = drop_titles(s.substr(0, e));
    // Full names only: a lone word ("Anton", "DATE", "Method") is a label as often as not.
    if (!valid_name(name, 2)) return {};
    // "Jane Roe Jane Roe": the name twice (link text and its title).
    size_t half = name.size() / 2;
    if (name.size() % 2 == 1 && name[half] == ' ' && name.substr(0, half) == name.substr(half + 1))
      name = name.substr(0, half);
    out.emplace_back(name);
    s = e == s.size() ? std::string_view() : s.substr(e + len);
    if (out.size() > 5) return {};
  }
  return out;
}

}  // namespace newsd::extract::detail
