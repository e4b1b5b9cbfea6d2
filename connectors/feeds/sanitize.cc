#include "connectors/feeds/sanitize.h"

#include <libxml/HTMLparser.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <string>

#include "connectors/feeds/sanitize_rules.h"
#include "connectors/feeds/urls.h"

namespace newsd::feeds {
namespace {

using namespace detail;  // NOLINT: the shared tag/attribute rules

std::string lower(const xmlChar* s) {
  std::string out(s ? reinterpret_cast<const char*>(s) : "");
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// libxml2 would swallow the rest of the fragment into an unterminated comment or
// declaration; browsers and feedparser end them at the next '>' or show them as text.
std::string repair_fragment(std::string_view in) {
  std::string s(in);
  for (size_t p = 0; (p = s.find("<!--", p)) != std::string::npos; p += 4) {
    if (s.find("-->", p + 4) != std::string::npos) break;
    size_t gt = s.find('>', p + 4);
    if (gt == std::string::npos) {
      s.resize(p);  // an unterminated comment hides nothing but itself
      break;
    }
    s.replace(gt, 1, "-->");
  }
  size_t last_gt = s.rfind('>');
  size_t from = last_gt == std::string::npos ? 0 : last_gt + 1;
  if (s.find('<', from) == std::string::npos) return s;
  std::string out = s.substr(0, from);
  for (size_t i = from; i < s.size(); ++i) {
    if (s[i] == '<') out += "&lt;";
    else out += s[i];
  }
  return out;
}

std::string attr_value(const xmlAttr* a) {
  std::string v;
  for (const xmlNode* c = a->children; c; c = c->next)
    if (c->content) v += reinterpret_cast<const char*>(c->content);
  return v;
}

void walk(const xmlNode* n, std::string_view base, std::string& out, int depth);

void walk_children(const xmlNode* parent, std::string_view base, std::string& out, int depth) {
  for (const xmlNode* c = parent->children; c; c = c->next) walk(c, base, out, depth + 1);
}

void walk(const xmlNode* n, std::string_view base, std::string& out, int depth) {
  if (depth > 256) return;  // libxml2 caps nesting too; this keeps recursion bounded
  switch (n->type) {
    case XML_TEXT_NODE:
    case XML_CDATA_SECTION_NODE:
      if (n->content) escape_html(out, reinterpret_cast<const char*>(n->content), false);
      return;
    case XML_ENTITY_REF_NODE:
      return;
    case XML_ELEMENT_NODE:
      break;
    default:
      return;  // comments, processing instructions
  }
  std::string name = lower(n->name);
  uint8_t flags = tag_flags(name);
  if (flags & kDropWithContent) return;
  if (flags & kDropTagOnly) return walk_children(n, base, out, depth);
  out += '<';
  out += name;
  for (const xmlAttr* a = n->properties; a; a = a->next) {
    std::string an = lower(a->name);
    if (a->ns && a->ns->prefix && std::strcmp(reinterpret_cast<const char*>(a->ns->prefix), "xml") != 0) {
      if (std::strcmp(reinterpret_cast<const char*>(a->ns->prefix), "xlink") != 0) continue;
      an = "xlink:" + an;
    }
    append_safe_attribute(out, base, an, attr_value(a));
  }
  out += '>';
  if (flags & kVoid) return;
  walk_children(n, base, out, depth);
  out += "</";
  out += name;
  out += '>';
}

}  // namespace

void escape_html(std::string& out, std::string_view s, bool attr) {
  size_t start = 0;
  for (size_t p = 0; p < s.size(); ++p) {
    const char* rep;
    switch (s[p]) {
      case '&': rep = "&amp;"; break;
      case '<': rep = "&lt;"; break;
      case '>': rep = "&gt;"; break;
      case '"':
        if (!attr) continue;
        rep = "&quot;";
        break;
      default: continue;
    }
    out.append(s.data() + start, p - start);
    out += rep;
    start = p + 1;
  }
  out.append(s.data() + start, s.size() - start);
}

void sanitize_children(const xmlNode* parent, std::string_view base, std::string& out) {
  walk_children(parent, base, out, 0);
}

std::string sanitize_html(std::string_view html, std::string_view base) {
  if (html.find_first_of("<&>") == std::string_view::npos) return std::string(html);
  std::string out;
  out.reserve(html.size() + html.size() / 8);
  if (detail::sanitize_html_fast(html, base, out)) return out;
  return detail::sanitize_html_libxml2(html, base);
}

namespace detail {

std::string sanitize_html_libxml2(std::string_view html, std::string_view base) {
  // The wrapper keeps leading text out of the implied <p> libxml2 would add.
  std::string wrapped = "<div>";
  wrapped.append(repair_fragment(html));
  wrapped += "</div>";
  htmlDocPtr doc = htmlReadMemory(wrapped.data(), static_cast<int>(wrapped.size()), nullptr,
                                  "UTF-8",
                                  HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                      HTML_PARSE_NONET | HTML_PARSE_COMPACT);
  if (doc == nullptr) return {};
  std::unique_ptr<xmlDoc, void (*)(xmlDocPtr)> guard(doc, xmlFreeDoc);
  std::string out;
  const xmlNode* root = xmlDocGetRootElement(doc);
  if (root == nullptr) return out;
  const xmlNode* body = nullptr;
  for (const xmlNode* c = root->children; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE && lower(c->name) == "body") body = c;
  if (body == nullptr) return out;
  bool first = true;
  for (const xmlNode* c = body->children; c; c = c->next) {
    if (first && c->type == XML_ELEMENT_NODE && lower(c->name) == "div" && c->properties == nullptr)
      walk_children(c, base, out, 0);
    else
      walk(c, base, out, 0);
    first = false;
  }
  return out;
}

}  // namespace detail
}  // namespace newsd::feeds
