#include "daemon/dedup/features.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <memory>
#include <type_traits>

#include "common/hash.h"
#include "daemon/dedup/shingle_hash.h"
#include "daemon/text/normalise.h"

namespace newsd::dedup {
namespace {

// Per BMP code point: kWord for letters and digits (punctuation and spaces do not take
// part in shingles, so "ترامب ," and "ترامب،" shingle the same), kSpecial for what
// the line decoder must look at (newline, quotation marks). 64 KB, of which a text
// touches a few lines.
constexpr uint8_t kWord = 1, kSpecial = 2;
const uint8_t* char_classes() {
  static const auto* cls = [] {
    auto* t = new uint8_t[0x10000];
    for (UChar32 c = 0; c < 0x10000; ++c) {
      t[c] = (u_isalnum(c) || u_charType(c) == U_NON_SPACING_MARK) ? kWord : 0;
    }
    for (char32_t c : {U'\n', U'"', U'\u00AB', U'\u00BB', U'\u201C', U'\u201D'}) t[c] |= kSpecial;
    return t;
  }();
  return cls;
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
// Decodes the line of normalised code points starting at s (up to '\n' or end) into
// out (room for end - s values), sets *n_out to its letters/digits and returns where
// the line ends. `marks` are line-relative.
const char32_t* decode_line(const char32_t* s, const char32_t* end, uint32_t* out, uint32_t* n_out,
                            std::vector<quote_mark>& marks) {
  const uint8_t* cls = char_classes();
  // Written without a branch on the (frequent, unpredictable) spaces and punctuation,
  // the length advancing on word characters.
  uint8_t q = 0;
  uint32_t n = 0;
  for (; s != end; ++s) {
    const uint32_t cp = *s;
    if (cp >= 0x10000) [[unlikely]] {
      // Astral: an opaque letter, keyed by its UTF-8 lead byte (as when the line
      // was decoded from UTF-8: the stored hashes depend on it).
      out[n++] = 0x10000 + (0xF0 | (cp >> 18));
      continue;
    }
    const uint8_t k = cls[cp];
    if (k & kSpecial) [[unlikely]] {
      if (cp == '\n') break;
      q = cp == '"' ? q ^ 1 : (cp == 0xAB || cp == 0x201C);
      marks.push_back({n, q});
    }
    out[n] = cp;
    n += k & kWord;
  }
  if (q) marks.push_back({n, 0});
  *n_out = n;
  return s;
}

// The hash of every 5-code-point shingle of `c` (n shingles), in a buffer of this thread.
const uint64_t* shingle_hashes(const uint32_t* c, size_t n) {
  thread_local std::vector<uint64_t> buf;
  if (buf.size() < n) buf.resize(n);
  hash_shingles(c, n, buf.data());
  return buf.data();
}

// LSD radix sort of sampled hashes, 8 bits a pass: the same order as std::sort, several
// times faster on a few hundred uniformly spread values. Samples keep only the bits of
// kSampleKeep (17-31): the passes over the zero low bits would not move anything.
void radix_sort(std::vector<uint32_t>& v) {
  static_assert(kSampleKeep == 0xFFFE0000u, "the passes below cover bits 17-31");
  if (v.size() < 64) {
    std::sort(v.begin(), v.end());
    return;
  }
  thread_local std::vector<uint32_t> tmp;
  tmp.resize(v.size());
  uint32_t* src = v.data();
  uint32_t* dst = tmp.data();
  for (int shift : {17, 25}) {
    std::array<uint32_t, 257> count{};
    for (size_t i = 0; i < v.size(); ++i) ++count[((src[i] >> shift) & 0xFF) + 1];
    for (int b = 0; b < 256; ++b) count[b + 1] += count[b];
    for (size_t i = 0; i < v.size(); ++i) dst[count[(src[i] >> shift) & 0xFF]++] = src[i];
    std::swap(src, dst);
  }
  // Two passes: the result is back in v.
}

}  // namespace

features compute_features(std::string_view text,
                          const std::function<bool(uint32_t)>& is_boilerplate,
                          const std::function<void(uint32_t)>& prefetch) {
  features f;
  compute_features(text, is_boilerplate, prefetch, f);
  return f;
}

void compute_features(std::string_view text, const std::function<bool(uint32_t)>& is_boilerplate,
                      const std::function<void(uint32_t)>& prefetch, features& f) {
  // Everything is set again; the vectors keep their capacity (no allocation per article).
  f.body_hash = 0;
  f.body_chars = 0;
  f.n_shingles = 0;
  f.line_hashes.clear();
  f.sample.clear();
  f.lead_sample.clear();
  f.quoted.clear();
  f.shingle_nibbles.clear();
  thread_local std::vector<char32_t> norm;
  text::normalise_code_points(text, norm);
  thread_local std::vector<uint32_t> all, kept;
  thread_local std::vector<quote_mark> kept_marks, all_marks;
  struct line_span {
    uint32_t begin, size, marks_begin, marks_end, hash;
    bool hashed;
  };
  thread_local std::vector<line_span> spans;
  // `all` holds n_all values; sized once for the whole text (never shrunk: no refill).
  if (all.size() < norm.size()) all.resize(norm.size());
  uint32_t n_all = 0;
  kept.clear();
  kept_marks.clear();
  all_marks.clear();
  spans.clear();
  // Pass 1: every line's letters/digits straight into `all`, hashed; pass 2 asks the
  // line counters, whose cells (an 8 MB table, a cache miss each) are prefetched
  // in between.
  const char32_t* t = norm.data();
  const size_t t_size = norm.size();
  size_t pos = 0;
  while (pos <= t_size) {
    const auto begin = n_all;
    const auto m0 = static_cast<uint32_t>(all_marks.size());
    uint32_t size = 0;
    pos = static_cast<size_t>(
              decode_line(t + pos, t + t_size, all.data() + begin, &size, all_marks) - t) +
          1;
    n_all += size;
    if (size == 0) {
      all_marks.resize(m0);
      continue;
    }
    line_span sp{begin, size, m0, static_cast<uint32_t>(all_marks.size()), 0, false};
    if (size >= 8) {  // shorter lines are too short to say anything; still part of the text
      sp.hash = static_cast<uint32_t>(XXH3_64bits(all.data() + begin, size * sizeof(uint32_t)));
      sp.hashed = true;
      f.line_hashes.push_back(sp.hash);
      if (prefetch) prefetch(sp.hash);
    }
    spans.push_back(sp);
  }
  // The kept lines are usually one run of `all` (boilerplate on top or at the bottom,
  // or none): shingled in place, copied only when a dropped line splits them.
  uint32_t run_begin = 0, run_end = 0;  // the kept run in `all` while `copied` is false
  bool copied = false;
  for (const line_span& sp : spans) {
    if (sp.hashed && is_boilerplate(sp.hash)) continue;
    const uint32_t kept_size = copied ? static_cast<uint32_t>(kept.size()) : run_end - run_begin;
    for (uint32_t k = sp.marks_begin; k < sp.marks_end; ++k) {
      kept_marks.push_back({kept_size + all_marks[k].at, all_marks[k].quoted});
    }
    if (!copied && (run_end == run_begin || sp.begin == run_end)) {
      if (run_end == run_begin) run_begin = sp.begin;
      run_end = sp.begin + sp.size;
      continue;
    }
    if (!copied) {
      kept.assign(all.begin() + run_begin, all.begin() + run_end);
      copied = true;
    }
    kept.insert(kept.end(), all.begin() + sp.begin, all.begin() + sp.begin + sp.size);
  }
  const uint32_t* kept_data = copied ? kept.data() : all.data() + run_begin;
  const size_t kept_n = copied ? kept.size() : run_end - run_begin;
  std::sort(f.line_hashes.begin(), f.line_hashes.end());
  f.line_hashes.erase(std::unique(f.line_hashes.begin(), f.line_hashes.end()), f.line_hashes.end());
  f.body_chars = static_cast<uint32_t>(n_all);
  f.body_hash = XXH3_64bits(all.data(), n_all * sizeof(uint32_t));

  f.sig.fill(UINT32_MAX);
  std::array<bool, kSigSize> filled{};
  if (kept_n >= kShingle) {
    f.n_shingles = static_cast<uint32_t>(kept_n - kShingle + 1);
    // Written without branches (a kept sample is 1 in 8 at random, a new minimum
    // is rare but unpredictable): every hash is stored in a buffer of this thread, the
    // count moves on a keep.
    thread_local std::vector<uint32_t> sample_buf;
    if (sample_buf.size() < f.n_shingles + 1) sample_buf.resize(f.n_shingles + 1);
    thread_local std::vector<uint32_t> sample_at;  // shingle position of each sample
    uint32_t* out = sample_buf.data();
    size_t n = 0, n_lead = 0;
    // The positions are only needed (and stored) when the text has quotation marks.
    auto shingles = [&](auto with_quotes) {
      uint32_t* at = nullptr;
      if constexpr (decltype(with_quotes)::value) {
        sample_at.resize(f.n_shingles + 1);
        at = sample_at.data();
      }
      const uint64_t* hashes = shingle_hashes(kept_data, f.n_shingles);
      auto step = [&](uint32_t i) {
        const uint64_t h = hashes[i];
        uint32_t bin = static_cast<uint32_t>(h >> 57);  // 128 bins
        uint32_t val = static_cast<uint32_t>(h);
        f.sig[bin] = std::min(f.sig[bin], val);
        uint32_t s = static_cast<uint32_t>(h >> 25);
        out[n] = s & kSampleKeep;
        if constexpr (decltype(with_quotes)::value) at[n] = i;
        n += s % kSampleMod == 0;
      };
      // The lead's samples are counted between the two loops (no test per shingle).
      const uint32_t lead_end = std::min<uint32_t>(f.n_shingles, kLeadShingles);
      uint32_t i = 0;
      for (; i < lead_end; ++i) step(i);
      n_lead = n;
      for (; i < f.n_shingles; ++i) step(i);
      // A bin is filled when a shingle fell in it: its minimum is below UINT32_MAX,
      // except when every value it got was UINT32_MAX (no flag store per shingle:
      // such bins, and empty ones, are told apart by one more pass, rarely needed).
      bool unsure = false;
      for (int b = 0; b < kSigSize; ++b) {
        filled[b] = f.sig[b] != UINT32_MAX;
        unsure |= !filled[b];
      }
      if (unsure) {
        for (uint32_t k = 0; k < f.n_shingles; ++k) filled[hashes[k] >> 57] = true;
      }
      f.shingle_nibbles.resize((f.n_shingles + 1) / 2);
      uint8_t* nib = f.shingle_nibbles.data();
      for (uint32_t i = 0; i + 1 < f.n_shingles; i += 2) {
        nib[i / 2] =
            static_cast<uint8_t>(shingle_nibble(hashes[i]) | (shingle_nibble(hashes[i + 1]) << 4));
      }
      if (f.n_shingles % 2) nib[f.n_shingles / 2] = shingle_nibble(hashes[f.n_shingles - 1]);
    };
    if (kept_marks.empty()) {
      shingles(std::false_type{});
    } else {
      shingles(std::true_type{});
    }
    f.sample.assign(out, out + n);
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
}

void unpack_nibbles(const uint8_t* packed, size_t n, std::vector<uint8_t>& out) {
  out.resize(n);
  for (size_t i = 0; i < n; ++i) out[i] = (packed[i / 2] >> ((i % 2) * 4)) & 0xF;
}

void sample_set::build(const std::vector<uint32_t>& sample) {
  bits_.fill(0);
  for (uint32_t v : sample) {
    const uint32_t q = v >> 17;
    bits_[q >> 6] |= uint64_t{1} << (q & 63);
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
