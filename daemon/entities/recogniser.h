#pragma once
// One language's recogniser: the perceptron model plus per-word-type score cache.
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "daemon/entities/features.h"
#include "daemon/entities/gazetteer.h"
#include "daemon/entities/ner_model.h"

namespace newsd::entities {

struct word_entry {
  word_info info;
  float score[kRoles][kNumLabels];
};

struct sv_hash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

struct tok_in {
  std::string_view raw;
  bool hashtag = false;
};

struct tagged {
  std::vector<int> labels;
  std::vector<const word_info*> words;
  std::vector<gaz_hit> hits;
  std::vector<bool> oov;  // not among the model's precomputed (training) words
};

class recogniser {
 public:
  recogniser(ner_model m, const gazetteer* g);

  // Labels for one sentence. `cache` holds the entries of words outside the vocabulary
  // for the caller's lifetime (one text), so the recogniser itself stays immutable.
  tagged tag(
      const std::vector<tok_in>& toks,
      std::unordered_map<std::string_view, word_entry, sv_hash, std::equal_to<>>& cache) const;

  size_t vocab_size() const { return vocab_.size(); }

 private:
  void fill(word_entry& e, std::string_view raw) const;
  ner_model m_;
  const gazetteer* g_;
  std::unordered_map<std::string, word_entry, sv_hash, std::equal_to<>> vocab_;
  word_entry bos_, eos_;
};

}  // namespace newsd::entities
