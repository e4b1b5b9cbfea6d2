#include "connectors/extract/dateline.h"

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "connectors/extract/date_parse.h"
#include "connectors/extract/dom.h"

namespace newsd::extract::detail {
namespace {

bool invisible(const xmlNode* n) {
  std::string_view nm = name_of(n);
  return nm == "script" || nm == "style" || nm == "noscript" || nm == "template" ||
         nm == "select" || nm == "button" || nm == "svg" || nm == "head";
}

// The next node in document order after n's subtree.
const xmlNode* after_subtree(const xmlNode* n) {
  while (n != nullptr && n->next == nullptr) n = n->parent;
  return n != nullptr ? n->next : nullptr;
}

// The node before n in document order, entering subtrees at their last leaf.
const xmlNode* before(const xmlNode* n) {
  if (n->prev == nullptr) return is_element(n->parent) ? n->parent : nullptr;
  n = n->prev;
  while (is_element(n) && n->last != nullptr && !invisible(n)) n = n->last;
  return n;
}

// Bytes of text as rendered (whitespace runs count once), and whether it holds a digit
// (ASCII or Arabic-Indic, lead bytes 0xD9/0xDB): no allocation, as this runs on every node
// near the headline.
size_t visible_len(const xmlNode* t, bool& digit) {
  size_t n = 0;
  bool space = true;
  digit = false;
  for (const char* c = reinterpret_cast<const char*>(t->content); *c != 0; ++c) {
    auto u = static_cast<unsigned char>(*c);
    bool ws = u == ' ' || u == '\n' || u == '\t' || u == '\r';
    n += !(ws && space);
    space = ws;
    digit = digit || (u >= '0' && u <= '9') || u == 0xD9 || u == 0xDB;
  }
  return n;
}

// A short text node holding a date: the dateline ("12.01.2022", "Stand: 07.11.2023, 07:30
// Uhr", "Last updated 04 Jun 2020, originally created 17 Jun 2019"). Dates inside sentences
// (a standfirst's "am 21. und 22. Mai 2022", a caption's "on Oct. 21, 2023") are events.
std::optional<int64_t> node_date(const xmlNode* t, size_t len, bool digit) {
  if (!digit || len < 6 || len > 102) return std::nullopt;
  // "<time class=updated>" beside "<time class=published>": the update is not the dateline.
  const xmlNode* e = t->parent;
  for (int up = 0; up < 2 && is_element(e); ++up, e = e->parent) {
    std::string c = ascii_lower(attr(e, "class"));
    if ((c.find("updated") != std::string::npos || c.find("modified") != std::string::npos) &&
        c.find("publish") == std::string::npos)
      return std::nullopt;
  }
  std::string s = collapse_ws(reinterpret_cast<const char*>(t->content));
  if (s.size() < 6 || s.size() > 100 || words_in(s) > 12) return std::nullopt;
  return find_text_date(s);
}

// Visible text nodes after the heading: the byline/date line under it.
std::optional<int64_t> date_after(const xmlNode* h, size_t max_bytes) {
  size_t bytes = 0;
  int budget = 400;  // nodes: long menus between headline and text stop the search
  for (const xmlNode* n = after_subtree(h); n != nullptr && bytes < max_bytes && --budget > 0;) {
    if (is_element(n) && invisible(n)) {
      n = after_subtree(n);
      continue;
    }
    if (n->type == XML_TEXT_NODE && n->content != nullptr) {
      bool digit;
      size_t len = visible_len(n, digit);
      if (auto d = node_date(n, len, digit)) return d;
      bytes += len;
    }
    n = n->children != nullptr && is_element(n) ? n->children : after_subtree(n);
  }
  return std::nullopt;
}

// Visible text nodes before the heading, nearest first: a kicker line over it.
std::optional<int64_t> date_before(const xmlNode* h, size_t max_bytes) {
  size_t bytes = 0;
  int budget = 200;
  for (const xmlNode* n = before(h); n != nullptr && bytes < max_bytes && --budget > 0;
       n = before(n)) {
    if (is_element(n) && invisible(n)) continue;  // before() did not enter it
    if (n->type != XML_TEXT_NODE || n->content == nullptr) continue;
    bool digit;
    size_t len = visible_len(n, digit);
    bool hidden = false;
    for (const xmlNode* a = n->parent; digit && !hidden && is_element(a); a = a->parent)
      hidden = invisible(a);
    if (hidden) continue;
    if (auto d = node_date(n, len, digit)) return d;
    bytes += len;
  }
  return std::nullopt;
}

}  // namespace

std::optional<int64_t> dateline_date(const xmlNode* headline) {
  if (headline == nullptr) return std::nullopt;
  if (auto d = date_after(headline, 600)) return d;
  return date_before(headline, 150);
}

}  // namespace newsd::extract::detail
