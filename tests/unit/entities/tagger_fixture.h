#pragma once
// Helpers of the tests that run the committed models (models/ in the repository).
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/entities/tagger.h"

namespace newsd::entities {

inline std::shared_ptr<const tagger> load_models() {
  static std::shared_ptr<const tagger> t = [] {
    const std::string dir = std::string(NEWSD_SOURCE_DIR) + "/models";
    auto r = tagger::load(dir);
    if (!r) {
      ADD_FAILURE() << "committed entity models missing or unreadable in " << dir << ": "
                    << r.err().message << " (run `make models`)";
      return std::shared_ptr<const tagger>();
    }
    return *r;
  }();
  return t;
}

// The entity with a mention whose text is `surface`, or nullptr.
inline const model::entity* find(const std::vector<model::entity>& es, std::string_view surface) {
  for (const auto& e : es)
    for (const auto& m : e.mentions)
      if (m.text == surface) return &e;
  return nullptr;
}

inline std::string id_of(const std::string& text, std::string_view surface,
                         const char* lang = "ar") {
  auto t = load_models();
  if (!t) return "";
  const auto es = t->tag(text, lang);
  const auto* e = find(es, surface);
  return e ? e->id : "<not found: " + std::string(surface) + ">";
}

}  // namespace newsd::entities
