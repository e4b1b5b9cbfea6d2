#pragma once
// Reading CoNLL files and conlleval-style exact-span scoring.
#include <array>
#include <string>
#include <vector>

namespace newsd::train {

struct sentence {
  std::vector<std::string> tokens;
  std::vector<int> labels;
};

// token<TAB or space>...<last column = tag>; blank line between sentences.
std::vector<sentence> read_conll(const std::string& path, std::string* err);

struct prf {
  long tp = 0, fp = 0, fn = 0;
  double p() const { return tp + fp ? double(tp) / (tp + fp) : 0; }
  double r() const { return tp + fn ? double(tp) / (tp + fn) : 0; }
  double f() const { return p() + r() > 0 ? 2 * p() * r() / (p() + r()) : 0; }
};

struct scores {
  std::array<prf, 4> by_type;  // PER LOC ORG MISC
  prf all;
};

// Adds one sentence's gold vs predicted spans (exact type and boundaries).
void score_sentence(const std::vector<int>& gold, const std::vector<int>& pred, scores& s);
std::string format_scores(const scores& s);

}  // namespace newsd::train
