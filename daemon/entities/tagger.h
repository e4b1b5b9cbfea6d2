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
  // models_dir empty: search $NEWSD_MODELS_DIR, <exe>/../models, /usr/share/newsd/models.
  static result<std::shared_ptr<const tagger>> load(const std::string& models_dir);
  virtual ~tagger() = default;

  // Entities of a text, with code-point offsets into it. language: ISO 639-1 ("ar", "en", or "").
  virtual std::vector<model::entity> tag(std::string_view text,
                                         std::string_view language) const = 0;

  // BIO tags for one pre-tokenised sentence (for `newsd tag --conll`).
  virtual std::vector<std::string> tag_tokens(const std::vector<std::string>& tokens,
                                              std::string_view language) const = 0;
};

}  // namespace newsd::entities
