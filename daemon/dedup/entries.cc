// The window's entries: packed ids and what the window holds in memory.
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
  // Files: the stdio buffers only; in memory (tools, tests): all of it.
  mem += m.archive->memory_bytes();
  s.memory_bytes = mem;
  s.archive_bytes = m.archive->stored_bytes();
  return s;
}

}  // namespace newsd::dedup
