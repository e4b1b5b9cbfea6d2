#pragma once
// Corpus votes: a model without them tags the unlabeled news text; for every word (its
// doc_key) the share of its occurrences tagged as an entity and the majority entity label
// become a small class stored in the lexicon (lexicon::vote), a feature of the next model.
// A name the model finds in clear contexts across the corpus is then a name in a sentence
// that gives no clue (the document second pass does the same within one article).
#include <string>
#include <vector>

#include "daemon/entities/gazetteer.h"
#include "daemon/entities/lexicon.h"
#include "daemon/entities/ner_model.h"
#include "tools/train_ner/conll_eval.h"

namespace newsd::train {

// Sentences of the first max_texts records of the JSON Lines files, tokenised like the
// tagger's input and split at sentence punctuation and line breaks (labels all O).
std::vector<sentence> corpus_sentences(const std::vector<std::string>& jsonl, size_t max_texts,
                                       std::string* err);

// Tags `corpus` with m and replaces the vote table of `into` with the result.
void corpus_votes(const entities::ner_model& m, const entities::gazetteer* g,
                  const std::vector<sentence>& corpus, entities::lexicon& into);

}  // namespace newsd::train
