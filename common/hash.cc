#include "common/hash.h"

namespace newsd {

void append_hex64(std::string& out, uint64_t v) {
  static constexpr char kHex[] = "0123456789abcdef";
  char buf[16];
  for (int i = 15; i >= 0; --i, v >>= 4) buf[i] = kHex[v & 15];
  out.append(buf, 16);
}

std::string hash_hex128(std::string_view s) {
  XXH128_hash_t h = XXH3_128bits(s.data(), s.size());
  std::string out;
  out.reserve(32);
  append_hex64(out, h.high64);
  append_hex64(out, h.low64);
  return out;
}

}  // namespace newsd
