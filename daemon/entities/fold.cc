#include "daemon/entities/fold.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <array>

#include "daemon/entities/utf8.h"

namespace newsd::entities {

namespace {

char32_t fold_cp(char32_t c) {
  switch (c) {
    case 0x0622:
    case 0x0623:
    case 0x0625:
    case 0x0671:
    case 0x0672:
    case 0x0673:
      return 0x0627;  // آ أ إ ٱ -> ا
    case 0x0649:
    case 0x06CC:
    case 0x06D2:
    case 0x0626:
      return 0x064A;  // ى ی ے ئ -> ي
    case 0x0629:
    case 0x06C1:
    case 0x06D5:
      return 0x0647;  // ة ہ ە -> ه
    case 0x0624:
      return 0x0648;  // ؤ -> و
    case 0x06A9:
    case 0x06AA:
      return 0x0643;  // ک -> ك
    case 0x06AF:
      return 0x063A;  // گ (g) -> غ, the usual Arabic rendering of a foreign g
    case 0x067E:
      return 0x0628;  // پ -> ب
    case 0x0686:
      return 0x062C;  // چ -> ج
    case 0x06A4:
      return 0x0641;  // ڤ -> ف
    default:
      break;
  }
  if (c >= 0x0660 && c <= 0x0669) return '0' + (c - 0x0660);
  if (c >= 0x06F0 && c <= 0x06F9) return '0' + (c - 0x06F0);
  if (c >= 'A' && c <= 'Z') return c + 32;
  if (c >= 0xC0 && c < 0x250) return static_cast<char32_t>(u_tolower(static_cast<UChar32>(c)));
  return c;
}

constexpr char32_t kAlef = 0x0627, kLam = 0x0644, kWaw = 0x0648, kFa = 0x0641, kBa = 0x0628,
                   kKaf = 0x0643;

std::u32string to_u32(std::string_view s) {
  std::u32string u;
  u.reserve(s.size());
  for (size_t i = 0; i < s.size();) u += next_cp(s, i);
  return u;
}

std::string to_utf8(std::u32string_view u) {
  std::string s;
  s.reserve(u.size() * 2);
  for (char32_t c : u) append_utf8(s, c);
  return s;
}

}  // namespace

std::string fold(std::string_view token) {
  std::string out;
  out.reserve(token.size());
  for (size_t i = 0; i < token.size();) {
    const char32_t c = next_cp(token, i);
    if (c >= 0x300 && is_mark(c)) continue;
    append_utf8(out, fold_cp(c));
  }
  return out;
}

std::vector<clitic_split> strip_clitics(std::string_view folded) {
  std::vector<clitic_split> out;
  const std::u32string u = to_u32(folded);
  if (u.size() < 3 || !is_arabic_letter(u[0])) return out;
  auto offer = [&](size_t pre, std::u32string stem) {
    if (stem.size() < 2) return;
    for (const auto& o : out)
      if (o.prefix_cps == pre) return;
    out.push_back({pre, to_utf8(stem)});
  };
  // Conjunction, then preposition, then article: و/ف + ب/ك/ل + ال.
  size_t p = 0;
  std::string lil;
  std::vector<std::pair<size_t, bool>> cuts;  // (position, unused)
  if (u[p] == kWaw || u[p] == kFa) cuts.push_back({++p, false});
  if (p < u.size() && (u[p] == kBa || u[p] == kKaf || u[p] == kLam)) {
    // لل = ل + ال with the alef dropped.
    if (u[p] == kLam && p + 1 < u.size() && u[p + 1] == kLam) {
      std::u32string stem = U"\u0627" + u.substr(p + 1);
      if (stem.size() >= 4) lil = to_utf8(stem);  // the mention keeps لل
    }
    cuts.push_back({++p, false});
  }
  for (auto it = cuts.rbegin(); it != cuts.rend(); ++it) {
    const size_t c = it->first;
    // With the article following, the stem keeps it: وبالقاهرة -> القاهرة.
    offer(c, u.substr(c));
  }
  std::stable_sort(out.begin(), out.end(), [](const clitic_split& a, const clitic_split& b) {
    return a.prefix_cps > b.prefix_cps;
  });
  // لل + noun reads as ل + ال + noun: that reading comes first.
  if (!lil.empty()) out.insert(out.begin(), clitic_split{p - 1, lil});
  return out;
}

std::string clitic_stem(std::string_view folded) {
  for (auto& c : strip_clitics(folded))
    if (count_cps(c.stem) >= 3) return c.stem;
  return std::string(folded);
}

std::string_view drop_article(std::string_view folded) {
  // "ال" is two 2-byte code points.
  if (folded.size() > 6 && folded.substr(0, 4) == "\xD8\xA7\xD9\x84") return folded.substr(4);
  return folded;
}

std::string skeleton(std::string_view folded) {
  const std::u32string u = to_u32(folded);
  std::u32string s;
  s.reserve(u.size());
  for (size_t i = 0; i < u.size(); ++i) {
    char32_t c = u[i];
    if (c < 0x80) {
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) s += c;
      continue;
    }
    if (c == 0x062A && i + 1 < u.size() && u[i + 1] == 0x0634) continue;  // تش -> ش
    switch (c) {
      case 0x063A:
      case 0x0642:
      case 0x0643:
        c = 0x062C;
        break;  // غ ق ك -> ج
      case 0x062B:
        c = 0x0633;
        break;  // ث -> س
      case 0x0630:
      case 0x0638:
        c = 0x0632;
        break;  // ذ ظ -> ز
      case 0x0629:
        c = 0x0647;
        break;
      default:
        break;
    }
    const bool vowel = c == kAlef || c == kWaw || c == 0x064A || c == 0x0621;
    if (vowel && !s.empty()) continue;
    if (vowel) c = kAlef;
    if (!is_word_char(c)) continue;
    if (!s.empty() && s.back() == c) continue;  // doubled letters (shadda written out)
    s += c;
  }
  return to_utf8(s);
}

int edit_distance(std::string_view a, std::string_view b, int limit) {
  const std::u32string x = to_u32(a), y = to_u32(b);
  if (static_cast<int>(x.size()) - static_cast<int>(y.size()) > limit ||
      static_cast<int>(y.size()) - static_cast<int>(x.size()) > limit)
    return limit + 1;
  std::vector<int> prev(y.size() + 1), cur(y.size() + 1);
  for (size_t j = 0; j <= y.size(); ++j) prev[j] = static_cast<int>(j);
  for (size_t i = 1; i <= x.size(); ++i) {
    cur[0] = static_cast<int>(i);
    int best = cur[0];
    for (size_t j = 1; j <= y.size(); ++j) {
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] != y[j - 1])});
      best = std::min(best, cur[j]);
    }
    if (best > limit) return limit + 1;
    std::swap(prev, cur);
  }
  return std::min(prev[y.size()], limit + 1);
}

}  // namespace newsd::entities
