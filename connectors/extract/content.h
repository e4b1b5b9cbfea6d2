#pragma once
// Main-text extraction: prune chrome, score blocks Readability-style (text
// length, commas, link density, class/id hints), pick the article container
// and its sibling blocks, and render paragraphs as lines.
#include <libxml/tree.h>

#include <string>

namespace newsd::extract::detail {

// Modifies the tree (removes chrome). Returns "" when no article text was found.
std::string extract_main_text(xmlDoc* doc);

}  // namespace newsd::extract::detail
