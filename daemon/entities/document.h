#pragma once
// Document features for the second tagging pass: a name tagged in one sentence is likely a
// name in the next. Training (tools/train_ner attach_doc) and tagging share these rules.
#include <cstddef>
#include <vector>

#include "daemon/entities/recogniser.h"

namespace newsd::entities {

// For each sentence, the document-feature keys of its tokens from the first-pass labels of
// the sentences within +-window of it (the sentence itself included, the token's own label
// not counted).
std::vector<doc_input> document_features(const std::vector<const tagged*>& first, size_t window);
// The same into `out` (resized to the sentences; its vectors' storage is reused).
void document_features(const std::vector<const tagged*>& first, size_t window,
                       std::vector<doc_input>& out);

}  // namespace newsd::entities
