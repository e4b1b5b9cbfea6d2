// The window's entries: packed ids, what the window holds in memory, joining a
// cluster and entering the window.
#include <algorithm>

#include "common/hash.h"
#include "daemon/dedup/index_impl.h"

namespace newsd::dedup {

uint64_t cluster_key(const entry& e, const std::string& id) {
  return e.cluster != 0 ? e.cluster : (hash64(id) | 1);
}

std::string index::impl::id_of(uint32_t s) const {
  const entry& e = slab[s];
  std::string out;
  if (e.id.kind == packed_id::kHex) {
    e.id.unpack(out);
  } else if (auto it = other_ids.find(s); it != other_ids.end()) {
    out = it->second;
  }
  return out;
}

std::string index::impl::dup_of(uint32_t s) const {
  const entry& e = slab[s];
  std::string out;
  if (e.dup_of.kind == packed_id::kHex) {
    e.dup_of.unpack(out);
  } else if (auto it = other_dups.find(s); it != other_dups.end()) {
    out = it->second;
  }
  return out;
}

uint32_t index::impl::find_id(std::string_view id) const {
  const uint32_t s = by_id.find(id_hash(id));
  if (s == slot_map::kNone) return s;
  const entry& e = slab[s];
  packed_id p;
  if (p.pack(id)) {
    return e.id.kind == packed_id::kHex && e.id.w[0] == p.w[0] && e.id.w[1] == p.w[1]
               ? s
               : slot_map::kNone;
  }
  auto it = other_ids.find(s);
  return it != other_ids.end() && it->second == id ? s : slot_map::kNone;
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
                 m.slab.chunks() * chunk((size_t{1} << slab_store::kChunkBits) * sizeof(entry)) +
                 chunk(m.slab.chunk_capacity() * 8) + chunk(m.free_slots.capacity() * 4) +
                 chunk(m.dying.capacity() * 4) + chunk(m.dying_bits.capacity() * 8);
  for (uint32_t i = 0; i < m.slab.size(); ++i) {
    const entry& e = m.slab[i];
    if (e.data) mem += chunk(e.data_words() * 4);
    s.unarchived += e.live && !e.archived && e.n_shingles >= m.tune.min_shingles;
  }
  s.second_tier = m.archive->enabled();
  s.archive_write_failures = m.archive->write_failures();
  // unordered_map nodes: next pointer + key + value, and the bucket array.
  for (const auto* ids : {&m.other_ids, &m.other_dups}) {
    for (const auto& [k, v] : *ids) {
      mem += chunk(8 + sizeof(std::pair<const uint32_t, std::string>)) +
             (v.capacity() > 15 ? chunk(v.capacity() + 1) : 0);
    }
    mem += chunk(ids->bucket_count() * 8);
  }
  mem += chunk(m.by_id.memory_bytes() * 2 / 3) + chunk(m.by_id.memory_bytes() / 3);
  mem += chunk(m.by_body.memory_bytes() * 2 / 3) + chunk(m.by_body.memory_bytes() / 3);
  mem += chunk(m.by_url.memory_bytes() * 2 / 3) + chunk(m.by_url.memory_bytes() / 3);
  for (const auto& [k, c] : m.clusters) {
    mem += chunk(8 + sizeof(std::pair<const uint64_t, cluster_info>)) +
           (c.earliest.capacity() > 15 ? chunk(c.earliest.capacity() + 1) : 0);
  }
  mem += chunk(m.clusters.bucket_count() * 8);
  for (const auto& r : m.ring) mem += chunk(r.capacity() * 4);
  // Files: the pending write buffer and bookkeeping only; in memory (tools, tests): all of it.
  mem += m.archive->memory_bytes();
  s.memory_bytes = mem;
  s.archive_bytes = m.archive->stored_bytes();
  return s;
}

// Joining a cluster and entering the window.
void index::impl::join(entry& e, const std::string& id, std::string& dup, uint32_t s,
                       bool counted) {
  const entry& c = slab[s];
  const std::string c_id = id_of(s);
  const uint64_t key = cluster_key(c, c_id);
  auto [it, fresh] = clusters.try_emplace(key);
  cluster_info& ci = it->second;
  if (fresh) {  // c was alone: it is the cluster
    ci.earliest = c_id;
    ci.earliest_ms = c.time_ms;
    ci.members = 1;
  }
  // The earliest member already seen, even when `e` was published before it: `e`
  // arrived later, so it is the duplicate, and what has been emitted stands.
  dup = ci.earliest;
  if (!e.dup_of.pack(dup)) e.dup_of.kind = packed_id::kOther;
  e.cluster = key;
  if (counted) ++ci.members;
  // Later members will name `e` if it is the earliest published. Not when `e` is older
  // than the window: it is not stored, so the same id again would find no stored verdict
  // and name itself.
  if (counted && e.time_ms < ci.earliest_ms) {
    ci.earliest = id;
    ci.earliest_ms = e.time_ms;
  }
}

uint32_t index::impl::add(entry e, int64_t bucket, const uint32_t* band_keys, size_t n_bands,
                          std::string_view id, std::string_view dup) {
  uint32_t s;
  if (!free_slots.empty()) {
    s = free_slots.back();
    free_slots.pop_back();
  } else {
    s = slab.grow();
  }
  e.live = true;
  const auto n = static_cast<int64_t>(ring.size());
  ring[static_cast<size_t>(((bucket % n) + n) % n)].push_back(s);
  by_id.insert(id_hash(id), s, true);
  if (!e.id.pack(id)) {
    e.id.kind = packed_id::kOther;
    other_ids[s] = std::string(id);
  }
  if (e.dup_of.kind == packed_id::kOther) other_dups[s] = std::string(dup);
  if (e.url_hash != 0) by_url.insert(e.url_hash, s, false);
  if (e.indexed) {
    for (size_t i = 0; i < n_bands; ++i) bands.prefetch(band_keys[i]);
    for (size_t i = 0; i < n_bands; ++i) bands.insert(band_keys[i], s);
    if (e.status == static_cast<uint8_t>(model::dedup_status::unique)) {
      for (uint16_t i = 0; i < e.n_lines; ++i) lines.add(e.lines()[i], +1);
    }
    if (e.body_hash != 0) by_body.insert(e.body_hash, s, false);
  }
  slab[s] = std::move(e);
  return s;
}

}  // namespace newsd::dedup
