#include "connectors/feeds/sanitize_rules.h"

#include <unordered_map>
#include <unordered_set>

#include "connectors/feeds/sanitize.h"
#include "connectors/feeds/urls.h"

namespace newsd::feeds::detail {
namespace {

using name_set = std::unordered_set<std::string_view>;

const std::unordered_map<std::string_view, uint8_t>& tag_table() {
  static const auto* table = [] {
    auto* t = new std::unordered_map<std::string_view, uint8_t>;
    for (const char* n : {"script", "style", "applet", "head", "template", "xml"})
      (*t)[n] |= kDropWithContent;
    for (const char* n : {"object",   "embed",    "iframe",   "frame",   "frameset", "noscript",
                          "noembed",  "noframes", "param",    "meta",    "link",     "base",
                          "html",     "body",     "basefont", "bgsound", "layer",    "ilayer",
                          "blink",    "marquee",  "form",     "input",   "button",   "select",
                          "textarea", "option",   "isindex",  "keygen",  "portal"})
      (*t)[n] |= kDropTagOnly;
    for (const char* n :
         {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
          "track", "wbr", "basefont", "bgsound", "frame", "keygen", "base"})
      (*t)[n] |= kVoid;
    return t;
  }();
  return *table;
}

const name_set& url_attributes() {
  static const name_set s = {"href",   "src",      "action",   "background", "dynsrc",
                             "lowsrc", "cite",     "longdesc", "usemap",     "formaction",
                             "poster", "codebase", "data",     "xlink:href", "profile"};
  return s;
}

// Attributes kept even without a value.
const name_set& boolean_attributes() {
  static const name_set s = {
      "alt",         "title",   "checked", "disabled", "selected", "readonly", "multiple",
      "nowrap",      "noshade", "compact", "ismap",    "controls", "autoplay", "loop",
      "muted",       "hidden",  "open",    "default",  "required", "reversed", "allowfullscreen",
      "playsinline", "value",   "class",   "id",       "href",     "src"};
  return s;
}

}  // namespace

// Strict UTF-8 without control characters (other than tab and newline), CR,
// surrogates or the non-characters U+FFFE/U+FFFF, which libxml2 drops or rewrites.
bool clean_text(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t n = s.size(), i = 0;
  while (i < n) {
    unsigned char c = p[i];
    if (c >= 0x20 && c < 0x80) {
      ++i;
      continue;
    }
    if (c < 0x20) {
      if (c != '\t' && c != '\n') return false;
      ++i;
      continue;
    }
    size_t len;
    uint32_t cp;
    if (c >= 0xC2 && c <= 0xDF)
      len = 2, cp = c & 0x1F;
    else if (c >= 0xE0 && c <= 0xEF)
      len = 3, cp = c & 0x0F;
    else if (c >= 0xF0 && c <= 0xF4)
      len = 4, cp = c & 0x07;
    else
      return false;
    if (i + len > n) return false;
    for (size_t k = 1; k < len; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (p[i + k] & 0x3F);
    }
    if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF) || cp >= 0xFFFE)) ||
        (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
      return false;
    i += len;
  }
  return true;
}

uint8_t tag_flags(std::string_view lower_name) {
  const auto& t = tag_table();
  auto it = t.find(lower_name);
  return it == t.end() ? 0 : it->second;
}

void append_safe_attribute(std::string& out, std::string_view base, std::string_view name,
                           std::string value) {
  if (name.starts_with("on") || name == "style" || name.starts_with("xmlns") || name == "srcdoc")
    return;
  // A value-less attribute of an unknown name is usually parser debris ("i$=").
  if (value.empty() && !boolean_attributes().contains(name)) return;
  bool srcset = name == "srcset";
  if (srcset || url_attributes().contains(name)) {
    if (dangerous_url(value)) return;
    if (!srcset) value = resolve_url(base, value);
  }
  out += ' ';
  out += name;
  out += "=\"";
  escape_html(out, value, true);
  out += '"';
}

}  // namespace newsd::feeds::detail
