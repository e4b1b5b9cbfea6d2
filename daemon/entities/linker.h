#pragma once
// Turns recognised spans into entities: gazetteer link (alias, clitic, variant folding),
// stable ids for unknown names, and in-document merging of short forms (كيم -> كيم جونغ أون).
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "daemon/entities/features.h"
#include "daemon/entities/gazetteer.h"
#include "daemon/entities/utf8.h"
#include "daemon/model/article.h"

namespace newsd::entities {

struct span {
  uint32_t begin = 0, end = 0;  // token range, end exclusive
  int type = 0;                 // 0 PER 1 LOC 2 ORG 3 MISC
  int32_t entity = -1;          // gazetteer entity when already known (a direct match)
  uint8_t prefix_cps = 0;
};

// Results of gazetteer::variant() by folded name form. A name mentioned ten times is folded
// and searched once; the tagger keeps one per thread across texts (names recur in the news).
using variant_cache = std::unordered_map<std::string, int32_t>;

// Links spans found in `text` (tokens from tokenise(text), word infos aligned with them)
// and groups mentions into entities in order of first mention. `vc`: variant results of
// this gazetteer (null: a cache for this text only).
std::vector<model::entity> link_spans(std::string_view text, const std::vector<token>& toks,
                                      const std::vector<const word_info*>& words,
                                      const std::vector<span>& spans, const gazetteer& g,
                                      variant_cache* vc = nullptr);

// A short name followed by a verb (كيم غادر, كيم سيسافر) reads to the model like a two-word
// name. When the first word is the first or last word of a longer person name in the same
// text and the second word is neither in that name nor a gazetteer word, the span is cut.
void trim_runons(std::vector<span>& spans, const std::vector<const word_info*>& words,
                 const gazetteer& g);

}  // namespace newsd::entities
