#include "daemon/text/normalise.h"

namespace newsd::text {

normalised normalise(std::string_view utf8) {
  normalised n;
  n.text.assign(utf8);
  n.offsets.resize(utf8.size());
  uint32_t cp = 0;
  for (size_t i = 0; i < utf8.size(); ++i) {
    if ((static_cast<unsigned char>(utf8[i]) & 0xC0) != 0x80 && i > 0) ++cp;
    n.offsets[i] = cp;
  }
  return n;
}

}  // namespace newsd::text
