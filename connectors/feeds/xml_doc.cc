#include "connectors/feeds/xml_doc.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>

#include <cctype>
#include <cstring>
#include <map>

namespace newsd::feeds {
namespace {

bool starts_with_ci(std::string_view s, size_t pos, std::string_view p) {
  if (pos + p.size() > s.size()) return false;
  for (size_t i = 0; i < p.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(s[pos + i])) != p[i]) return false;
  return true;
}

// Plain-text entities of an internal subset (feedparser keeps the same ones):
// a value with no markup, or a single character reference.
void collect_entities(std::string_view subset, std::map<std::string, std::string>& out) {
  size_t p = 0;
  while ((p = subset.find("<!ENTITY", p)) != std::string_view::npos) {
    size_t end = subset.find('>', p);
    if (end == std::string_view::npos) break;
    std::string_view decl = subset.substr(p + 8, end - p - 8);
    p = end;
    size_t i = 0;
    while (i < decl.size() && std::isspace(static_cast<unsigned char>(decl[i]))) ++i;
    size_t ns = i;
    while (i < decl.size() && (std::isalnum(static_cast<unsigned char>(decl[i])) ||
                               decl[i] == '_' || decl[i] == '-' || decl[i] == '.'))
      ++i;
    std::string name(decl.substr(ns, i - ns));
    while (i < decl.size() && std::isspace(static_cast<unsigned char>(decl[i]))) ++i;
    if (name.empty() || i >= decl.size() || (decl[i] != '"' && decl[i] != '\'')) continue;
    size_t q = decl.find(decl[i], i + 1);
    if (q == std::string_view::npos) continue;
    std::string_view val = decl.substr(i + 1, q - i - 1);
    bool charref = val.size() > 3 && val.substr(0, 2) == "&#" && val.back() == ';' &&
                   val.find('&', 1) == std::string_view::npos;
    if (val.find_first_of("&<%") != std::string_view::npos && !charref) continue;
    out[name] = std::string(val);
  }
}

// Removes a DOCTYPE before the root element into `out` (false, and no copy, when
// there is none); collects the subset's safe entities.
bool strip_doctype(std::string_view in, std::map<std::string, std::string>& entities,
                   std::string& out) {
  size_t p = 0;
  while (p < in.size()) {
    p = in.find('<', p);
    if (p == std::string_view::npos) return false;
    if (in.compare(p, 4, "<!--") == 0) {
      size_t e = in.find("-->", p + 4);
      if (e == std::string_view::npos) return false;
      p = e + 3;
    } else if (in.compare(p, 2, "<?") == 0) {
      p += 2;
    } else if (starts_with_ci(in, p, "<!doctype")) {
      size_t i = p + 9;
      while (i < in.size() && in[i] != '>' && in[i] != '[') {
        if (in[i] == '"' || in[i] == '\'') i = std::min(in.find(in[i], i + 1), in.size() - 1);
        ++i;
      }
      if (i < in.size() && in[i] == '[') {
        size_t close = in.find(']', i);
        if (close == std::string_view::npos) return false;
        collect_entities(in.substr(i, close - i), entities);
        i = in.find('>', close);
        if (i == std::string_view::npos) return false;
      }
      if (i >= in.size()) return false;
      out.assign(in.substr(0, p));
      out.append(in.substr(i + 1));
      return true;
    } else {
      return false;  // the root element: no DOCTYPE
    }
  }
  return false;
}

// Rewrites &name; outside CDATA and comments: XML's five stay, subset entities
// become their text, HTML entities become character references.
std::string rewrite_entities(std::string_view s, const std::map<std::string, std::string>& entities,
                             bool& repaired) {
  std::string out;
  out.reserve(s.size() + s.size() / 16 + 64);
  // memchr/memmem-speed scan: CDATA sections and comments are copied whole.
  size_t cdata = s.find("<![CDATA["), comment = s.find("<!--");
  size_t i = 0;
  for (;;) {
    size_t amp = s.find('&', i);
    size_t special = std::min(cdata, comment);
    if (special < amp) {
      size_t e = special == cdata ? s.find("]]>", special) : s.find("-->", special);
      e = e == std::string_view::npos ? s.size() : e + 3;
      out.append(s, i, e - i);
      i = e;
      if (cdata < i) cdata = s.find("<![CDATA[", i);
      if (comment < i) comment = s.find("<!--", i);
      continue;
    }
    if (amp == std::string_view::npos) {
      out.append(s, i);
      break;
    }
    out.append(s, i, amp - i);
    i = amp;
    char c = '&';
    if (i + 2 < s.size() && s[i + 1] == '#' && s[i + 2] == 'X') {  // &#X41; is HTML, not XML
      out += "&#x";
      i += 3;
      continue;
    }
    if (i + 1 >= s.size() || !std::isalpha(static_cast<unsigned char>(s[i + 1]))) {
      if (i + 1 < s.size() && s[i + 1] == '#') {
        out += c;
      } else {
        out += "&amp;";  // a bare ampersand: keep it as text, as feedparser does
        repaired = true;
      }
      ++i;
      continue;
    }
    size_t e = i + 1;
    while (e < s.size() && e - i < 40 && std::isalnum(static_cast<unsigned char>(s[e]))) ++e;
    std::string name(s.substr(i + 1, e - i - 1));
    if (e >= s.size() || s[e] != ';') {
      out += "&amp;";  // "?a=1&b=2": an unescaped query string
      repaired = true;
      ++i;
      continue;
    }
    if (name == "amp" || name == "lt" || name == "gt" || name == "quot" || name == "apos") {
      out += c;
      ++i;
      continue;
    }
    if (auto it = entities.find(name); it != entities.end()) {
      out += it->second;
    } else if (const htmlEntityDesc* d = htmlEntityLookup(reinterpret_cast<const xmlChar*>(name.c_str()))) {
      out += "&#" + std::to_string(d->value) + ";";
    } else {
      out += "&amp;";  // undefined: kept as literal text
      out.append(s, i + 1, e - i);
      repaired = true;
    }
    i = e + 1;
  }
  return out;
}

}  // namespace

result<parsed_xml> parse_xml(std::string_view utf8, const std::string& url) {
  std::map<std::string, std::string> entities;
  bool repaired = false;
  std::string stripped, rewritten;
  std::string_view text = strip_doctype(utf8, entities, stripped) ? stripped : utf8;
  if (text.find('&') != std::string_view::npos) {  // else there is nothing to rewrite: no copy
    rewritten = rewrite_entities(text, entities, repaired);
    text = rewritten;
  }
  if (text.size() > static_cast<size_t>(INT32_MAX)) return make_error(errc::too_large, "document too large");
  xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
  if (ctxt == nullptr) return make_error(errc::internal, "out of memory");
  std::unique_ptr<xmlParserCtxt, void (*)(xmlParserCtxtPtr)> guard(ctxt, xmlFreeParserCtxt);
  int opts = XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
             XML_PARSE_IGNORE_ENC | XML_PARSE_NOCDATA | XML_PARSE_COMPACT;
  xmlDocPtr d = xmlCtxtReadMemory(ctxt, text.data(), static_cast<int>(text.size()),
                                  url.empty() ? nullptr : url.c_str(), "UTF-8", opts);
  parsed_xml r;
  r.doc.reset(d);
  if (d == nullptr || xmlDocGetRootElement(d) == nullptr)
    return make_error(errc::invalid_input, "not an XML document");
  if (repaired) {
    r.bozo = true;
    r.reason = "undefined entity or unescaped '&'";
  }
  if (!ctxt->wellFormed || !ctxt->nsWellFormed) {
    r.bozo = true;
    const char* msg = ctxt->lastError.message;
    r.reason = msg ? trimmed(msg) : "malformed XML";
    if (ctxt->lastError.line > 0) r.reason += " (line " + std::to_string(ctxt->lastError.line) + ")";
  }
  return r;
}

std::string_view local_name(const xmlNode* n) {
  return n->name ? reinterpret_cast<const char*>(n->name) : "";
}

std::string_view ns_uri(const xmlNode* n) {
  return n->ns && n->ns->href ? reinterpret_cast<const char*>(n->ns->href) : "";
}

std::string attr(const xmlNode* n, const char* name) {
  for (const xmlAttr* a = n->properties; a; a = a->next) {
    if (a->ns != nullptr || std::strcmp(reinterpret_cast<const char*>(a->name), name) != 0) continue;
    std::string v;
    for (const xmlNode* c = a->children; c; c = c->next)
      if (c->content) v += reinterpret_cast<const char*>(c->content);
    return v;
  }
  return "";
}

bool has_attr(const xmlNode* n, const char* name) {
  for (const xmlAttr* a = n->properties; a; a = a->next)
    if (a->ns == nullptr && std::strcmp(reinterpret_cast<const char*>(a->name), name) == 0)
      return true;
  return false;
}

static void append_text(const xmlNode* n, std::string& out, int depth) {
  for (const xmlNode* c = n->children; c; c = c->next) {
    if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content)
      out += reinterpret_cast<const char*>(c->content);
    else if (c->type == XML_ELEMENT_NODE && depth < 64)
      append_text(c, out, depth + 1);
  }
}

std::string text_content(const xmlNode* n) {
  std::string out;
  append_text(n, out, 0);
  return out;
}

std::string trimmed(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}

std::string node_base(const xmlNode* n) {
  xmlChar* b = xmlNodeGetBase(n->doc, n);
  if (b == nullptr) return "";
  std::string out(reinterpret_cast<const char*>(b));
  xmlFree(b);
  return out;
}

bool has_element_children(const xmlNode* n) {
  for (const xmlNode* c = n->children; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE) return true;
  return false;
}

}  // namespace newsd::feeds
