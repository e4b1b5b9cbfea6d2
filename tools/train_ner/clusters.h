#pragma once
// Distributional word classes from unlabeled text: PPMI left/right neighbour vectors,
// randomly projected, clustered by spherical k-means at two granularities; plus frequency
// and article-ratio classes. No labels are used.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/entities/lexicon.h"
#include "tools/train_ner/conll_eval.h"

namespace newsd::train {

struct cluster_options {
  int min_count = 5;
  size_t max_words = 40000;
  size_t context_words = 2000;
  int fine = 256, coarse = 32;
  int iterations = 10;
};

// jsonl: records with a "text" field (newsd process input). extra: more text (CoNLL tokens).
entities::lexicon build_lexicon(const std::vector<std::string>& jsonl,
                                const std::vector<sentence>& extra, const cluster_options& o,
                                std::string* err);

// Calls f with the "text" of every record of the JSON Lines files; false (and *err) on error.
bool read_texts(const std::vector<std::string>& jsonl, std::string* err,
                const std::function<void(std::string_view)>& f);

// The n most frequent raw tokens of the "text" fields: words whose scores the tagger
// precomputes at load (news words outside the annotated corpus).
std::vector<std::string> frequent_raw_words(const std::vector<std::string>& jsonl, size_t n,
                                            std::string* err);

}  // namespace newsd::train
