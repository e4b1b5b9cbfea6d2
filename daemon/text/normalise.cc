#include "daemon/text/normalise.h"

#include <array>

#include "daemon/text/fold_table.h"

namespace newsd::text {
namespace {

bool ascii_alnum(unsigned char c) {
  return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

bool starts_with_ci(std::string_view s, size_t i, std::string_view p) {
  if (s.size() - i < p.size()) return false;
  for (size_t k = 0; k < p.size(); ++k) {
    unsigned char c = static_cast<unsigned char>(s[i + k]);
    if (c >= 'A' && c <= 'Z') c += 32;
    if (c != static_cast<unsigned char>(p[k])) return false;
  }
  return true;
}

// Length in bytes of a URL starting at i (0 when none): URLs carry no words
// worth matching and differ between outlets for the same text.
size_t url_length(std::string_view s, size_t i) {
  if (i > 0 && ascii_alnum(static_cast<unsigned char>(s[i - 1]))) return 0;
  if (!starts_with_ci(s, i, "http://") && !starts_with_ci(s, i, "https://") &&
      !starts_with_ci(s, i, "www.")) {
    return 0;
  }
  size_t j = i;
  while (j < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[j]);
    if (c <= ' ' || c == '<' || c == '"' || c == '>' || c >= 0x80) break;
    ++j;
  }
  return j - i;
}

// Length of a markup tag or comment at i (0 when '<' is just a character).
size_t tag_length(std::string_view s, size_t i) {
  if (i + 1 >= s.size()) return 0;
  unsigned char n = static_cast<unsigned char>(s[i + 1]);
  if (!(((n | 0x20) >= 'a' && (n | 0x20) <= 'z') || n == '/' || n == '!' || n == '?')) return 0;
  size_t limit = std::min(s.size(), i + 2048);
  for (size_t j = i + 1; j < limit; ++j) {
    if (s[j] == '>') return j + 1 - i;
    if (s[j] == '<') return 0;
  }
  return 0;
}

// Decodes one UTF-8 sequence; invalid bytes decode as U+FFFD, one byte long.
char32_t decode(std::string_view s, size_t i, size_t* len) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  auto cont = [&](size_t k) {
    return i + k < s.size() && (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
  };
  if (c >= 0xC2 && c < 0xE0 && cont(1)) {
    *len = 2;
    return ((c & 0x1F) << 6) | (s[i + 1] & 0x3F);
  }
  if (c >= 0xE0 && c < 0xF0 && cont(1) && cont(2)) {
    char32_t cp = ((c & 0x0F) << 12) | ((s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F);
    if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) {
      *len = 3;
      return cp;
    }
  }
  if (c >= 0xF0 && c < 0xF5 && cont(1) && cont(2) && cont(3)) {
    char32_t cp = ((c & 0x07) << 18) | ((s[i + 1] & 0x3F) << 12) | ((s[i + 2] & 0x3F) << 6) |
                  (s[i + 3] & 0x3F);
    if (cp >= 0x10000 && cp <= 0x10FFFF) {
      *len = 4;
      return cp;
    }
  }
  *len = 1;
  return 0xFFFD;
}

}  // namespace

namespace {

// One loop for both entry points; the offset map is only built when asked
// for (dedup does not need it, entities do).
template <bool kOffsets>
void normalise_into(std::string_view in, normalised& n) {
  const auto& t = detail::table();
  n.text.reserve(in.size());
  if constexpr (kOffsets) n.offsets.reserve(in.size());
  uint32_t cp_index = 0;  // code point index of position i in `in`
  bool in_hashtag = false;
  size_t i = 0;
  auto skip = [&](size_t bytes) {
    for (size_t k = i; k < i + bytes; ++k) {
      if ((static_cast<unsigned char>(in[k]) & 0xC0) != 0x80) ++cp_index;
    }
    i += bytes;
  };
  while (i < in.size()) {
    unsigned char c = static_cast<unsigned char>(in[i]);
    if (c < 0x80) {
      if (c == '<') {
        if (size_t l = tag_length(in, i)) {
          skip(l);
          continue;
        }
      } else if (c == 'h' || c == 'H' || c == 'w' || c == 'W') {
        if (size_t l = url_length(in, i)) {
          skip(l);
          continue;
        }
      } else if (c == '#' && i + 1 < in.size() && static_cast<unsigned char>(in[i + 1]) > ' ') {
        in_hashtag = true;  // '#' carries no content: the tag word is kept
        skip(1);
        continue;
      }
      if (c <= ' ') in_hashtag = false;
      char o = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
      if (o == '_' && in_hashtag) o = ' ';  // #دونالد_ترمب reads as two words
      n.text.push_back(o);
      if constexpr (kOffsets) n.offsets.push_back(cp_index);
      ++cp_index;
      ++i;
      continue;
    }
    size_t len = 0;
    char32_t cp = decode(in, i, &len);
    if (cp < 0x10000) {
      const auto& e = t.bmp[cp];
      n.text.append(t.pool, e.offset, e.length);
      if constexpr (kOffsets) n.offsets.insert(n.offsets.end(), e.length, cp_index);
    } else {
      n.text.append(in.substr(i, len));
      if constexpr (kOffsets) n.offsets.insert(n.offsets.end(), len, cp_index);
    }
    ++cp_index;
    i += len;
  }
}

}  // namespace

normalised normalise(std::string_view in) {
  normalised n;
  normalise_into<true>(in, n);
  return n;
}

std::string normalise_text(std::string_view in) {
  normalised n;
  normalise_into<false>(in, n);
  return std::move(n.text);
}

namespace {

// The folding table in code points: one word per BMP code point giving its single
// folded code point, kDrop (folded to nothing) or, with kMulti set, an index into
// `multi` (NFKC expansions such as ligatures). Derived from detail::table()'s UTF-8,
// so both entry points fold alike.
struct cp_table {
  static constexpr uint32_t kDrop = 0xFFFFFFFFu, kMulti = 0x80000000u;
  std::vector<uint32_t> bmp;
  std::vector<std::u32string> multi;
};

const cp_table& code_point_table() {
  static const cp_table ct = [] {
    const auto& t = detail::table();
    cp_table c;
    c.bmp.resize(0x10000);
    std::u32string cps;
    for (uint32_t cp = 0; cp < 0x10000; ++cp) {
      const auto& e = t.bmp[cp];
      const std::string_view u(t.pool.data() + e.offset, e.length);
      cps.clear();
      for (size_t i = 0; i < u.size();) {
        size_t len = 1;
        const auto b = static_cast<unsigned char>(u[i]);
        cps.push_back(b < 0x80 ? b : decode(u, i, &len));
        i += len;
      }
      if (cps.empty()) {
        c.bmp[cp] = cp_table::kDrop;
      } else if (cps.size() == 1) {
        c.bmp[cp] = cps[0];
      } else {
        c.bmp[cp] = cp_table::kMulti | static_cast<uint32_t>(c.multi.size());
        c.multi.push_back(cps);
      }
    }
    return c;
  }();
  return ct;
}

}  // namespace

void normalise_code_points(std::string_view in, std::vector<char32_t>& out) {
  const auto& ct = code_point_table();
  // Every byte gives at most one code point except expansions (kMulti), which
  // check the room they need.
  out.resize(in.size() + 16);
  char32_t* o = out.data();
  size_t n = 0;
  bool in_hashtag = false;
  size_t i = 0;
  // ASCII bytes that may start a tag, a URL or a hashtag, or change within one: the
  // others (spaces, punctuation, most letters) take the short path.
  static constexpr auto kSpecial = [] {
    std::array<bool, 128> a{};
    for (unsigned char x : {'<', 'h', 'H', 'w', 'W', '#', '_'}) a[x] = true;
    return a;
  }();
  while (i < in.size()) {
    unsigned char c = static_cast<unsigned char>(in[i]);
    if (c < 0x80 && !kSpecial[c]) {
      in_hashtag = in_hashtag && c > ' ';
      o[n++] = c >= 'A' && c <= 'Z' ? c + 32 : c;
      ++i;
      continue;
    }
    if (c < 0x80) {
      if (c == '<') {
        if (size_t l = tag_length(in, i)) {
          i += l;
          continue;
        }
      } else if (c == 'h' || c == 'H' || c == 'w' || c == 'W') {
        if (size_t l = url_length(in, i)) {
          i += l;
          continue;
        }
      } else if (c == '#' && i + 1 < in.size() && static_cast<unsigned char>(in[i + 1]) > ' ') {
        in_hashtag = true;
        ++i;
        continue;
      }
      if (c <= ' ') in_hashtag = false;
      char32_t x = c >= 'A' && c <= 'Z' ? c + 32 : c;
      if (x == '_' && in_hashtag) x = ' ';
      o[n++] = x;
      ++i;
      continue;
    }
    char32_t cp;
    if (c >= 0xC2 && c < 0xE0 && i + 1 < in.size() &&
        (static_cast<unsigned char>(in[i + 1]) & 0xC0) == 0x80) {
      // Two bytes (Arabic, Latin accents): decode's first case, inlined.
      cp = ((c & 0x1F) << 6) | (in[i + 1] & 0x3F);
      i += 2;
    } else {
      size_t len = 0;
      cp = decode(in, i, &len);
      i += len;
    }
    if (cp >= 0x10000) {
      o[n++] = cp;
      continue;
    }
    const uint32_t v = ct.bmp[cp];
    if (v < cp_table::kMulti) {
      o[n++] = v;
    } else if (v != cp_table::kDrop) [[unlikely]] {
      const std::u32string& m = ct.multi[v & ~cp_table::kMulti];
      if (n + m.size() + (in.size() - i) + 16 > out.size()) {
        out.resize(out.size() * 2 + m.size());
        o = out.data();
      }
      for (char32_t x : m) o[n++] = x;
    }
  }
  out.resize(n);
}

}  // namespace newsd::text
