#include "daemon/dedup/dedup.h"

#include <algorithm>

#include "common/hash.h"
#include "daemon/dedup/index_impl.h"

namespace newsd::dedup {

uint32_t source_hash(const model::article& a) {
  if (!a.source.empty()) return static_cast<uint32_t>(hash64(a.source));
  std::string_view u = a.canonical_url.empty() ? a.url : a.canonical_url;
  size_t s = u.find("://");
  if (s != std::string_view::npos) u = u.substr(s + 3);
  return static_cast<uint32_t>(hash64(u.substr(0, u.find('/'))));
}

index::index(const config::dedup_section& cfg) : index(cfg, tuning{}) {}

index::index(const config::dedup_section& cfg, const tuning& t) : impl_(std::make_unique<impl>()) {
  impl_->cfg = cfg;
  impl_->tune = t;
  impl_->tune.bands = std::clamp(t.bands, 1, kSigSize);
  impl_->tune.rows = std::clamp(t.rows, 1, kSigSize / impl_->tune.bands);
  int bucket_h = std::max(1, cfg.bucket_hours);
  impl_->bucket_ms = int64_t{bucket_h} * 3600000;
  impl_->ring.resize(std::max(1, (cfg.window_hours + bucket_h - 1) / bucket_h));
}

index::~index() = default;

model::dedup_verdict index::impl::verdict_of(const entry& e) const {
  model::dedup_verdict v;
  v.status = static_cast<model::dedup_status>(e.status);
  v.duplicate_of = e.dup_of;
  v.similarity = e.similarity;
  return v;
}

void index::impl::advance_to(int64_t b) {
  if (newest_bucket == INT64_MIN) {
    newest_bucket = b;
    return;
  }
  const auto n = static_cast<int64_t>(ring.size());
  // Each step drops one whole bucket; a long gap clears at most the ring once.
  for (int64_t k = std::max(newest_bucket + 1, b - n + 1); k <= b; ++k) {
    auto& slots = ring[static_cast<size_t>(((k % n) + n) % n)];
    for (uint32_t s : slots) evict(s);
    slots.clear();
  }
  newest_bucket = std::max(newest_bucket, b);
}

void index::impl::evict(uint32_t s) {
  entry& e = slab[s];
  if (!e.live) return;
  if (e.indexed) {
    for (uint16_t i = 0; i < e.n_bands; ++i) bands.prefetch(e.bands()[i]);
    for (uint16_t i = 0; i < e.n_bands; ++i) bands.erase(e.bands()[i], s);
    if (e.status == static_cast<uint8_t>(model::dedup_status::unique)) {
      for (uint16_t i = 0; i < e.n_lines; ++i) lines.add(e.lines()[i], -1);
    }
    if (auto it = by_body.find(e.body_hash); it != by_body.end() && it->second == s) by_body.erase(it);
  }
  if (auto it = by_url.find(e.url_hash); it != by_url.end() && it->second == s) by_url.erase(it);
  if (auto it = clusters.find(cluster_key(e)); it != clusters.end() && --it->second.members == 0) {
    clusters.erase(it);
  }
  by_id.erase(e.id);
  e = entry{};
  free_slots.push_back(s);
}

void index::impl::join(entry& e, uint32_t s, bool counted) {
  const entry& c = slab[s];
  const uint64_t key = cluster_key(c);
  auto [it, fresh] = clusters.try_emplace(key);
  cluster_info& ci = it->second;
  if (fresh) {  // c was alone: it is the cluster
    ci.earliest = c.id;
    ci.earliest_ms = c.time_ms;
    ci.members = 1;
  }
  // The earliest member already seen, even when `e` was published before it: `e`
  // arrived later, so it is the duplicate, and what has been emitted stands.
  e.dup_of = ci.earliest;
  e.cluster = key;
  if (counted) ++ci.members;
  // Later members will name `e` if it is the earliest published.
  if (e.time_ms < ci.earliest_ms) {
    ci.earliest = e.id;
    ci.earliest_ms = e.time_ms;
  }
}

uint32_t index::impl::add(entry e, int64_t bucket) {
  uint32_t s;
  if (!free_slots.empty()) {
    s = free_slots.back();
    free_slots.pop_back();
  } else {
    s = static_cast<uint32_t>(slab.size());
    slab.emplace_back();
  }
  e.live = true;
  const auto n = static_cast<int64_t>(ring.size());
  ring[static_cast<size_t>(((bucket % n) + n) % n)].push_back(s);
  by_id[e.id] = s;
  if (e.url_hash != 0) by_url.emplace(e.url_hash, s);
  if (e.indexed) {
    for (uint16_t i = 0; i < e.n_bands; ++i) bands.prefetch(e.bands()[i]);
    for (uint16_t i = 0; i < e.n_bands; ++i) bands.insert(e.bands()[i], s);
    if (e.status == static_cast<uint8_t>(model::dedup_status::unique)) {
      for (uint16_t i = 0; i < e.n_lines; ++i) lines.add(e.lines()[i], +1);
    }
    if (e.body_hash != 0) by_body.emplace(e.body_hash, s);
  }
  slab[s] = std::move(e);
  return s;
}

model::dedup_verdict index::check_and_insert(const model::article& a) {
  impl& m = *impl_;
  if (auto it = m.by_id.find(a.id); it != m.by_id.end()) return m.verdict_of(m.slab[it->second]);

  int64_t t = a.published_at_ms.value_or(a.fetched_at_ms.value_or(INT64_MIN));
  int64_t b = t == INT64_MIN ? (m.newest_bucket == INT64_MIN ? 0 : m.newest_bucket) : m.bucket_of(t);
  if (t == INT64_MIN) t = b * m.bucket_ms;
  if (b > m.newest_bucket) m.advance_to(b);
  const bool in_window = b > m.newest_bucket - static_cast<int64_t>(m.ring.size());

  entry e;
  e.id = a.id;
  e.time_ms = t;
  e.source = source_hash(a);
  std::string key = url_key(a.canonical_url.empty() ? canonicalize_url(a.url) : a.canonical_url);
  e.url_hash = key.empty() ? 0 : hash64(key) | 1;

  auto finish = [&](entry&& done) {
    model::dedup_verdict v = m.verdict_of(done);
    switch (v.status) {
      case model::dedup_status::unique: ++m.st.unique; break;
      case model::dedup_status::exact_duplicate: ++m.st.exact_duplicates; break;
      case model::dedup_status::near_duplicate: ++m.st.near_duplicates; break;
    }
    if (in_window) m.add(std::move(done), b);
    return v;
  };

  if (e.url_hash != 0) {
    if (auto it = m.by_url.find(e.url_hash); it != m.by_url.end()) {
      e.status = static_cast<uint8_t>(model::dedup_status::exact_duplicate);
      m.join(e, it->second, in_window);
      e.similarity = 1.0f;
      return finish(std::move(e));
    }
  }

  const tuning& tu = m.tune;
  features f = compute_features(a.text, [&m, &tu](uint32_t lh) {
    return m.lines.get(lh) >= tu.boilerplate_lines;
  });
  e.body_hash = f.body_chars >= tu.min_body_chars ? (f.body_hash | 1) : 0;
  if (e.body_hash != 0) {
    if (auto it = m.by_body.find(e.body_hash); it != m.by_body.end()) {
      e.status = static_cast<uint8_t>(model::dedup_status::exact_duplicate);
      m.join(e, it->second, in_window);
      e.similarity = 1.0f;
      return finish(std::move(e));
    }
  }

  // Candidates: slots sharing at least one LSH band, most shared bands first.
  std::vector<uint32_t> band_keys;
  if (f.n_shingles > 0) {
    band_keys.resize(static_cast<size_t>(tu.bands));
    for (int bi = 0; bi < tu.bands; ++bi) {
      uint64_t x = 0x9e3779b97f4a7c15ULL * static_cast<uint64_t>(bi + 1);
      for (int r = 0; r < tu.rows; ++r) x = hash64({reinterpret_cast<const char*>(&f.sig[bi * tu.rows + r]), 4}, x);
      band_keys[static_cast<size_t>(bi)] = static_cast<uint32_t>(x);
    }
  }
  thread_local std::vector<std::pair<uint32_t, uint32_t>> hits;  // slot, shared bands
  hits.clear();
  if (f.n_shingles >= tu.min_shingles) {
    // A band shared by very many articles (a template, a recurring report) says
    // little; capping it keeps the query cost bounded.
    // The probes and the candidates' entries are cache misses, independent of
    // each other: prefetching them all first lets them overlap.
    for (uint32_t k : band_keys) m.bands.prefetch(k);
    for (uint32_t k : band_keys) {
      uint32_t taken = 0;
      m.bands.for_each(k, [&taken](uint32_t s) {
        if (taken++ < 64) hits.emplace_back(s, 1);
      });
    }
  }
  std::sort(hits.begin(), hits.end());
  size_t w = 0;
  for (size_t i = 0; i < hits.size();) {
    size_t j = i;
    while (j < hits.size() && hits[j].first == hits[i].first) ++j;
    hits[w++] = {hits[i].first, static_cast<uint32_t>(j - i)};
    i = j;
  }
  hits.resize(w);
  m.st.candidates += hits.size();
  if (hits.size() > tu.max_candidates) {
    std::partial_sort(hits.begin(), hits.begin() + tu.max_candidates, hits.end(),
                      [](const auto& x, const auto& y) { return x.second > y.second; });
    hits.resize(tu.max_candidates);
  }
  for (const auto& h : hits) __builtin_prefetch(&m.slab[h.first]);
  for (const auto& h : hits) {
    // The scan usually stops within the first ~60 samples: 4 cache lines.
    const auto* p = reinterpret_cast<const char*>(m.slab[h.first].sample());
    for (int line = 0; line < 4; ++line) __builtin_prefetch(p + line * 64);
  }

  double best = 0;
  uint32_t best_slot = UINT32_MAX;
  const double new_size = static_cast<double>(f.sample.size());
  thread_local sample_set new_set;
  if (!hits.empty()) new_set.build(f.sample);
  for (const auto& [s, n_hit] : hits) {
    const entry& c = m.slab[s];
    if (c.n_shingles < tu.min_shingles || c.n_sample == 0 || f.sample.empty()) continue;
    ++m.st.verifications;
    const double small = std::min<double>(new_size, c.n_sample);
    auto passes = [&](uint32_t inter) {
      const double cont = inter / small;
      const double jac = inter / (new_size + c.n_sample - inter);
      return !(jac < m.cfg.threshold && cont < m.cfg.containment);
    };
    // The fewest common samples that pass (both scores grow with the overlap):
    // the scan stops as soon as that count is out of reach, which is after a
    // fraction of the candidate for nearly every candidate (unrelated texts).
    const uint32_t most = static_cast<uint32_t>(small);
    uint32_t need = static_cast<uint32_t>(std::max(
        0.0, std::min(m.cfg.threshold * (new_size + c.n_sample) / (1 + m.cfg.threshold),
                      m.cfg.containment * small) - 2));
    while (need <= most && !passes(need)) ++need;
    if (need > most) continue;
    uint32_t inter = 0;
    const uint32_t* cs = c.sample();
    for (uint32_t k = 0; k < c.n_sample; ++k) {
      inter += new_set.contains(cs[k] & kSampleMask);
      if ((k & 15) == 15 && inter + (c.n_sample - k - 1) < need) break;
    }
    if (inter < need) continue;
    const double cont = inter / small;
    const double jac = inter / (new_size + c.n_sample - inter);
    // The new article's lead: an outlet that re-leads its own text with a new
    // development has written a new story (SAME_STORY), not a copy.
    uint32_t lead_new = 0;
    for (uint32_t h : f.lead_sample) {
      // The stored samples carry flags in their low bits: compare without them.
      const uint32_t* it =
          std::lower_bound(c.sample(), c.sample() + c.n_sample, h,
                           [](uint32_t x, uint32_t v) { return (x & kSampleMask) < v; });
      if (it == c.sample() + c.n_sample || (*it & kSampleMask) != h) ++lead_new;
    }
    double lead_novelty = f.lead_sample.empty() ? 0.0 : double(lead_new) / f.lead_sample.size();
    if (c.source == e.source) {
      if (lead_novelty >= tu.same_source_lead_novelty) continue;
      if (inter / new_size < tu.same_source_new_containment) continue;
    } else if (lead_novelty >= tu.cross_source_lead_novelty) {
      continue;
    }
    // What the two texts share is a quotation in either of them: the articles share
    // a statement's wording (SAME_STORY in the labels' policy), not a source text.
    // A wire copy that quotes a few sentences shares mostly text outside quotes.
    uint32_t new_quoted = 0, old_quoted = 0;
    for (uint32_t k = 0; k < c.n_sample; ++k) {
      const uint32_t v = cs[k] & kSampleMask;
      if (!new_set.contains(v)) continue;
      old_quoted += cs[k] & kQuotedBit;
      new_quoted += std::binary_search(f.quoted.begin(), f.quoted.end(), v);
    }
    if (std::max(new_quoted, old_quoted) >= tu.quoted_share * inter) continue;
    double sim = std::max(jac, cont);
    if (sim > best) {
      best = sim;
      best_slot = s;
    }
  }

  if (best_slot != UINT32_MAX) {
    e.status = static_cast<uint8_t>(model::dedup_status::near_duplicate);
    m.join(e, best_slot, in_window);
    e.similarity = static_cast<float>(best);
  }
  e.n_shingles = f.n_shingles;
  e.indexed = f.n_shingles > 0 || e.body_hash != 0;
  e.n_bands = static_cast<uint16_t>(band_keys.size());
  e.n_sample = static_cast<uint16_t>(std::min<size_t>(f.sample.size(), 65535));
  e.n_lines = static_cast<uint16_t>(std::min<size_t>(f.line_hashes.size(), 65535));
  e.data.reserve(e.n_bands + e.n_sample + e.n_lines);
  e.data.insert(e.data.end(), band_keys.begin(), band_keys.end());
  for (size_t k = 0, q = 0; k < e.n_sample; ++k) {
    const uint32_t v = f.sample[k];
    while (q < f.quoted.size() && f.quoted[q] < v) ++q;
    e.data.push_back(q < f.quoted.size() && f.quoted[q] == v ? v | kQuotedBit : v);
  }
  e.data.insert(e.data.end(), f.line_hashes.begin(), f.line_hashes.begin() + e.n_lines);
  return finish(std::move(e));
}

stats index::get_stats() const {
  const impl& m = *impl_;
  stats s = m.st;
  s.indexed = m.by_id.size();
  s.buckets = 0;
  for (const auto& r : m.ring) s.buckets += r.empty() ? 0 : 1;
  // What the heap holds, allocator overhead included (glibc: 8-byte header, 16-byte
  // granularity, 32-byte minimum), so that the figure matches the RSS growth.
  auto chunk = [](size_t n) -> uint64_t {
    return n == 0 ? 0 : std::max<size_t>(32, (n + 8 + 15) & ~size_t{15});
  };
  uint64_t mem = chunk(m.bands.memory_bytes()) + m.lines.memory_bytes() +
                 chunk(m.slab.capacity() * sizeof(entry)) + chunk(m.free_slots.capacity() * 4);
  for (const entry& e : m.slab) {
    mem += chunk(e.data.capacity() * 4);
    if (e.id.capacity() > 15) mem += chunk(e.id.capacity() + 1);
    if (e.dup_of.capacity() > 15) mem += chunk(e.dup_of.capacity() + 1);
  }
  // unordered_map nodes: next pointer + key + value (+ cached hash for strings), and
  // the bucket array.
  mem += m.by_id.size() * chunk(8 + sizeof(std::pair<const std::string, uint32_t>) + 8) +
         chunk(m.by_id.bucket_count() * 8);
  mem += m.by_body.size() * chunk(8 + 16) + chunk(m.by_body.bucket_count() * 8);
  mem += m.by_url.size() * chunk(8 + 16) + chunk(m.by_url.bucket_count() * 8);
  for (const auto& [k, c] : m.clusters) {
    mem += chunk(8 + sizeof(std::pair<const uint64_t, cluster_info>)) +
           (c.earliest.capacity() > 15 ? chunk(c.earliest.capacity() + 1) : 0);
  }
  mem += chunk(m.clusters.bucket_count() * 8);
  for (const auto& r : m.ring) mem += chunk(r.capacity() * 4);
  s.memory_bytes = mem;
  return s;
}

}  // namespace newsd::dedup
