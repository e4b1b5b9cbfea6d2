// The LSH band keys of a signature, alone in this file: XXH3 is inlined here (the same
// header as common/hash.h's hash64, so the same keys), which suits 128 hashes of 4 bytes
// per article; elsewhere the library's (vectorised) long-input code is faster.
#include "daemon/dedup/features.h"

#define XXH_INLINE_ALL
#include <xxhash.h>

namespace newsd::dedup {

void band_keys(const features& f, int bands, int rows, uint32_t* out) {
  for (int bi = 0; bi < bands; ++bi) {
    uint64_t x = 0x9e3779b97f4a7c15ULL * static_cast<uint64_t>(bi + 1);
    for (int r = 0; r < rows; ++r) x = XXH3_64bits_withSeed(&f.sig[bi * rows + r], 4, x);
    out[bi] = static_cast<uint32_t>(x);
  }
}

}  // namespace newsd::dedup
