#include "daemon/text/fold_table.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include "common/utf8.h"

namespace newsd::text::detail {
namespace {

bool is_arabic_mark(char32_t c) {
  // Tashkeel, Quranic annotation marks, superscript alef, tatweel.
  return (c >= 0x064B && c <= 0x065F) || c == 0x0670 || c == 0x0640 ||
         (c >= 0x06D6 && c <= 0x06ED && c != 0x06E5 && c != 0x06E6) ||
         (c >= 0x0610 && c <= 0x061A) || (c >= 0x08D3 && c <= 0x08FF);
}

// Arabic letter variants that spell the same word in different outlets.
char32_t fold_arabic(char32_t c) {
  switch (c) {
    case 0x0623: case 0x0625: case 0x0622: case 0x0671: case 0x0672: case 0x0673:
      return 0x0627;                       // hamza/madda/wasla alef -> alef
    case 0x0649: case 0x06CC: case 0x06D2: case 0x06D0: case 0x0626:
      return 0x064A;                       // alef maqsura, Farsi yeh, yeh barree, hamza-yeh -> yeh
    case 0x0629: case 0x06C0: case 0x06C1: case 0x06C3: case 0x06BE: case 0x06D5:
      return 0x0647;                       // teh marbuta, heh goal/doachashmee, ae -> heh
    case 0x0624: case 0x06C4: case 0x06C6: case 0x06C7: case 0x06C8: case 0x06CB:
      return 0x0648;                       // waw variants -> waw
    case 0x06A9: case 0x06AA: case 0x06AF: case 0x06AD:
      return 0x0643;                       // keheh, gaf, ng -> kaf
    case 0x067E: return 0x0628;            // peh -> beh
    case 0x0686: return 0x062C;            // tcheh -> jeem
    case 0x0698: return 0x0632;            // jeh -> zain
    case 0x06A4: case 0x06A8: return 0x0641;  // veh -> feh
    case 0x0679: return 0x062A;            // tteh -> teh
    case 0x0688: return 0x062F;            // ddal -> dal
    case 0x0691: return 0x0631;            // rreh -> reh
    case 0x06BA: case 0x06BB: return 0x0646;  // noon ghunna -> noon
    default: break;
  }
  if (c >= 0x0660 && c <= 0x0669) return U'0' + (c - 0x0660);  // Arabic-Indic digits
  if (c >= 0x06F0 && c <= 0x06F9) return U'0' + (c - 0x06F0);  // Eastern (Persian/Urdu) digits
  if (c == 0x066B) return U'.';                                 // Arabic decimal separator
  if (c == 0x066C) return U',';                                 // Arabic thousands separator
  return c;
}

fold_table build() {
  fold_table t;
  t.bmp.resize(0x10000);
  std::string utf8;
  for (char32_t cp = 0; cp < 0x10000; ++cp) {
    utf8.clear();
    if (cp < 0xD800 || cp > 0xDFFF) {
      for (char32_t f : fold_code_point(cp)) append_utf8(utf8, f);
    }
    if (utf8.size() > 255) utf8.resize(0);
    t.bmp[cp].offset = static_cast<uint32_t>(t.pool.size());
    t.bmp[cp].length = static_cast<uint32_t>(utf8.size());
    t.pool += utf8;
  }
  return t;
}

}  // namespace

std::u32string fold_code_point(char32_t cp) {
  UErrorCode ec = U_ZERO_ERROR;
  static const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(ec);
  static const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(ec);
  std::u32string out;
  if (is_arabic_mark(cp)) return out;
  if (cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0x200E || cp == 0x200F ||
      cp == 0xFEFF || cp == 0x00AD || cp == 0x061C) {
    return out;  // invisible format characters split words inconsistently
  }
  if (cp < 0x80) {
    out.push_back(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
    return out;
  }
  icu::UnicodeString s(static_cast<UChar32>(cp));
  ec = U_ZERO_ERROR;
  icu::UnicodeString k = nfkc->normalize(s, ec);
  if (U_FAILURE(ec)) k = s;
  k.foldCase();
  ec = U_ZERO_ERROR;
  icu::UnicodeString d = nfd->normalize(k, ec);
  if (U_FAILURE(ec)) d = k;
  for (int32_t i = 0; i < d.length();) {
    UChar32 c = d.char32At(i);
    i += U16_LENGTH(c);
    // Diacritics are stripped from every script except Arabic hamza carriers,
    // which NFD splits (U+0654/0655) and fold_arabic then handles as alef etc.
    if (u_charType(c) == U_NON_SPACING_MARK) {
      if (c == 0x0654 || c == 0x0655 || c == 0x0653) continue;
      if (is_arabic_mark(static_cast<char32_t>(c))) continue;
      if (!(c >= 0x0900 && c < 0x0E00)) continue;  // keep Indic vowel signs
    }
    if (is_arabic_mark(static_cast<char32_t>(c))) continue;
    if (u_isspace(c) && c != '\n') c = ' ';
    out.push_back(fold_arabic(static_cast<char32_t>(c)));
  }
  return out;
}

const fold_table& table() {
  static const fold_table t = build();
  return t;
}

}  // namespace newsd::text::detail
