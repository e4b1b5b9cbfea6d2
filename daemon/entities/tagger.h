#pragma once
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "daemon/model/article.h"

namespace newsd::entities {

// Recogniser + gazetteer + linker. Loaded once; tag() is const and thread-safe.
class tagger {
 public:
  struct options {
    // Arabic second pass (document features) when models/ner-ar-doc.bin exists: +1.8 F1 in
    // 5-fold CV for about 40 % more Arabic tagging time. false: first pass only.
    bool second_pass = true;
    // Unknown words (outside the models' precomputed vocabulary) analysed in one text are kept
    // for later texts, per thread and per language model, up to this many MB each, with the
    // misspelt-name and variant lookups (0: every text on its own). Output does not depend on
    // it; it pays off when texts share words (related or repeated articles), hardly on a
    // stream of unrelated ones (docs/entities.md).
    size_t word_cache_mb = 16;
  };
  // models_dir empty: search $NEWSD_MODELS_DIR, <exe>/../models, /usr/share/newsd/models.
  static result<std::shared_ptr<const tagger>> load(const std::string& models_dir);
  static result<std::shared_ptr<const tagger>> load(const std::string& models_dir,
                                                    const options& opts);
  virtual ~tagger() = default;

  // Entities of a text, with code-point offsets into it. language: ISO 639-1 ("ar", "en", or "").
  virtual std::vector<model::entity> tag(std::string_view text,
                                         std::string_view language) const = 0;

  // BIO tags for one pre-tokenised sentence (for `newsd tag --conll`).
  virtual std::vector<std::string> tag_tokens(const std::vector<std::string>& tokens,
                                              std::string_view language) const = 0;

  // BIO tags for the pre-tokenised sentences of one document, in order: the second pass
  // (document features) sees the other sentences, as tag() does for a text.
  virtual std::vector<std::vector<std::string>> tag_document(
      const std::vector<std::vector<std::string>>& sentences, std::string_view language) const = 0;
};

}  // namespace newsd::entities
