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
  strip_clitics_to(folded, out);
  return out;
}

void strip_clitics_to(std::string_view folded, std::vector<clitic_split>& out) {
  // Works on the UTF-8 bytes: every clitic letter is a two-byte Arabic letter, so p code
  // points of proclitics are 2p bytes (runs for every unknown word).
  size_t n = 0;
  auto put = [&](size_t prefix_cps, std::string_view head, std::string_view stem) {
    if (n == out.size()) out.emplace_back();
    out[n].prefix_cps = prefix_cps;
    out[n].stem.assign(head).append(stem);
    ++n;
  };
  size_t i = 0;
  if (folded.empty() || !is_arabic_letter(next_cp(folded, i)) || count_cps(folded) < 3) {
    out.resize(0);
    return;
  }
  auto cp_at = [&](size_t cps) -> char32_t {  // code point number `cps`, if within 2-byte run
    size_t j = 0;
    char32_t c = 0;
    for (size_t k = 0; k <= cps && j < folded.size(); ++k) c = next_cp(folded, j);
    return c;
  };
  size_t p = 0;
  size_t cuts[2], ncuts = 0;
  if (cp_at(0) == kWaw || cp_at(0) == kFa) cuts[ncuts++] = ++p;
  const char32_t c = cp_at(p);
  if (p < count_cps(folded) && (c == kBa || c == kKaf || c == kLam)) {
    // لل = ل + ال with the alef dropped; that reading comes first (ل + ال + noun).
    if (c == kLam && cp_at(p + 1) == kLam && p + 1 < count_cps(folded)) {
      const std::string_view stem = folded.substr(2 * (p + 1));
      // ا + stem of at least four letters; the mention keeps لل.
      if (1 + count_cps(stem) >= 4) put(p, "\xD8\xA7", stem);
    }
    cuts[ncuts++] = ++p;
  }
  // Longest proclitic first. With the article following, the stem keeps it: وبالقاهرة ->
  // القاهرة.
  for (size_t k = ncuts; k-- > 0;) {
    const std::string_view stem = folded.substr(2 * cuts[k]);
    if (count_cps(stem) >= 2) put(cuts[k], {}, stem);
  }
  out.resize(n);
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
  std::string out;
  skeleton_to(folded, out);
  return out;
}

void skeleton_to(std::string_view folded, std::string& out) {
  // Decoded on the fly (no UTF-32 copy): the linker calls this for every mention.
  out.clear();
  out.reserve(folded.size());
  char32_t last = 0;
  for (size_t i = 0; i < folded.size();) {
    char32_t c = next_cp(folded, i);
    if (c < 0x80) {
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        out += static_cast<char>(c);
        last = c;
      }
      continue;
    }
    if (c == 0x062A && i + 1 < folded.size()) {  // تش -> ش
      size_t j = i;
      if (next_cp(folded, j) == 0x0634) continue;
    }
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
    if (vowel && !out.empty()) continue;
    if (vowel) c = kAlef;
    if (!is_word_char(c)) continue;
    if (c == last) continue;  // doubled letters (shadda written out)
    if (c < 0x800) {          // Arabic: two bytes, appended at once
      const char two[2] = {static_cast<char>(0xC0 | (c >> 6)),
                           static_cast<char>(0x80 | (c & 0x3F))};
      out.append(two, 2);
    } else {
      append_utf8(out, c);
    }
    last = c;
  }
}

namespace {

// Consonant class of a Latin letter (lower case, ASCII after folding; a few accented ones);
// 0: dropped (vowels, h, w, y); '?': not a letter of a name.
char latin_class(char32_t c) {
  switch (c) {
    case 'b':
    case 'p':
      return 'B';
    case 'f':
    case 'v':
      return 'F';
    case 'c':
    case 'g':
    case 'j':
    case 'k':
    case 'q':
    case 0x11F:
      return 'K';
    case 'd':
    case 't':
      return 'T';
    case 's':
    case 'z':
    case 0xE7:
    case 0x15F:
    case 0x161:
    case 0x17E:
    case 0x10D:
    case 0x107:
      return 'S';
    case 'l':
    case 0x142:
      return 'L';
    case 'm':
      return 'M';
    case 'n':
    case 0xF1:
      return 'N';
    case 'r':
      return 'R';
    case 'x':
      return 'X';
    default:
      break;
  }
  if (c < 0x80) return ((c >= 'a' && c <= 'z') ? 0 : '?');
  if (c >= 0xE0 && c <= 0x24F) return 0;  // accented vowels (and rarer letters)
  return '?';
}

char arabic_class(char32_t c) {
  switch (c) {
    case 0x0628:
      return 'B';  // ب (پ folded)
    case 0x0641:
      return 'F';  // ف (ڤ folded)
    case 0x062C:
    case 0x062E:
    case 0x063A:
    case 0x0642:
    case 0x0643:
      return 'K';  // ج خ غ ق ك
    case 0x062A:
    case 0x062F:
    case 0x0637:
    case 0x0636:
      return 'T';  // ت د ط ض
    case 0x062B:
    case 0x0630:
    case 0x0632:
    case 0x0633:
    case 0x0634:
    case 0x0635:
    case 0x0638:
      return 'S';  // ث ذ ز س ش ص ظ
    case 0x0644:
      return 'L';
    case 0x0645:
      return 'M';
    case 0x0646:
      return 'N';
    case 0x0631:
      return 'R';
    case 0x0627:
    case 0x0648:
    case 0x064A:
    case 0x0621:
    case 0x062D:
    case 0x0639:
    case 0x0647:
    case 0x0629:
    case 0x0649:
      return 0;  // ا و ي ء ح ع ه ة ى
    default:
      return '?';
  }
}

}  // namespace

std::string cross_script_key(std::string_view folded) {
  std::string out;
  bool latin = false, arabic = false;
  char prev_latin = 0;  // the previous Latin letter (digraphs ph, and h after c/g/k/s/t)
  for (size_t i = 0; i < folded.size();) {
    const char32_t c = next_cp(folded, i);
    if (c == ' ' || c == '-' || c == '.' || c == '\'' || (c >= 0x300 && is_mark(c))) continue;
    char k;
    if (c < 0x250) {
      latin = true;
      k = latin_class(c);
      if (c == 'h' && prev_latin == 'p' && !out.empty()) {
        out.back() = 'F';  // ph
        prev_latin = 'h';
        continue;
      }
      prev_latin = static_cast<char>(c < 0x80 ? c : 0);
    } else {
      arabic = true;
      k = arabic_class(c);
    }
    if (k == '?' || (latin && arabic)) return {};
    if (k == 'X') {
      out += "KS";
      continue;
    }
    if (k != 0 && (out.empty() || out.back() != k)) out += k;
  }
  return out;
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
