#pragma once
// Main-text extraction: prune chrome, score blocks Readability-style (text
// length, commas, link density, class/id hints), pick the article container
// and its sibling blocks, and render paragraphs as lines.
#include <libxml/tree.h>

#include <string>
#include <string_view>

namespace newsd::extract::detail {

// Modifies the tree (removes chrome). Returns "" when no article text was found.
// description: the page's meta description, which is often its visible lead.
std::string extract_main_text(xmlDoc* doc, std::string_view description = {});

// trafilatura's safeguard: whether `base` (every low-link paragraph outside chrome)
// should replace the extracted `text`: much longer, and mostly missing from `text`.
bool prefer_baseline(const std::string& text, const std::string& base);

}  // namespace newsd::extract::detail
