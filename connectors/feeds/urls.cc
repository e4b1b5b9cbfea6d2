#include "connectors/feeds/urls.h"

#include <libxml/uri.h>
#include <libxml/xmlmemory.h>

#include <cctype>

namespace newsd::feeds {

std::string resolve_url(std::string_view base, std::string_view ref) {
  size_t b = 0, e = ref.size();
  while (b < e && std::isspace(static_cast<unsigned char>(ref[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(ref[e - 1]))) --e;
  std::string r(ref.substr(b, e - b));
  if (base.empty()) return r;
  std::string bs(base);
  xmlChar* out = xmlBuildURI(reinterpret_cast<const xmlChar*>(r.c_str()),
                             reinterpret_cast<const xmlChar*>(bs.c_str()));
  if (out == nullptr) return r;
  std::string res(reinterpret_cast<const char*>(out));
  xmlFree(out);
  return res;
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
