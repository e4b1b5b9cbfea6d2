#include "connectors/extract/dom.h"

namespace newsd::extract::detail {

std::string attr(const xmlNode* n, const char* name) {
  if (!is_element(n)) return {};
  for (xmlAttr* a = n->properties; a != nullptr; a = a->next) {
    if (a->name == nullptr || std::strcmp(reinterpret_cast<const char*>(a->name), name) != 0)
      continue;
    std::string v;
    for (xmlNode* c = a->children; c != nullptr; c = c->next)
      if (c->content != nullptr) v += reinterpret_cast<const char*>(c->content);
    return v;
  }
  return {};
}

bool has_attr(const xmlNode* n, const char* name) {
  if (!is_element(n)) return false;
  for (xmlAttr* a = n->properties; a != nullptr; a = a->next)
    if (a->name != nullptr && std::strcmp(reinterpret_cast<const char*>(a->name), name) == 0)
      return true;
  return false;
}

std::string collapse_ws(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    bool ws = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {
      ws = true;
      ++i;
    }
    if (ws) {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(static_cast<char>(c));
  }
  return out;
}

std::string text_of(const xmlNode* n) {
  std::string raw;
  walk(const_cast<xmlNode*>(n), [&](xmlNode* c) {
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
      if (c->content != nullptr) raw += reinterpret_cast<const char*>(c->content);
      return false;
    }
    if (is_element(c)) {
      std::string_view nm = name_of(c);
      if (nm == "script" || nm == "style" || nm == "noscript" || nm == "template") return false;
      if (nm == "br" || nm == "p" || nm == "div" || nm == "li") raw.push_back(' ');
    }
    return true;
  });
  return collapse_ws(raw);
}

std::string text_prefix(const xmlNode* n, size_t max_bytes, size_t max_nodes) {
  std::string raw;
  size_t visited = 0;
  walk(const_cast<xmlNode*>(n), [&](xmlNode* c) {
    if (++visited > max_nodes || raw.size() >= max_bytes * 2) return false;
    if (c->type == XML_TEXT_NODE && c->content != nullptr) {
      raw += reinterpret_cast<const char*>(c->content);
      raw.push_back(' ');
    }
    return is_element(c);
  });
  std::string out = collapse_ws(raw);
  if (out.size() > max_bytes) out.resize(max_bytes);
  return out;
}

bool swallowing_noscript(const xmlNode* n) {
  return is_tag(n, "noscript") && text_prefix(n, 1000, 4000).size() >= 1000;
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

}  // namespace newsd::extract::detail
