#pragma once
// Averaged structured perceptron training over prepared sentences (hashed feature rows).
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "daemon/entities/features.h"
#include "daemon/entities/gazetteer.h"
#include "daemon/entities/ner_model.h"
#include "tools/train_ner/conll_eval.h"

namespace newsd::train {

struct prepared {
  std::vector<std::vector<uint32_t>> rows;  // per token: weight rows of its features
  std::vector<int> gold;
  std::vector<uint64_t> doc_keys;  // per token: doc_key of the word
  std::vector<uint32_t> nbase;     // per token: rows before any document features
};

// Features of a sentence; `infos` caches word analyses across sentences (keyed by raw token).
prepared prepare(const sentence& s, const entities::gazetteer* g, const entities::ner_model& m,
                 std::unordered_map<std::string, entities::word_info>& infos);

std::vector<int> predict(const prepared& p, const entities::ner_model& m);

extern float g_dropout;  // feature dropout rate while training (0 = off)

// Trains m (whose w must be sized) for `epochs` shuffled passes, then averages.
void train(entities::ner_model& m, const std::vector<prepared>& data, int epochs,
           const std::string& tag);

// Document features from first-pass labels; a document is the window of sentences within
// `window` of each sentence (the corpora have no document boundaries). Replaces earlier ones.
void attach_doc(std::vector<prepared>& data, const std::vector<std::vector<int>>& first,
                size_t window, const entities::ner_model& m);

scores evaluate(const std::vector<prepared>& data, const entities::ner_model& m);

}  // namespace newsd::train
