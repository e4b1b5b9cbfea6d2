#include "connectors/feeds/opml.h"

#include <cctype>
#include <set>

#include "connectors/feeds/encoding.h"
#include "connectors/feeds/xml_doc.h"

namespace newsd::feeds {
namespace {

std::string slug(std::string_view s) {
  std::string out;
  bool dash = false;
  for (unsigned char c : s) {
    if (std::isalnum(c)) {
      if (dash && !out.empty()) out += '-';
      out += static_cast<char>(std::tolower(c));
      dash = false;
    } else {
      dash = true;
    }
    if (out.size() >= 48) break;
  }
  return out;
}

void walk(const xmlNode* n, std::vector<opml_feed>& out, int depth) {
  for (const xmlNode* c = n->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE || local_name(c) != "outline") continue;
    std::string url = trimmed(attr(c, "xmlUrl"));
    if (!url.empty()) {
      opml_feed f;
      f.url = url;
      f.name = trimmed(attr(c, "title"));
      if (f.name.empty()) f.name = trimmed(attr(c, "text"));
      f.language = trimmed(attr(c, "language"));
      out.push_back(std::move(f));
    }
    if (depth < 32) walk(c, out, depth + 1);
  }
}

void toml_string(std::string& out, std::string_view s) {
  static const char* kHex = "0123456789abcdef";
  out += '"';
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20 || c == 0x7F) {
      out += "\\u00";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
  out += '"';
}

}  // namespace

result<std::vector<opml_feed>> parse_opml(std::string_view body) {
  decoded_text text = decode_document(body, "");
  auto xml = parse_xml(text.utf8, "");
  if (!xml) return xml.err();
  const xmlNode* root = xmlDocGetRootElement(xml->doc.get());
  if (local_name(root) != "opml") return make_error(errc::invalid_input, "not an OPML document");
  std::vector<opml_feed> feeds;
  for (const xmlNode* c = root->children; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE && local_name(c) == "body") walk(c, feeds, 0);
  std::set<std::string> used;
  for (auto& f : feeds) {
    std::string base = slug(f.name);
    if (base.empty()) {
      std::string_view u = f.url;
      if (size_t p = u.find("://"); p != std::string_view::npos) u.remove_prefix(p + 3);
      base = slug(u);
    }
    if (base.empty()) base = "feed";
    std::string id = base;
    for (int i = 2; used.count(id); ++i) id = base + "-" + std::to_string(i);
    used.insert(id);
    f.id = id;
  }
  return feeds;
}

std::string opml_to_toml(const std::vector<opml_feed>& feeds) {
  std::string out;
  for (const auto& f : feeds) {
    if (!out.empty()) out += '\n';
    out += "[[feeds]]\nid = ";
    toml_string(out, f.id);
    out += "\nurl = ";
    toml_string(out, f.url);
    if (!f.name.empty()) {
      out += "\nname = ";
      toml_string(out, f.name);
    }
    if (!f.language.empty()) {
      out += "\nlanguage = ";
      toml_string(out, f.language);
    }
    out += '\n';
  }
  return out;
}

}  // namespace newsd::feeds
