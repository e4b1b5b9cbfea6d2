#pragma once
// A stored sample, compressed: sorted 15-bit values with a quotation flag each, as
// Elias-Fano with 8 low bits (the high 7 bits in unary: bit high + i set for the i-th
// value), a flag bit per value and the low bytes: ~10.6 bits a value instead of 16 for
// ~170 values. Read in order (verification scans a prefix) or decoded whole.
#include <bit>
#include <cstddef>
#include <cstdint>

namespace newsd::dedup::sample_code {

inline size_t upper_words(size_t n) { return (128 + n + 31) / 32; }
inline size_t words(size_t n) { return n == 0 ? 0 : upper_words(n) + (n + 31) / 32 + (n + 3) / 4; }

// Bytes from the start of a code of n values to the middle of its low bytes: what a
// scan that stops after n/2 values reads.
inline size_t prefix_bytes(size_t n) {
  return n == 0 ? 0 : (upper_words(n) + (n + 31) / 32) * 4 + n / 2;
}

// `stored`: sorted, distinct 15-bit values, each shifted left by one with the flag in
// bit 0 (features.h: stored_sample); `out`: words(n) words.
inline void encode(const uint16_t* stored, size_t n, uint32_t* out) {
  if (n == 0) return;
  uint32_t* upper = out;
  uint32_t* flags = upper + upper_words(n);
  auto* low = reinterpret_cast<uint8_t*>(flags + (n + 31) / 32);
  for (size_t w = 0; w < words(n); ++w) out[w] = 0;
  for (size_t i = 0; i < n; ++i) {
    const uint32_t q = stored[i] >> 1;
    const size_t p = (q >> 8) + i;
    upper[p >> 5] |= uint32_t{1} << (p & 31);
    flags[i >> 5] |= uint32_t{stored[i] & 1u} << (i & 31);
    low[i] = static_cast<uint8_t>(q);
  }
}

// Sequential reader: next() gives the values in order, in stored form.
class reader {
 public:
  reader(const uint32_t* code, size_t n)
      : upper_(code),
        flags_(code + upper_words(n)),
        low_(reinterpret_cast<const uint8_t*>(flags_ + (n + 31) / 32)),
        bits_(n == 0 ? 0 : code[0]) {}
  uint16_t next() {
    const uint32_t flag = (flags_[i_ >> 5] >> (i_ & 31)) & 1;
    return static_cast<uint16_t>((next_value() >> 16) | flag);
  }
  // The next value as features.h's sample_value gives it (no flag): the scan of
  // verification.
  uint32_t next_value() { return next_top() << 17; }
  // The next value's 15 bits (sample_value without the shift).
  uint32_t next_top() {
    while (bits_ == 0) [[unlikely]] bits_ = upper_[++word_];
    const auto p = static_cast<uint32_t>(word_ * 32 + std::countr_zero(bits_));
    bits_ &= bits_ - 1;
    const uint32_t q = ((p - i_) << 8) | low_[i_];
    ++i_;
    return q;
  }

 private:
  const uint32_t* upper_;
  const uint32_t* flags_;
  const uint8_t* low_;
  uint32_t bits_;
  size_t word_ = 0;
  uint32_t i_ = 0;
};

inline void decode(const uint32_t* code, size_t n, uint16_t* out) {
  reader r(code, n);
  for (size_t i = 0; i < n; ++i) out[i] = r.next();
}

}  // namespace newsd::dedup::sample_code
