// Second-level entity decoding for meta contents (declared in title.h).
#include <cctype>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/utf8.h"
#include "connectors/extract/title.h"

namespace newsd::extract::detail {

std::string decode_entities(const std::string& in) {
  if (in.find('&') == std::string::npos) return in;
  std::string out;
  for (size_t i = 0; i < in.size(); ++i) {
    size_t semi = in[i] == '&' ? in.find(';', i) : std::string::npos;
    if (semi == std::string::npos || semi - i > 10) {
      out.push_back(in[i]);
      continue;
    }
    std::string_view e(in.data() + i + 1, semi - i - 1);
    uint32_t cp = 0;
    if (e.size() > 1 && e[0] == '#') {
      bool hex = e[1] == 'x' || e[1] == 'X';
      for (size_t k = hex ? 2 : 1; k < e.size() && cp <= 0x10FFFF; ++k) {
        char c = static_cast<char>(std::tolower(static_cast<unsigned char>(e[k])));
        int v = c >= '0' && c <= '9' ? c - '0' : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
        if (v < 0) {
          cp = 0;
          break;
        }
        cp = cp * (hex ? 16 : 10) + static_cast<uint32_t>(v);
      }
    } else if (e == "quot") {
      cp = '"';
    } else if (e == "amp") {
      cp = '&';
    } else if (e == "apos") {
      cp = '\'';
    } else if (e == "lt") {
      cp = '<';
    } else if (e == "gt") {
      cp = '>';
    } else if (e == "nbsp") {
      cp = ' ';
    }
    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      out.push_back(in[i]);
      continue;
    }
    append_utf8(out, static_cast<char32_t>(cp));
    i = semi;
  }
  return out;
}

}  // namespace newsd::extract::detail
