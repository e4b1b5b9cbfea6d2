#pragma once
// Features of the NER perceptron. Every feature is either a property of one word seen
// from a relative position ("role" -2..+2), or one of a few context features (sentence
// start, hashtag, gazetteer membership). The split lets the tagger precompute a word's
// scores once per word type: that is what makes tagging fast.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/entities/gazetteer.h"
#include "daemon/entities/lexicon.h"

namespace newsd::entities {

constexpr int kNumLabels = 9;
constexpr int kRoles = 5;                          // -2..+2
extern const char* const kLabelNames[kNumLabels];  // O B-PER I-PER B-LOC I-LOC B-ORG ...
int label_id(std::string_view name);               // -1 when unknown
inline bool is_inside(int l) { return l > 0 && l % 2 == 0; }
inline int label_type(int l) { return (l - 1) / 2; }  // 0 PER 1 LOC 2 ORG 3 MISC

// The fields every token reads (gazetteer scan, document features, misspelt-name test) come
// first and fit one cache line (64 bytes); the strings, read for a few words only, follow.
struct word_info {
  // Gazetteer lookup keys: the folded token, then clitic-stripped / article-less stems
  // with the number of code points removed at the front (0 for the article-less one).
  uint64_t keys[4] = {};
  uint64_t doc = 0;  // doc_key(*this), set by analyse_word
  uint8_t key_prefix[4] = {};
  uint8_t n_keys = 0;
  // Longest gazetteer alias starting with each key, cached per word type by the recogniser
  // (gaz_ready) so that the scan does no hash lookups for most tokens.
  uint8_t key_max[4] = {};
  bool gaz_ready = false;
  // Arabic and not very common (lex.freq < 10): a possible half of a misspelt name (the
  // tagger's fuzzy_names), set with gaz_ready so that the test reads no string.
  bool rare_arabic = false;
  uint8_t vote = 0;     // lexicon::vote(doc): corpus votes of the word, 0 = none
  lex_entry lex;        // word classes of the form, else of its stem (lex_src says which)
  uint8_t lex_src = 0;  // 0 none, 1 form, 2 stem, 3 bare stem, 4 without an enclitic
  int16_t trigger = 0;  // trigger word class, 0 = none
  // Set by the recogniser for a precomputed vocabulary word that is not a training word
  // (kUnseenMark): the misspelt-name scan treats it as unknown.
  bool unseen = false;
  std::string fold;
  std::string stem;    // clitic-stripped fold (equal to fold when nothing strips)
  std::string shape;   // Xx, X.X., d, A (Arabic) ...
  std::string clitic;  // the stripped proclitic letters
  std::string bare;    // stem without the article
};
word_info analyse_word(std::string_view raw, const lexicon* lex = nullptr);

// Hashed keys of the role features of one word (role in -2..+2).
void role_features(std::string_view raw, const word_info& w, int role, std::vector<uint64_t>& out);

// Gazetteer membership of each token from a longest-match scan: 0 = none, else a small code
// for (type, begin/inside, source).
struct gaz_hit {
  uint32_t begin = 0, end = 0;  // token range, end exclusive
  uint32_t entity = 0;
  uint8_t prefix_cps = 0;  // clitic code points before the name in the first token
};
std::vector<gaz_hit> scan_gazetteer(const gazetteer& g, const std::vector<const word_info*>& words);
std::vector<uint16_t> gaz_codes(const gazetteer& g, const std::vector<gaz_hit>& hits, size_t n);

struct context {
  bool sentence_start = false;
  bool hashtag = false;
  uint16_t gaz_prev = 0, gaz = 0, gaz_next = 0;
  const word_info* word = nullptr;
};
void context_features(const context& c, std::vector<uint64_t>& out);

}  // namespace newsd::entities

namespace newsd::entities {

// Document memory (second pass): the labels the first pass gave to other occurrences of the
// same bare stem in the document, so that a name tagged in one sentence is tagged in the next.
uint64_t doc_key(const word_info& w);  // 0 for words that never carry a name
using doc_votes = std::array<uint16_t, kNumLabels>;
// votes: all first-pass labels of this key in the document; own: this token's first-pass label.
void doc_features(const doc_votes& votes, int own, std::vector<uint64_t>& out);

}  // namespace newsd::entities
