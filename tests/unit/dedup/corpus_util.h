#pragma once
// Hand-built texts for the dedup tests: pseudo-Arabic prose and articles around it.
#include <cstdint>
#include <random>
#include <string>

#include "daemon/dedup/dedup.h"
#include "daemon/model/article.h"

namespace newsd::dedup_test {

using newsd::model::article;

// Deterministic pseudo-Arabic prose: random words over the Arabic alphabet, so two
// texts from different seeds share no more than chance 5-grams.
inline std::string prose(uint32_t seed, int paragraphs) {
  static const char* letters[] = {"ا", "ب", "ت", "ث", "ج", "ح", "خ", "د", "ذ", "ر",
                                  "ز", "س", "ش", "ص", "ض", "ط", "ظ", "ع", "غ", "ف",
                                  "ق", "ك", "ل", "م", "ن", "ه", "و", "ي"};
  std::mt19937 rng(seed);
  std::string out;
  for (int p = 0; p < paragraphs; ++p) {
    for (int w = 0; w < 14; ++w) {
      int len = 3 + static_cast<int>(rng() % 5);
      for (int k = 0; k < len; ++k) out += letters[rng() % 28];
      out += (w % 7 == 3) ? " ترامب " : (w % 9 == 5 ? " جونغ " : " ");
    }
    out += "\n";
  }
  return out;
}

inline article make(const std::string& id, const std::string& text, int64_t hour,
                    const std::string& source = "outlet-a") {
  article a;
  a.id = id;
  a.url = "https://" + source + ".example/" + id;
  a.canonical_url = newsd::dedup::canonicalize_url(a.url);
  a.source = source;
  a.title = "title " + id;
  a.text = text;
  a.published_at_ms = 1520000000000 + hour * 3600000;
  return a;
}

inline std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size())) {
    s.replace(p, from.size(), to);
  }
  return s;
}

}  // namespace newsd::dedup_test
