#pragma once
// UTF-8 helpers and the tokeniser shared by the recogniser, the linker and the tools.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/utf8.h"

namespace newsd::entities {

// Decodes the code point at s[i] and advances i; invalid bytes decode as U+FFFD (one byte).
char32_t next_cp(std::string_view s, size_t& i);
size_t count_cps(std::string_view s);

bool is_arabic_letter(char32_t c);
// Arabic harakat, superscript alef, tatweel and other combining marks.
bool is_mark(char32_t c);
bool is_word_char(char32_t c);  // letters and digits of any script (marks excluded)
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
