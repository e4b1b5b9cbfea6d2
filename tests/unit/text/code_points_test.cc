// normalise_code_points must give exactly the code points of normalise_text: dedup's
// shingles and hashes depend on it.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "common/utf8.h"
#include "daemon/text/normalise.h"

namespace {

using newsd::text::normalise_code_points;
using newsd::text::normalise_text;

// normalise_text's output is valid UTF-8: decode it strictly.
std::vector<char32_t> decoded(const std::string& s) {
  std::vector<char32_t> out;
  for (size_t i = 0; i < s.size();) {
    const size_t len = newsd::utf8_sequence_length(s, i);
    EXPECT_GT(len, 0u) << "invalid UTF-8 at " << i;
    if (len == 0) return out;
    auto c = static_cast<unsigned char>(s[i]);
    char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
    for (size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out.push_back(cp);
    i += len;
  }
  return out;
}

void expect_same(const std::string& in) {
  std::vector<char32_t> cps;
  normalise_code_points(in, cps);
  EXPECT_EQ(cps, decoded(normalise_text(in))) << in.size() << " bytes";
}

TEST(NormaliseCodePoints, MatchesNormaliseText) {
  expect_same("");
  expect_same("أحمد إبراهيم آمال ٱلله مُحَمَّد العـــربية ٢٠١٨ ۱۲۳");
  expect_same("Crème BRÛLÉE ﷺ ﷽ ﬁ ㎏ Ⅻ ½");  // expansions (ligatures, NFKC)
  expect_same(
      "#دونالد_ترمب a_b #x\nhttp://a.b/c?d=1 www.x.y <b>bold</b> <a x\n\"قال\" «هنا» “there”");
  expect_same(std::string("a\xff\xc3") + "b\xe2\x82" + "\xf0\x9f\x98\x80 x \xed\xa0\x80 y");
}

TEST(NormaliseCodePoints, EveryBmpCodePoint) {
  // Each code point between ASCII letters (the tag, URL and hashtag rules look at
  // neighbours), in chunks.
  std::string s;
  for (char32_t cp = 1; cp < 0x10000; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    newsd::append_utf8(s, cp);
    s += 'a';
    if (s.size() > 4000) {
      expect_same(s);
      s.clear();
    }
  }
  expect_same(s);
}

TEST(NormaliseCodePoints, RandomBytes) {
  std::mt19937 rng(7);
  const char* pieces[] = {
      "<", ">",  "#",    "_",    " ",        "\n", "h", "http://",          "www.",
      "W", "\"", "\xd8", "\xa7", "\xc2\xab", "ة",  "ﻻ", "\xf0\x9f\x98\x80", "\xef\xb7\xba"};
  for (int t = 0; t < 2000; ++t) {
    std::string s;
    const int n = static_cast<int>(rng() % 60);
    for (int k = 0; k < n; ++k) {
      if (rng() % 3 == 0) {
        s += static_cast<char>(rng() % 256);
      } else {
        s += pieces[rng() % (sizeof(pieces) / sizeof(pieces[0]))];
      }
    }
    expect_same(s);
  }
}

}  // namespace
