// The second verification tier: aligned runs read back from the archive.
#include <algorithm>

#include "daemon/dedup/index_impl.h"

namespace newsd::dedup {
namespace {

// Thread-local buffers above this many elements are released after use: one long
// pair must not keep its size for the life of the thread.
constexpr size_t kKeepElements = size_t{1} << 16;

template <typename T>
void release_if_large(std::vector<T>& v) {
  if (v.capacity() > kKeepElements) std::vector<T>().swap(v);
}

}  // namespace

status index::attach_archive(const std::string& dir) {
  if (dir.empty()) {
    impl_->archive->open_memory();
    return ok_status();
  }
  return impl_->archive->open_dir(dir, impl_->bucket_ms);
}

bool index::impl::aligned(uint32_t s, const features& f) {
  const entry& c = slab[s];
  if (!c.archived || f.shingle_nibbles.empty()) return false;
  thread_local std::vector<uint8_t> packed, old, now;
  bool yes = false;
  if (archive->read(bucket_of(c.time_ms), c.archive_offset(), id_hash(id_of(s)), packed) &&
      (c.n_shingles + 1) / 2 == packed.size()) {
    ++st.aligned_checks;
    unpack_nibbles(packed.data(), c.n_shingles, old);
    unpack_nibbles(f.shingle_nibbles.data(), f.n_shingles, now);
    yes = aligned_share(now.data(), now.size(), old.data(), old.size(), tune.aligned_run) >=
          tune.aligned_share;
  }
  release_if_large(packed);
  release_if_large(old);
  release_if_large(now);
  return yes;
}

double aligned_share(const uint8_t* a, size_t na, const uint8_t* b, size_t nb, uint32_t min_run,
                     uint64_t* work) {
  // Values per seed (16 nibbles: 64 bits); a run is found from any of its seeds.
  constexpr size_t kSeed = 16;
  if (work != nullptr) *work = 0;
  if (na < kSeed || nb < kSeed) return 0;
  min_run = std::max<uint32_t>(min_run, kSeed);
  thread_local std::vector<std::pair<uint64_t, uint32_t>> seeds;
  thread_local std::vector<uint8_t> cov_a, cov_b;
  seeds.clear();
  // A seed packs the low 4 bits of kSeed values.
  const auto seed_at = [](const uint8_t* p) {
    uint64_t k = 0;
    for (size_t i = 0; i < kSeed; ++i) k = (k << 4) ^ p[i];
    return k;
  };
  for (size_t j = 0; j + kSeed <= nb; ++j)
    seeds.emplace_back(seed_at(b + j), static_cast<uint32_t>(j));
  std::sort(seeds.begin(), seeds.end());
  cov_a.assign(na, 0);
  cov_b.assign(nb, 0);
  // Repetitive text (a list, a table, one phrase over and over) makes every seed match
  // everywhere: the tries per seed and the extension steps overall are capped, so the
  // cost stays linear; stopping early only lowers the share (fewer copies found).
  const uint64_t budget = kWorkPerValue * (na + nb);
  uint64_t steps = 0;
  for (size_t i = 0; i + kSeed <= na && steps < budget;) {
    const uint64_t k = seed_at(a + i);
    auto lo = std::lower_bound(seeds.begin(), seeds.end(), std::make_pair(k, uint32_t{0}));
    auto hi = std::upper_bound(lo, seeds.end(), std::make_pair(k, UINT32_MAX));
    if (static_cast<size_t>(hi - lo) > kMaxSeedTries) {
      // The places nearest the same relative position in b (the diagonal).
      const auto diag = static_cast<uint32_t>(i * nb / na);
      auto mid = std::lower_bound(lo, hi, std::make_pair(k, diag));
      const auto half = static_cast<ptrdiff_t>(kMaxSeedTries / 2);
      auto from = mid - std::min(half, mid - lo);
      from = std::max(lo, std::min(from, hi - static_cast<ptrdiff_t>(kMaxSeedTries)));
      lo = from;
      hi = from + static_cast<ptrdiff_t>(kMaxSeedTries);
    }
    size_t best = 0, best_j = 0;
    // A seed that repeats in b (a repeated phrase) is tried at each of those places,
    // longest wins.
    for (auto it = lo; it != hi && steps < budget; ++it) {
      const size_t j = it->second;
      size_t len = kSeed;
      while (i + len < na && j + len < nb && a[i + len] == b[j + len]) ++len;
      steps += 1 + (len - kSeed);
      if (len > best) {
        best = len;
        best_j = j;
      }
    }
    if (best >= min_run) {
      std::fill_n(cov_a.begin() + static_cast<ptrdiff_t>(i), best, 1);
      std::fill_n(cov_b.begin() + static_cast<ptrdiff_t>(best_j), best, 1);
      i += best;
    } else {
      ++i;
    }
  }
  if (work != nullptr) *work = steps;
  const auto count = [](const std::vector<uint8_t>& v) {
    return static_cast<double>(std::count(v.begin(), v.end(), 1));
  };
  const double share =
      na <= nb ? count(cov_a) / static_cast<double>(na) : count(cov_b) / static_cast<double>(nb);
  release_if_large(seeds);
  release_if_large(cov_a);
  release_if_large(cov_b);
  return share;
}

}  // namespace newsd::dedup
