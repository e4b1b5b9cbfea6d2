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

namespace {

// Distinct slots of `slots` with how often each occurs, in order of first occurrence.
void count_hits(const std::vector<uint32_t>& slots,
                std::vector<std::pair<uint32_t, uint32_t>>& out) {
  thread_local std::vector<uint32_t> table;  // index into out, or UINT32_MAX
  uint32_t bits = 5;
  while ((size_t{1} << bits) < 2 * slots.size()) ++bits;
  table.assign(size_t{1} << bits, UINT32_MAX);
  const uint32_t mask = (uint32_t{1} << bits) - 1;
  for (uint32_t s : slots) {
    for (uint32_t i = (s * 0x9E3779B1u) >> (32 - bits);; i = (i + 1) & mask) {
      if (table[i] == UINT32_MAX) {
        table[i] = static_cast<uint32_t>(out.size());
        out.emplace_back(s, 1);
        break;
      }
      if (out[table[i]].first == s) {
        ++out[table[i]].second;
        break;
      }
    }
  }
}

}  // namespace

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

model::dedup_verdict index::impl::verdict_of(uint32_t s) const {
  const entry& e = slab[s];
  model::dedup_verdict v;
  v.status = static_cast<model::dedup_status>(e.status);
  v.duplicate_of = dup_of(s);
  v.similarity = e.similarity;
  return v;
}

void index::impl::advance_to(int64_t b) {
  const auto n = static_cast<int64_t>(ring.size());
  if (newest_bucket != INT64_MIN) {
    // Each step drops one whole bucket; a long gap clears at most the ring once.
    for (int64_t k = std::max(newest_bucket + 1, b - n + 1); k <= b; ++k) {
      auto& slots = ring[static_cast<size_t>(((k % n) + n) % n)];
      for (uint32_t s : slots) evict(s);
      slots.clear();
    }
  }
  newest_bucket = std::max(newest_bucket, b);
  // On the first call too: files of a run that saved nothing (a crash) outside the
  // window go now.
  archive->drop_before(newest_bucket - n + 1);
  // A sweep walks the whole band table: done once the evicted slots are a
  // sixteenth of the window (every ~5 buckets of 72), their cells skipped by
  // queries until then.
  if (dying.size() * 16 >= by_id.size()) sweep();
}

void index::impl::sweep() {
  if (dying.empty()) return;
  bands.sweep(dying_bits);
  for (uint32_t s : dying) dying_bits[s >> 6] &= ~(uint64_t{1} << (s & 63));
  free_slots.insert(free_slots.end(), dying.begin(), dying.end());
  dying.clear();
}

void index::impl::evict(uint32_t s) {
  entry& e = slab[s];
  if (!e.live) return;
  const std::string id = id_of(s);
  if (e.indexed) {
    // The band cells stay until the sweep that ends the bucket drop (the slot is
    // not reused before it): no random erase of 64 cells per article.
    if (e.status == static_cast<uint8_t>(model::dedup_status::unique)) {
      for (uint16_t i = 0; i < e.n_lines; ++i) lines.add(e.lines()[i], -1);
    }
    if (e.body_hash != 0) by_body.erase_if(e.body_hash, s);
  }
  if (e.url_hash != 0) by_url.erase_if(e.url_hash, s);
  if (auto it = clusters.find(cluster_key(e, id));
      it != clusters.end() && --it->second.members == 0) {
    clusters.erase(it);
  }
  by_id.erase_if(id_hash(id), s);
  if (e.id.kind == packed_id::kOther) other_ids.erase(s);
  if (e.dup_of.kind == packed_id::kOther) other_dups.erase(s);
  e = entry{};
  if (dying_bits.size() <= (s >> 6)) dying_bits.resize((s >> 6) + 1, 0);
  dying_bits[s >> 6] |= uint64_t{1} << (s & 63);
  dying.push_back(s);
}

model::dedup_verdict index::check_and_insert(const model::article& a) {
  impl& m = *impl_;
  if (uint32_t s = m.find_id(a.id); s != slot_map::kNone) return m.verdict_of(s);

  int64_t t = a.published_at_ms.value_or(a.fetched_at_ms.value_or(INT64_MIN));
  int64_t b =
      t == INT64_MIN ? (m.newest_bucket == INT64_MIN ? 0 : m.newest_bucket) : m.bucket_of(t);
  if (t == INT64_MIN) t = b * m.bucket_ms;
  if (b > m.newest_bucket) m.advance_to(b);
  const bool in_window = b > m.newest_bucket - static_cast<int64_t>(m.ring.size());

  entry e;
  std::string dup;
  e.time_ms = t;
  e.source = source_hash(a);
  std::string key = url_key(a.canonical_url.empty() ? canonicalize_url(a.url) : a.canonical_url);
  e.url_hash = key.empty() ? 0 : hash64(key) | 1;

  std::vector<uint32_t> band_keys;
  auto finish = [&](entry&& done) {
    model::dedup_verdict v;
    v.status = static_cast<model::dedup_status>(done.status);
    v.duplicate_of = dup;
    v.similarity = done.similarity;
    switch (v.status) {
      case model::dedup_status::unique:
        ++m.st.unique;
        break;
      case model::dedup_status::exact_duplicate:
        ++m.st.exact_duplicates;
        break;
      case model::dedup_status::near_duplicate:
        ++m.st.near_duplicates;
        break;
    }
    if (in_window) m.add(std::move(done), b, band_keys.data(), band_keys.size(), a.id, dup);
    return v;
  };

  if (e.url_hash != 0) {
    if (uint32_t s = m.by_url.find(e.url_hash); s != slot_map::kNone) {
      e.status = static_cast<uint8_t>(model::dedup_status::exact_duplicate);
      m.join(e, a.id, dup, s, in_window);
      e.similarity = 1.0f;
      return finish(std::move(e));
    }
  }

  const tuning& tu = m.tune;
  thread_local features f;  // its vectors are reused from article to article
  compute_features(
      a.text, [&m, &tu](uint32_t lh) { return m.lines.get(lh) >= tu.boilerplate_lines; },
      [&m](uint32_t lh) { m.lines.prefetch(lh); }, f);
  e.body_hash = f.body_chars >= tu.min_body_chars ? (f.body_hash | 1) : 0;
  if (e.body_hash != 0) {
    if (uint32_t s = m.by_body.find(e.body_hash); s != slot_map::kNone) {
      e.status = static_cast<uint8_t>(model::dedup_status::exact_duplicate);
      m.join(e, a.id, dup, s, in_window);
      e.similarity = 1.0f;
      return finish(std::move(e));
    }
  }

  // Candidates: slots sharing at least one LSH band, most shared bands first.
  if (f.n_shingles > 0) {
    band_keys.resize(static_cast<size_t>(tu.bands));
    dedup::band_keys(f, tu.bands, tu.rows, band_keys.data());
  }
  thread_local std::vector<std::pair<uint32_t, uint32_t>> hits;  // slot, shared bands
  thread_local std::vector<uint32_t> hit_slots;                  // a slot per shared band
  hits.clear();
  hit_slots.clear();
  const bool query = f.n_shingles >= tu.min_shingles;
  thread_local sample_set new_set;
  if (query) {
    // The probes and the candidates' entries are cache misses, independent of
    // each other: prefetching them all first lets them overlap, and the new
    // article's sample set is built while they arrive.
    for (uint32_t k : band_keys) m.bands.prefetch(k);
    new_set.build(f.sample);
  }
  // What the article stores does not depend on the verdict: prepared while the
  // probes' cache lines arrive (the entry's data is assigned while the candidates'
  // samples do).
  e.n_shingles = f.n_shingles;
  e.indexed = f.n_shingles > 0 || e.body_hash != 0;
  const auto n_sample = static_cast<uint16_t>(std::min<size_t>(f.sample.size(), 65535));
  const auto n_lines = static_cast<uint16_t>(std::min<size_t>(f.line_hashes.size(), 65535));
  thread_local std::vector<uint16_t> stored;
  stored.resize(n_sample);
  for (size_t k = 0, q = 0; k < n_sample; ++k) {
    const uint32_t v = f.sample[k];
    while (q < f.quoted.size() && f.quoted[q] < v) ++q;
    stored[k] = stored_sample(v, q < f.quoted.size() && f.quoted[q] == v);
  }
  // Only what can be a candidate later (min_shingles) is archived.
  uint32_t archive_off = text_archive::kNone;
  if (in_window && f.n_shingles >= tu.min_shingles && m.archive->enabled()) {
    archive_off = m.archive->append(b, id_hash(a.id), f.shingle_nibbles.data(),
                                    static_cast<uint32_t>(f.shingle_nibbles.size()));
  }
  if (query) {
    // A band shared by very many articles (a template, a recurring report) says
    // little; capping it keeps the query cost bounded.
    for (uint32_t k : band_keys) {
      uint32_t taken = 0;
      m.bands.for_each(k, [&taken, &m, &tu](uint32_t s) {
        if (!m.is_dying(s) && taken++ < 64) {
          hit_slots.push_back(s);
          // The entry (a cache miss) is needed for the candidate's sample; past
          // max_candidates hits, only those kept after the cut are fetched.
          if (hit_slots.size() <= tu.max_candidates) __builtin_prefetch(&m.slab[s]);
        }
      });
    }
  }
  // The verdict does not depend on the order the hits are verified in (ties go to the
  // lowest slot below), except through the cut to max_candidates, whose input must be
  // in slot order. When the cut cannot happen (at most max_candidates hits, ~45 an
  // article in a 20k window) they are counted in a small hash table, unsorted;
  // otherwise (a large window: ~220) sorted by slot (plain integers sort faster than
  // pairs), then counted.
  if (hit_slots.size() <= tu.max_candidates) {
    count_hits(hit_slots, hits);
  } else {
    std::sort(hit_slots.begin(), hit_slots.end());
    for (size_t i = 0; i < hit_slots.size();) {
      size_t j = i;
      while (j < hit_slots.size() && hit_slots[j] == hit_slots[i]) ++j;
      hits.emplace_back(hit_slots[i], static_cast<uint32_t>(j - i));
      i = j;
    }
  }
  m.st.candidates += hits.size();
  if (hits.size() > tu.max_candidates) {
    std::partial_sort(hits.begin(), hits.begin() + tu.max_candidates, hits.end(),
                      [](const auto& x, const auto& y) { return x.second > y.second; });
    hits.resize(tu.max_candidates);
    for (const auto& h : hits) __builtin_prefetch(&m.slab[h.first]);
  }
  // The part of each candidate's sample an unrelated candidate's scan reads (the
  // unary words, the first half of the low bytes: 2-3 cache lines of ~5), all
  // requested before the first is read: memory latency is most of the query's
  // time. (Their entries were requested as the band probes found them; a pipeline
  // a few candidates ahead was 20% slower.)
  for (const auto& h : hits) {
    const entry& c = m.slab[h.first];
    const auto at = reinterpret_cast<uintptr_t>(c.sample_code());
    const uintptr_t end = at + sample_code::prefix_bytes(c.n_sample);
    for (uintptr_t line = at & ~uintptr_t{63}; line < end; line += 64) {
      __builtin_prefetch(reinterpret_cast<const void*>(line));
    }
  }

  e.assign(f.line_hashes.data(), n_lines, stored.data(), n_sample, archive_off);

  double best = 0;
  uint32_t best_slot = UINT32_MAX;
  const double new_size = static_cast<double>(f.sample.size());
  // Candidates between the two containments are decided by the second tier.
  const double low_containment = m.archive->enabled()
                                     ? std::min(m.cfg.containment, tu.aligned_containment)
                                     : m.cfg.containment;
  // Without a query there are no hits: new_set is only read for hits.
  for (const auto& [s, n_hit] : hits) {
    const entry& c = m.slab[s];
    if (c.n_shingles < tu.min_shingles || c.n_sample == 0 || f.sample.empty()) continue;
    ++m.st.verifications;
    const double small = std::min<double>(new_size, c.n_sample);
    auto passes = [&](uint32_t inter) {
      const double cont = inter / small;
      const double jac = inter / (new_size + c.n_sample - inter);
      return !(jac < m.cfg.threshold && cont < low_containment);
    };
    // The fewest common samples that pass (both scores grow with the overlap):
    // the scan stops as soon as that count is out of reach, which is after a
    // fraction of the candidate for nearly every candidate (unrelated texts).
    const uint32_t most = static_cast<uint32_t>(small);
    uint32_t need = static_cast<uint32_t>(
        std::max(0.0, std::min(m.cfg.threshold * (new_size + c.n_sample) / (1 + m.cfg.threshold),
                               low_containment * small) -
                          2));
    while (need <= most && !passes(need)) ++need;
    if (need > most) continue;
    // Scan until `need` is out of reach: that cannot happen before the unread values
    // number fewer than need - inter, so the test runs only from there on.
    uint32_t inter = 0, k = 0;
    const uint32_t nc = c.n_sample;
    sample_code::reader scan = c.samples();
    while (k < nc) {
      const uint32_t stop = std::min(nc, nc + inter - need + 1);  // need <= nc
      for (; k < stop; ++k) inter += new_set.contains_top(scan.next_top());
      if (inter + (nc - k) < need) break;
    }
    if (inter < need) continue;
    // A likely match (about one candidate in 30): the rest reads the whole sample.
    thread_local std::vector<uint16_t> decoded;
    decoded.resize(c.n_sample);
    sample_code::decode(c.sample_code(), c.n_sample, decoded.data());
    const uint16_t* cs = decoded.data();
    const double cont = inter / small;
    const double jac = inter / (new_size + c.n_sample - inter);
    // The new article's lead: an outlet that re-leads its own text with a new
    // development has written a new story (SAME_STORY), not a copy.
    uint32_t lead_new = 0;
    for (uint32_t h : f.lead_sample) {
      // The stored samples carry flags in their low bits: compare without them.
      const uint16_t* it = std::lower_bound(
          cs, cs + c.n_sample, h, [](uint16_t x, uint32_t v) { return sample_value(x) < v; });
      if (it == cs + c.n_sample || sample_value(*it) != h) ++lead_new;
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
      const uint32_t v = sample_value(cs[k]);
      if (!new_set.contains(v)) continue;
      old_quoted += cs[k] & kQuotedBit;
      new_quoted += std::binary_search(f.quoted.begin(), f.quoted.end(), v);
    }
    if (std::max(new_quoted, old_quoted) >= tu.quoted_share * inter) continue;
    // The second tier is for another outlet's copy: an outlet reusing its own
    // background paragraphs under a new lead has written a new story.
    if (jac < m.cfg.threshold && cont < m.cfg.containment &&
        ((c.source == e.source && !tu.aligned_same_source) || !m.aligned(s, f))) {
      continue;
    }
    double sim = std::max(jac, cont);
    // The lowest slot among equals (the order the hits were verified in when sorted).
    if (sim > best || (sim == best && best_slot != UINT32_MAX && s < best_slot)) {
      best = sim;
      best_slot = s;
    }
  }

  if (best_slot != UINT32_MAX) {
    e.status = static_cast<uint8_t>(model::dedup_status::near_duplicate);
    m.join(e, a.id, dup, best_slot, in_window);
    e.similarity = static_cast<float>(best);
  }
  return finish(std::move(e));
}

}  // namespace newsd::dedup
