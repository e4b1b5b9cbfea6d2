#include "daemon/dedup/shingle_hash.h"

#include <cstring>

namespace newsd::dedup {
namespace {

#if defined(__x86_64__)

// GCC vector extensions: the same expressions as shingle_hash, on 8 (AVX-512) or
// 4 (AVX2) shingles at once. AVX-512DQ multiplies 64-bit lanes natively; on AVX2 GCC
// builds the 64-bit products from 32-bit ones (exact, slower).
typedef uint32_t v8u32 __attribute__((vector_size(32)));
typedef uint64_t v8u64 __attribute__((vector_size(64)));
typedef uint32_t v4u32 __attribute__((vector_size(16)));
typedef uint64_t v4u64 __attribute__((vector_size(32)));

#define NEWSD_AVX512 __attribute__((target("avx512f,avx512dq,avx512vl"), always_inline)) inline
#define NEWSD_AVX2 __attribute__((target("avx2"), always_inline)) inline

NEWSD_AVX512 v8u64 load8(const uint32_t* p) {
  v8u32 v;
  std::memcpy(&v, p, sizeof v);
  return __builtin_convertvector(v, v8u64);
}
NEWSD_AVX512 v8u64 mix8(v8u64 x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}
NEWSD_AVX2 v4u64 load4(const uint32_t* p) {
  v4u32 v;
  std::memcpy(&v, p, sizeof v);
  return __builtin_convertvector(v, v4u64);
}
NEWSD_AVX2 v4u64 mix4(v4u64 x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}
#undef NEWSD_AVX512
#undef NEWSD_AVX2

__attribute__((target("avx512f,avx512dq,avx512vl"))) size_t hash_avx512(const uint32_t* c, size_t n,
                                                                        uint64_t* out) {
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    const v8u64 x = load8(c + i) | (load8(c + i + 1) << 21) | (load8(c + i + 2) << 42);
    const v8u64 y = load8(c + i + 3) | (load8(c + i + 4) << 21);
    const v8u64 h = mix8(x ^ mix8(y + 0x9e3779b97f4a7c15ULL));
    std::memcpy(out + i, &h, sizeof h);
  }
  return i;
}

__attribute__((target("avx2"))) size_t hash_avx2(const uint32_t* c, size_t n, uint64_t* out) {
  size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    const v4u64 x = load4(c + i) | (load4(c + i + 1) << 21) | (load4(c + i + 2) << 42);
    const v4u64 y = load4(c + i + 3) | (load4(c + i + 4) << 21);
    const v4u64 h = mix4(x ^ mix4(y + 0x9e3779b97f4a7c15ULL));
    std::memcpy(out + i, &h, sizeof h);
  }
  return i;
}

#endif  // __x86_64__

}  // namespace

simd_level best_simd_level() {
#if !defined(__x86_64__)
  return simd_level::none;
#else
  static const simd_level level = [] {
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") &&
        __builtin_cpu_supports("avx512vl")) {
      return simd_level::avx512;
    }
    return __builtin_cpu_supports("avx2") ? simd_level::avx2 : simd_level::none;
  }();
  return level;
#endif
}

void hash_shingles(const uint32_t* c, size_t n, uint64_t* out, simd_level level) {
  size_t i = 0;
#if defined(__x86_64__)
  if (level == simd_level::avx512) {
    i = hash_avx512(c, n, out);
  } else if (level == simd_level::avx2) {
    i = hash_avx2(c, n, out);
  }
#else
  (void)level;
#endif
  for (; i < n; ++i) out[i] = shingle_hash(c + i);
}

}  // namespace newsd::dedup
