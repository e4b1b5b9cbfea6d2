#include "connectors/feeds/urls.h"

#include <libxml/uri.h>
#include <libxml/xmlmemory.h>

#include <cctype>

namespace newsd::feeds {

namespace {

// "scheme:" (RFC 3986 section 3.1). xmlBuildURI returns such a reference
// unchanged (it is absolute, or it fails to parse and we keep it as is), so
// the common absolute link skips two URI parses and a serialisation.
bool has_scheme(std::string_view r) {
  if (r.empty() || !std::isalpha(static_cast<unsigned char>(r[0]))) return false;
  for (size_t i = 1; i < r.size(); ++i) {
    auto c = static_cast<unsigned char>(r[i]);
    if (c == ':') return true;
    if (!std::isalnum(c) && c != '+' && c != '-' && c != '.') return false;
  }
  return false;
}

// Root-relative paths of plain characters ("/world/story-1.html"), the usual
// relative link in feed content. xmlBuildURI keeps such a path as is (no dot
// segments, nothing to escape or unescape) after the base's scheme and
// authority, so the result is that prefix plus the path.
bool plain_rooted_path(std::string_view r) {
  if (r.size() < 2 || r[0] != '/' || r[1] == '/') return false;
  for (size_t i = 1; i < r.size(); ++i) {
    auto c = static_cast<unsigned char>(r[i]);
    if (!std::isalnum(c) && c != '/' && c != '-' && c != '_' && c != '.') return false;
    if (c == '.' && r[i - 1] == '/') return false;
  }
  return true;
}

std::string build_uri(const std::string& ref, const std::string& base) {
  xmlChar* out = xmlBuildURI(reinterpret_cast<const xmlChar*>(ref.c_str()),
                             reinterpret_cast<const xmlChar*>(base.c_str()));
  if (out == nullptr) return ref;
  std::string res(reinterpret_cast<const char*>(out));
  xmlFree(out);
  return res;
}

// "scheme://authority" of `base` as xmlBuildURI writes it, for one base at a
// time per thread (a feed's items share their base); "" when unusable.
const std::string& rooted_prefix(std::string_view base) {
  thread_local std::string cached_base, prefix;
  if (base != cached_base) {
    cached_base.assign(base);
    prefix = build_uri("/", cached_base);
    bool ok = (prefix.starts_with("http://") || prefix.starts_with("https://")) &&
              prefix.size() > 8 && prefix.back() == '/' &&
              prefix.find('/', prefix.find("//") + 2) == prefix.size() - 1;
    if (ok)
      prefix.pop_back();
    else
      prefix.clear();
  }
  return prefix;
}

}  // namespace

std::string resolve_url(std::string_view base, std::string_view ref) {
  size_t b = 0, e = ref.size();
  while (b < e && std::isspace(static_cast<unsigned char>(ref[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(ref[e - 1]))) --e;
  std::string r(ref.substr(b, e - b));
  if (base.empty() || has_scheme(r)) return r;
  if (plain_rooted_path(r)) {
    const std::string& prefix = rooted_prefix(base);
    if (!prefix.empty()) return prefix + r;
  }
  return build_uri(r, std::string(base));
}

std::string resolve_link(std::string_view base, std::string_view ref) {
  size_t b = 0;
  while (b < ref.size() && std::isspace(static_cast<unsigned char>(ref[b]))) ++b;
  if (b == ref.size()) return "";
  return resolve_url(base, ref);
}

bool is_http_url(std::string_view url) {
  auto prefix = [&](std::string_view p) {
    if (url.size() <= p.size()) return false;
    for (size_t i = 0; i < p.size(); ++i)
      if (std::tolower(static_cast<unsigned char>(url[i])) != p[i]) return false;
    return true;
  };
  size_t host = prefix("http://") ? 7 : prefix("https://") ? 8 : 0;
  return host != 0 && url[host] != '/' && url[host] != '?' && url[host] != '#' &&
         !std::isspace(static_cast<unsigned char>(url[host]));
}

bool dangerous_url(std::string_view url) {
  std::string scheme;
  for (char c : url) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u <= 0x20) continue;
    if (c == ':') break;
    if (!std::isalnum(u) && c != '+' && c != '-' && c != '.') return false;
    scheme += static_cast<char>(std::tolower(u));
    if (scheme.size() > 16) return false;
  }
  if (scheme == "javascript" || scheme == "vbscript" || scheme == "livescript") return true;
  if (scheme == "data") {
    size_t p = url.find(':');
    std::string rest;
    for (char c : url.substr(p + 1, 16))
      rest += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return rest.rfind("image/", 0) != 0 || rest.rfind("image/svg", 0) == 0;
  }
  return false;
}

}  // namespace newsd::feeds
