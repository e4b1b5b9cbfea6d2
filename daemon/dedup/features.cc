#include "daemon/dedup/features.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <bitset>
#include <memory>
#include <type_traits>

#include "common/hash.h"
#include "daemon/text/normalise.h"

namespace newsd::dedup {
namespace {

inline uint64_t mix64(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

// Letters and digits of the BMP; punctuation and spaces do not take part in
// shingles, so "ترامب ," and "ترامب،" shingle the same.
const std::bitset<0x10000>& word_chars() {
  static const auto* bits = [] {
    auto* b = new std::bitset<0x10000>();
    for (UChar32 c = 0; c < 0x10000; ++c) {
      if (u_isalnum(c) || u_charType(c) == U_NON_SPACING_MARK) b->set(c);
    }
    return b;
  }();
  return *bits;
}

// A change of quotation state before the code point at `at` of a line (or of the kept text).
struct quote_mark {
  uint32_t at;
  uint8_t quoted;
};

// Quotation marks are rare: `marks` gets the changes of state rather than a flag per
// code point. The state restarts on each line: a quote left open (frequent in this
// press) must not swallow the rest of the article. Directed marks (« » “ ”) open or
// close, the ASCII one toggles.
void decode_line(std::string_view s, std::vector<uint32_t>& vec, std::vector<quote_mark>& marks) {
  const auto& wc = word_chars();
  // At most one code point per byte; written without a branch on the (frequent,
  // unpredictable) spaces and punctuation, the length advancing on word characters.
  vec.resize(s.size());
  marks.clear();
  uint32_t* out = vec.data();
  uint8_t q = 0;
  size_t n = 0;
  auto mark = [&](uint8_t state) {
    q = state;
    marks.push_back({static_cast<uint32_t>(n), q});
  };
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    uint32_t cp;
    if (c < 0x80) {
      cp = c;
      i += 1;
      if (c == '"') [[unlikely]] mark(q ^ 1);
    } else if (c < 0xE0 && i + 1 < s.size()) {
      cp = ((c & 0x1F) << 6) | (s[i + 1] & 0x3F);
      i += 2;
      if (c == 0xC2 && (cp == 0xAB || cp == 0xBB)) [[unlikely]] mark(cp == 0xAB);
    } else if (c < 0xF0 && i + 2 < s.size()) {
      cp = ((c & 0x0F) << 12) | ((s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F);
      i += 3;
      if (cp == 0x201C || cp == 0x201D) [[unlikely]] mark(cp == 0x201C);
    } else {
      cp = 0x10000 + c;  // astral: keep as an opaque letter
      i += std::min<size_t>(4, s.size() - i);
      out[n++] = cp;
      continue;
    }
    out[n] = cp;
    n += wc[cp];
  }
  vec.resize(n);
  if (q) marks.push_back({static_cast<uint32_t>(n), 0});
}

// LSD radix sort of 32-bit hashes, 8 bits a pass: the same order as std::sort,
// several times faster on a few hundred uniformly spread values.
void radix_sort(std::vector<uint32_t>& v) {
  if (v.size() < 64) {
    std::sort(v.begin(), v.end());
    return;
  }
  thread_local std::vector<uint32_t> tmp;
  tmp.resize(v.size());
  uint32_t* src = v.data();
  uint32_t* dst = tmp.data();
  for (int shift = 0; shift < 32; shift += 8) {
    std::array<uint32_t, 257> count{};
    for (size_t i = 0; i < v.size(); ++i) ++count[((src[i] >> shift) & 0xFF) + 1];
    for (int b = 0; b < 256; ++b) count[b + 1] += count[b];
    for (size_t i = 0; i < v.size(); ++i) dst[count[(src[i] >> shift) & 0xFF]++] = src[i];
    std::swap(src, dst);
  }
  // Four passes: the result is back in v.
}

}  // namespace

features compute_features(std::string_view text,
                          const std::function<bool(uint32_t)>& is_boilerplate) {
  features f;
  const std::string norm = text::normalise_text(text);
  std::string_view t = norm;
  thread_local std::vector<uint32_t> all, kept, line;
  thread_local std::vector<quote_mark> kept_marks, line_marks;
  all.clear();
  kept.clear();
  kept_marks.clear();
  auto keep = [&] {
    for (quote_mark m : line_marks) {
      kept_marks.push_back({static_cast<uint32_t>(kept.size()) + m.at, m.quoted});
    }
    kept.insert(kept.end(), line.begin(), line.end());
  };
  size_t pos = 0;
  while (pos <= t.size()) {
    size_t nl = t.find('\n', pos);
    if (nl == std::string_view::npos) nl = t.size();
    line.clear();
    decode_line(t.substr(pos, nl - pos), line, line_marks);
    pos = nl + 1;
    if (line.empty()) continue;
    all.insert(all.end(), line.begin(), line.end());
    if (line.size() < 8) {  // too short to say anything; still part of the text
      keep();
      continue;
    }
    auto lh = static_cast<uint32_t>(
        XXH3_64bits(line.data(), line.size() * sizeof(uint32_t)));
    f.line_hashes.push_back(lh);
    if (!is_boilerplate(lh)) keep();
  }
  std::sort(f.line_hashes.begin(), f.line_hashes.end());
  f.line_hashes.erase(std::unique(f.line_hashes.begin(), f.line_hashes.end()),
                      f.line_hashes.end());
  f.body_chars = static_cast<uint32_t>(all.size());
  f.body_hash = XXH3_64bits(all.data(), all.size() * sizeof(uint32_t));

  f.sig.fill(UINT32_MAX);
  std::array<bool, kSigSize> filled{};
  if (kept.size() >= kShingle) {
    f.n_shingles = static_cast<uint32_t>(kept.size() - kShingle + 1);
    // Written without branches (a kept sample is 1 in 8 at random, a new minimum
    // is rare but unpredictable): every hash is stored, the count moves on a keep.
    f.sample.resize(f.n_shingles + 1);
    thread_local std::vector<uint32_t> sample_at;  // shingle position of each sample
    uint32_t* out = f.sample.data();
    size_t n = 0, n_lead = 0;
    // The positions are only needed (and stored) when the text has quotation marks.
    auto shingles = [&](auto with_quotes) {
      uint32_t* at = nullptr;
      if constexpr (decltype(with_quotes)::value) {
        sample_at.resize(f.n_shingles + 1);
        at = sample_at.data();
      }
      for (uint32_t i = 0; i < f.n_shingles; ++i) {
        const uint32_t* c = &kept[i];
        uint64_t x =
            c[0] | (static_cast<uint64_t>(c[1]) << 21) | (static_cast<uint64_t>(c[2]) << 42);
        uint64_t y = c[3] | (static_cast<uint64_t>(c[4]) << 21);
        uint64_t h = mix64(x ^ mix64(y + 0x9e3779b97f4a7c15ULL));
        uint32_t bin = static_cast<uint32_t>(h >> 57);  // 128 bins
        uint32_t val = static_cast<uint32_t>(h);
        f.sig[bin] = std::min(f.sig[bin], val);
        filled[bin] = true;
        uint32_t s = static_cast<uint32_t>(h >> 25);
        out[n] = s & kSampleKeep;
        if constexpr (decltype(with_quotes)::value) at[n] = i;
        n += s % kSampleMod == 0;
        if (i + 1 == kLeadShingles) n_lead = n;
      }
    };
    if (kept_marks.empty()) {
      shingles(std::false_type{});
    } else {
      shingles(std::true_type{});
    }
    if (f.n_shingles < kLeadShingles) n_lead = n;
    f.sample.resize(n);
    if (!kept_marks.empty()) {
      // A quoted shingle starts and ends inside quotation marks; positions only grow.
      size_t j0 = 0, j1 = 0;
      uint8_t q0 = 0, q1 = 0;
      for (size_t k = 0; k < n; ++k) {
        const uint32_t first = sample_at[k], last = first + kShingle - 1;
        while (j0 < kept_marks.size() && kept_marks[j0].at <= first) q0 = kept_marks[j0++].quoted;
        while (j1 < kept_marks.size() && kept_marks[j1].at <= last) q1 = kept_marks[j1++].quoted;
        if (q0 & q1) f.quoted.push_back(f.sample[k]);
      }
    }
    std::sort(f.quoted.begin(), f.quoted.end());
    f.quoted.erase(std::unique(f.quoted.begin(), f.quoted.end()), f.quoted.end());
    f.lead_sample.assign(f.sample.begin(), f.sample.begin() + static_cast<ptrdiff_t>(n_lead));
    radix_sort(f.sample);
    f.sample.erase(std::unique(f.sample.begin(), f.sample.end()), f.sample.end());
    // Rotation densification: an empty bin borrows the next filled bin's value,
    // salted by the distance, so short texts still give 128 comparable values.
    for (int b = 0; b < kSigSize; ++b) {
      if (filled[b]) continue;
      for (int d = 1; d < kSigSize; ++d) {
        int src = (b + d) % kSigSize;
        if (filled[src]) {
          f.sig[b] = static_cast<uint32_t>(mix64(f.sig[src] + d * 0x9e3779b97f4a7c15ULL));
          break;
        }
      }
    }
  }
  return f;
}

void sample_set::build(const std::vector<uint32_t>& sample) {
  uint32_t bits = 4;
  while ((size_t{1} << bits) < sample.size() * 2 + 2) ++bits;  // load factor <= 0.5
  cells_.assign(size_t{1} << bits, kEmpty);
  mask_ = (uint32_t{1} << bits) - 1;
  shift_ = 32 - bits;
  filter_.fill(0);
  for (uint32_t v : sample) {
    const uint32_t b = (v * 0x85EBCA6Bu) >> (32 - kFilterBits);
    filter_[b >> 6] |= uint64_t{1} << (b & 63);
    uint32_t i = slot(v);
    while (cells_[i] != kEmpty && cells_[i] != v) i = (i + 1) & mask_;
    cells_[i] = v;
  }
}

uint32_t intersect_count(const uint32_t* a, size_t na, const uint32_t* b, size_t nb) {
  uint32_t n = 0;
  size_t i = 0, j = 0;
  while (i < na && j < nb) {
    if (a[i] < b[j]) {
      ++i;
    } else if (b[j] < a[i]) {
      ++j;
    } else {
      ++n;
      ++i;
      ++j;
    }
  }
  return n;
}

uint32_t intersect_count(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b) {
  return intersect_count(a.data(), a.size(), b.data(), b.size());
}

}  // namespace newsd::dedup
