#pragma once
// UTF-8 helpers and the tokeniser shared by the recogniser, the linker and the tools.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/utf8.h"

namespace newsd::entities {

// Decodes the code point at s[i] and advances i; invalid bytes decode as U+FFFD (one byte).
// Inline: every tokeniser, folding and feature loop calls it per code point.
inline char32_t next_cp(std::string_view s, size_t& i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) {
    ++i;
    return b0;
  }
  int len = b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : b0 >= 0xC0 ? 2 : 0;
  if (len == 0 || i + len > s.size()) {
    ++i;
    return 0xFFFD;
  }
  char32_t cp = b0 & (0x7F >> len);
  for (int k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  i += len;
  return cp;
}

size_t count_cps(std::string_view s);

// The character classes are inline for ASCII and Arabic (the tokeniser asks per code point);
// other scripts go to ICU.
bool is_mark_slow(char32_t c);
bool is_alnum_slow(char32_t c);

inline bool is_arabic_letter(char32_t c) {
  return (c >= 0x0621 && c <= 0x064A) || (c >= 0x0671 && c <= 0x06D3) || c == 0x06D5 ||
         (c >= 0xFB50 && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFC);
}

// Arabic harakat, superscript alef, tatweel and other combining marks.
inline bool is_mark(char32_t c) {
  if (c < 0x300) return false;
  if ((c >= 0x064B && c <= 0x065F) || c == 0x0670 || c == 0x0640 || (c >= 0x06D6 && c <= 0x06ED))
    return true;
  if (c == 0x200C || c == 0x200D) return true;  // ZWNJ/ZWJ live inside words
  // The rest of the Arabic block has no marks besides U+0610-061A (honorific signs).
  if (c >= 0x0600 && c <= 0x06FF && !(c >= 0x0610 && c <= 0x061A)) return false;
  return is_mark_slow(c);
}

// Letters and digits of any script (marks excluded).
inline bool is_word_char(char32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  if (is_arabic_letter(c) || (c >= 0x0660 && c <= 0x0669) || (c >= 0x06F0 && c <= 0x06F9))
    return true;
  return is_alnum_slow(c);
}
bool has_arabic(std::string_view s);

struct token {
  std::string_view text;  // view into the tokenised text
  uint32_t cp_start = 0;  // code-point offsets into the text, end exclusive
  uint32_t cp_end = 0;
  bool after_hash = false;  // directly preceded by '#' (a hashtag)
  bool line_start = false;  // first token of a line
};

// Words (letters, digits and their combining marks; Latin words keep inner hyphens,
// apostrophes and abbreviation dots), and every other non-space code point alone.
// Hashtag bodies in CamelCase are split at case changes (#KimJongUn -> Kim Jong Un).
std::vector<token> tokenise(std::string_view text);

}  // namespace newsd::entities
