// Text constructs and person fields of the XML feed formats.
#include <cctype>
#include <string>

#include "connectors/feeds/sanitize.h"
#include "connectors/feeds/urls.h"
#include "connectors/feeds/xml_feeds.h"

namespace newsd::feeds {
namespace {

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string base64_decode(std::string_view in) {
  static const std::string kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  uint32_t acc = 0;
  int bits = 0;
  for (char c : in) {
    size_t v = kAlphabet.find(c);
    if (c == '-') v = 62;
    if (c == '_') v = 63;
    if (v == std::string::npos) continue;
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((acc >> bits) & 0xFF);
    }
  }
  return out;
}

// Looks like markup rather than text that merely contains '<' or '&'.
bool looks_like_html(std::string_view s) {
  for (size_t i = 0; i + 1 < s.size(); ++i) {
    if (s[i] == '<' && (std::isalpha(static_cast<unsigned char>(s[i + 1])) || s[i + 1] == '/' ||
                        s[i + 1] == '!'))
      return true;
    if (s[i] == '&' && (std::isalpha(static_cast<unsigned char>(s[i + 1])) || s[i + 1] == '#'))
      return true;
  }
  return false;
}

}  // namespace

std::string read_text_construct(const xmlNode* n, text_kind def) {
  std::string type = lower(trimmed(attr(n, "type")));
  std::string mode = lower(trimmed(attr(n, "mode")));
  text_kind kind = def;
  if (type == "text" || type == "text/plain") kind = text_kind::text;
  else if (type == "html" || type == "text/html") kind = text_kind::html;
  else if (type == "xhtml" || type == "application/xhtml+xml") kind = text_kind::xhtml;
  if (mode == "escaped" && kind == text_kind::xhtml) kind = text_kind::html;
  std::string base = node_base(n);
  // Atom 1.0 section 4.1.3.3: any other non-text, non-XML type is Base64.
  bool binary = !type.empty() && kind == def && type != "text" && type != "html" &&
                type != "xhtml" && type.rfind("text/", 0) != 0 && type.find("xml") == std::string::npos;
  if (mode == "base64" || binary) {
    std::string raw = base64_decode(text_content(n));
    return kind == text_kind::text ? raw : sanitize_html(raw, base);
  }
  if (has_element_children(n) && mode != "escaped") {
    std::string out;
    sanitize_children(n, base, out);
    return trimmed(out);
  }
  std::string t = text_content(n);
  if (kind == text_kind::text && !(def == text_kind::html && looks_like_html(t))) return trimmed(t);
  if (kind == text_kind::xhtml || kind == text_kind::html) return trimmed(sanitize_html(t, base));
  return trimmed(sanitize_html(t, base));
}

person parse_person_string(std::string_view sv) {
  person p;
  std::string s = trimmed(sv);
  size_t at = s.find('@');
  if (at != std::string::npos) {
    auto email_char = [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-' ||
             c == '+' || c == '[' || c == ']';
    };
    size_t b = at, e = at + 1;
    while (b > 0 && email_char(s[b - 1])) --b;
    while (e < s.size() && email_char(s[e])) ++e;
    if (b < at && e > at + 1) {
      p.email = s.substr(b, e - b);
      std::string rest = s.substr(0, b) + s.substr(e);
      size_t m = rest.find("mailto:");
      if (m != std::string::npos) rest.erase(m, 7);
      std::string name;
      for (char c : rest)
        if (c != '(' && c != ')' && c != '<' && c != '>') name += c;
      p.name = trimmed(name);
      return p;
    }
  }
  p.name = s;
  return p;
}

person read_atom_person(const xmlNode* n) {
  person p;
  for (const xmlNode* c = n->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    std::string_view ln = local_name(c);
    if (ln == "name" && p.name.empty()) p.name = trimmed(text_content(c));
    else if (ln == "email" && p.email.empty()) p.email = trimmed(text_content(c));
    else if ((ln == "uri" || ln == "url" || ln == "homepage") && p.uri.empty())
      p.uri = resolve_link(node_base(c), trimmed(text_content(c)));
  }
  if (p.name.empty() && p.email.empty() && p.uri.empty() && !has_element_children(n))
    return parse_person_string(text_content(n));
  return p;
}

}  // namespace newsd::feeds
