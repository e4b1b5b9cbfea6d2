#pragma once
// Small helpers over libxml2's HTML tree. Every traversal here is iterative
// (parent/next pointers), so 10,000-deep nesting cannot overflow the stack.
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

namespace newsd::extract::detail {

// NEWSD_EXTRACT_DEBUG=1 traces dropped chrome, the selected blocks and how the title and
// date were chosen on stderr (tuning aid).
inline bool debug() {
  static const bool on = std::getenv("NEWSD_EXTRACT_DEBUG") != nullptr;
  return on;
}

inline bool is_element(const xmlNode* n) { return n != nullptr && n->type == XML_ELEMENT_NODE; }

inline std::string_view name_of(const xmlNode* n) {
  return n->name != nullptr ? std::string_view(reinterpret_cast<const char*>(n->name))
                            : std::string_view();
}

inline bool is_tag(const xmlNode* n, const char* tag) {
  return is_element(n) && n->name != nullptr &&
         std::strcmp(reinterpret_cast<const char*>(n->name), tag) == 0;
}

// Attribute value ("" when absent). libxml2 lower-cases HTML attribute names.
std::string attr(const xmlNode* n, const char* name);
bool has_attr(const xmlNode* n, const char* name);

// Concatenated text of the subtree with whitespace runs collapsed to one space, trimmed.
std::string text_of(const xmlNode* n);

// The first max_bytes of the subtree's text, visiting at most max_nodes nodes (bounded
// cost on pathological nesting).
std::string text_prefix(const xmlNode* n, size_t max_bytes, size_t max_nodes = 256);

// Collapses whitespace runs (including NBSP) to single spaces and trims.
std::string collapse_ws(std::string_view s);

// The value of the Arabic-Indic digit (U+0660..U+0669, U+06F0..U+06F9) whose UTF-8
// sequence starts at s[i], else -1.
inline int arabic_digit_at(std::string_view s, size_t i) {
  if (i + 1 >= s.size()) return -1;
  const auto c = static_cast<unsigned char>(s[i]), n = static_cast<unsigned char>(s[i + 1]);
  if ((c == 0xD9 && n >= 0xA0 && n <= 0xA9) || (c == 0xDB && n >= 0xB0 && n <= 0xB9))
    return n & 0x0F;
  return -1;
}

// Lower-case ASCII copy.
std::string ascii_lower(std::string_view s);

// A <noscript> that swallowed the page: after "<noscript><div id=x></noscript>" libxml2's
// parser stays inside the noscript to the end of the page, so the article sits in it. Real
// no-JavaScript fallbacks are a line of text or a tracking pixel.
bool swallowing_noscript(const xmlNode* n);

// Pre-order walk. enter(n) returns false to skip n's children.
template <class Enter>
void walk(xmlNode* root, Enter&& enter) {
  if (root == nullptr) return;
  xmlNode* n = root;
  while (n != nullptr) {
    if (enter(n) && n->children != nullptr && n->type == XML_ELEMENT_NODE) {
      n = n->children;
      continue;
    }
    while (n != root && n->next == nullptr) n = n->parent;
    if (n == root) return;
    n = n->next;
  }
}

// Walk with a leave(n) callback after a node's subtree (post-order hook).
template <class Enter, class Leave>
void walk2(xmlNode* root, Enter&& enter, Leave&& leave) {
  if (root == nullptr) return;
  xmlNode* n = root;
  while (n != nullptr) {
    if (enter(n) && n->children != nullptr && n->type == XML_ELEMENT_NODE) {
      n = n->children;
      continue;
    }
    for (;;) {
      leave(n);
      if (n == root) return;
      if (n->next != nullptr) {
        n = n->next;
        break;
      }
      n = n->parent;
    }
  }
}

// Code points in a UTF-8 string (non-continuation bytes).
inline size_t utf8_len(std::string_view s) {
  size_t k = 0;
  for (char c : s) k += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return k;
}

// Space-separated words (text as rendered: whitespace already collapsed to spaces).
inline size_t words_in(std::string_view t) {
  size_t n = 0;
  bool in = false;
  for (char c : t) {
    bool sp = c == ' ';
    n += !sp && !in;
    in = !sp;
  }
  return n;
}

}  // namespace newsd::extract::detail
