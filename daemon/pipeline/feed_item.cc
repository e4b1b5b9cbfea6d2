#include "daemon/pipeline/feed_item.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include <cstring>

#include "common/hash.h"

namespace newsd::pipeline {

namespace {

bool is_block(const xmlChar* name) {
  static const char* blocks[] = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5",
                                 "h6", "blockquote", "pre", "table", "tr", "section", "article",
                                 "header", "footer", "figure", "figcaption", "hr", nullptr};
  for (const char** b = blocks; *b; ++b) {
    if (xmlStrcasecmp(name, reinterpret_cast<const xmlChar*>(*b)) == 0) return true;
  }
  return false;
}

void collect(xmlNode* root, std::string& out) {
  // Iterative walk: hostile input may nest thousands of levels deep.
  xmlNode* n = root;
  while (n != nullptr) {
    bool descend = false;
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
      if (n->content) out += reinterpret_cast<const char*>(n->content);
    } else if (n->type == XML_ELEMENT_NODE) {
      const char* nm = reinterpret_cast<const char*>(n->name);
      bool skip = std::strcmp(nm, "script") == 0 || std::strcmp(nm, "style") == 0;
      if (is_block(n->name)) out += '\n';
      descend = !skip && n->children != nullptr;
    }
    if (descend) {
      n = n->children;
      continue;
    }
    while (n != nullptr && n->next == nullptr) {
      n = n->parent;
      if (n == nullptr || n == root->parent) return;
      if (n->type == XML_ELEMENT_NODE && is_block(n->name)) out += '\n';
    }
    if (n) n = n->next;
  }
}

std::string tidy_whitespace(const std::string& in) {
  std::string out;
  out.reserve(in.size());
  bool space = false;
  int newlines = 0;
  for (char c : in) {
    if (c == '\n') {
      ++newlines;
      space = false;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
      space = true;
      continue;
    }
    if (newlines > 0) {
      if (!out.empty()) out += '\n';
      newlines = 0;
    } else if (space && !out.empty()) {
      out += ' ';
    }
    space = false;
    out += c;
  }
  return out;
}

}  // namespace

std::string html_to_text(std::string_view html) {
  if (html.find('<') == std::string_view::npos && html.find('&') == std::string_view::npos) {
    return tidy_whitespace(std::string(html));
  }
  std::string wrapped = "<html><body>" + std::string(html) + "</body></html>";
  htmlDocPtr doc = htmlReadMemory(wrapped.data(), static_cast<int>(wrapped.size()), nullptr, "UTF-8",
                                  HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                      HTML_PARSE_NONET | HTML_PARSE_NOBLANKS |
                                      XML_PARSE_HUGE);  // else libxml2 drops text below depth 256
  if (doc == nullptr) return tidy_whitespace(std::string(html));
  std::string out;
  if (xmlNode* root = xmlDocGetRootElement(doc)) collect(root, out);
  xmlFreeDoc(doc);
  return tidy_whitespace(out);
}

std::string entry_key(const feeds::entry& e) {
  if (!e.id.empty()) return e.id;
  if (!e.link.empty()) return e.link;
  std::string basis = e.title + "\x1f" + (e.published_ms ? std::to_string(*e.published_ms) : "");
  return "h:" + hash_hex128(basis);
}

model::article entry_to_article(const feeds::entry& e, const feeds::document& doc,
                                const config::feed& f, const std::string& feed_url, int64_t fetched_ms) {
  model::article a;
  a.url = e.link;
  a.title = html_to_text(e.title);
  a.text = html_to_text(!e.content.empty() ? e.content : e.summary);
  a.language_hint = !f.language.empty() ? f.language : doc.feed.language.substr(0, 2);
  a.source = !f.name.empty() ? f.name : doc.feed.title;
  for (const auto& au : e.authors) {
    if (!au.name.empty()) a.authors.push_back(au.name);
  }
  a.feed = model::feed_ref{f.id, feed_url};
  a.published_at_ms = e.published_ms ? e.published_ms : e.updated_ms;
  a.fetched_at_ms = fetched_ms;
  return a;
}

}  // namespace newsd::pipeline
