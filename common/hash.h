#pragma once
#include <xxhash.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace newsd {

inline uint64_t hash64(std::string_view s, uint64_t seed = 0) {
  return XXH3_64bits_withSeed(s.data(), s.size(), seed);
}

// 128-bit hash as 32 lowercase hex characters: stable ids for records.
std::string hash_hex128(std::string_view s);
// Appends v as 16 lowercase hex digits.
void append_hex64(std::string& out, uint64_t v);

}  // namespace newsd
