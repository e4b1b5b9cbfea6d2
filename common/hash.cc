#include "common/hash.h"

#include <cstdio>

namespace newsd {

std::string hex64(uint64_t v) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

std::string hash_hex128(std::string_view s) {
  XXH128_hash_t h = XXH3_128bits(s.data(), s.size());
  return hex64(h.high64) + hex64(h.low64);
}

}  // namespace newsd
