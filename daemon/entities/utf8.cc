#include "daemon/entities/utf8.h"

#include <unicode/uchar.h>

namespace newsd::entities {

size_t count_cps(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

bool is_mark_slow(char32_t c) {
  const auto t = u_charType(static_cast<UChar32>(c));
  return t == U_NON_SPACING_MARK || t == U_COMBINING_SPACING_MARK || t == U_ENCLOSING_MARK;
}

bool is_alnum_slow(char32_t c) { return u_isalnum(static_cast<UChar32>(c)) != 0; }

bool has_arabic(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    const char32_t c = next_cp(s, i);
    if (is_arabic_letter(c)) return true;
  }
  return false;
}

namespace {

bool is_latin(char32_t c) { return c < 0x250 && is_word_char(c); }
bool is_upper_ascii(char c) { return c >= 'A' && c <= 'Z'; }
// "U.S", "U.S.A": single letters joined by dots (U.S.A. and U.A.E. stay one token).
bool dotted_initials(std::string_view s) {
  if (s.size() < 3 || s.size() % 2 == 0) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (i % 2 == 1 ? c != '.' : !((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) return false;
  }
  return true;
}
bool is_lower_ascii(char c) { return c >= 'a' && c <= 'z'; }

// Splits an ASCII CamelCase hashtag body; anything else stays whole.
void push_hashtag(std::vector<token>& out, token t) {
  const std::string_view s = t.text;
  bool ascii = true, inner_upper = false;
  for (size_t k = 0; k < s.size(); ++k) {
    if (static_cast<unsigned char>(s[k]) >= 0x80) ascii = false;
    if (k > 0 && is_upper_ascii(s[k]) && is_lower_ascii(s[k - 1])) inner_upper = true;
  }
  if (!ascii || !inner_upper) {
    out.push_back(t);
    return;
  }
  size_t from = 0;
  for (size_t k = 1; k <= s.size(); ++k) {
    if (k == s.size() || (is_upper_ascii(s[k]) && is_lower_ascii(s[k - 1]))) {
      token p = t;
      p.text = s.substr(from, k - from);
      p.cp_start = t.cp_start + static_cast<uint32_t>(from);
      p.cp_end = t.cp_start + static_cast<uint32_t>(k);
      out.push_back(p);
      from = k;
    }
  }
}

}  // namespace

std::vector<token> tokenise(std::string_view text) {
  std::vector<token> out;
  out.reserve(text.size() / 5);
  size_t i = 0;
  uint32_t cp = 0;
  bool prev_hash = false, newline = true;
  while (i < text.size()) {
    const size_t start = i;
    const uint32_t cp_start = cp;
    char32_t c = next_cp(text, i);
    ++cp;
    if (is_word_char(c)) {
      bool latin = is_latin(c);
      size_t end = i;
      uint32_t cp_end = cp;
      while (i < text.size()) {
        // Fast path for the common case, an Arabic letter (U+0621-U+064A without the tatweel
        // U+0640, a mark; two bytes): a word character, neither mark nor Latin, exactly as the
        // general path decides.
        // A run of them in a local loop (the counters spilled to the stack made each letter
        // wait on the previous one's store); one branch per pair (D8 A1-BF or D9 81-8A).
        {
          const auto* p = reinterpret_cast<const unsigned char*>(text.data());
          size_t k = i;
          // Bit (b1 - 0x80) of kPair[b0 - 0xD8]: D8 A1-BF, D9 81-8A; masks instead of
          // compares, so that the only branch is the end of the run.
          static constexpr uint64_t kPair[2] = {~uint64_t{0} << 0x21, uint64_t{0x3FF} << 1};
          while (k + 1 < text.size()) {
            const uint32_t hi = p[k] - 0xD8u, lo = p[k + 1] - 0x80u;
            const uint64_t m = kPair[hi & 1] & (0 - static_cast<uint64_t>(hi < 2));
            if (!((m >> (lo & 63)) & static_cast<uint64_t>(lo < 64))) break;
            k += 2;
          }
          if (k != i) {
            latin = false;
            cp += static_cast<uint32_t>((k - i) / 2);
            i = k;
            end = i;
            cp_end = cp;
            continue;
          }
        }
        size_t j = i;
        char32_t d = next_cp(text, j);
        if (is_word_char(d) || is_mark(d)) {
          latin = latin && (is_mark(d) || is_latin(d));
          i = j;
          ++cp;
          end = i;
          cp_end = cp;
          continue;
        }
        // Latin joiners: Jean-Pierre, O'Neill, U.S. (a dot followed by a letter).
        if (latin && (d == '-' || d == '\'' || d == '.') && j < text.size()) {
          size_t k = j;
          char32_t e = next_cp(text, k);
          // "'s" stays a token of its own (CoNLL style); O'Neill and d'Alema join.
          const bool joins = d == '-' ||
                             (d == '.' && (end - start <= 2 ||
                                           dotted_initials(text.substr(start, end - start)))) ||
                             (d == '\'' && end - start == 1);
          if (is_latin(e) && joins) {
            i = k;
            cp += 2;
            end = i;
            cp_end = cp;
            continue;
          }
          // Abbreviation dots: "U.S." keeps its final dot.
          if (d == '.' && ((end - start <= 3 &&
                            text.substr(start, end - start).find('.') != std::string_view::npos) ||
                           dotted_initials(text.substr(start, end - start)))) {
            i = j;
            ++cp;
            end = i;
            cp_end = cp;
          }
        }
        break;
      }
      token t{text.substr(start, end - start), cp_start, cp_end, prev_hash, newline};
      newline = false;
      if (prev_hash) {
        push_hashtag(out, t);
      } else {
        out.push_back(t);
      }
      prev_hash = false;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0 || c == 0x200F ||
        c == 0x200E || c == 0xFEFF || (c >= 0x2000 && c <= 0x200B) || c == 0x3000 || c == 0x2028 ||
        c == 0x2029) {
      prev_hash = false;
      if (c == '\n' || c == 0x2028 || c == 0x2029) newline = true;
      continue;
    }
    if (is_mark(c)) continue;  // a stray mark: not a token of its own
    out.push_back(token{text.substr(start, i - start), cp_start, cp, false, newline});
    newline = false;
    prev_hash = (c == '#');
  }
  return out;
}

}  // namespace newsd::entities
