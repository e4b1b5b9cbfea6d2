#include "daemon/entities/document.h"

#include <algorithm>

namespace newsd::entities {

std::vector<doc_input> document_features(const std::vector<const tagged*>& first, size_t window) {
  std::vector<doc_input> out;
  document_features(first, window, out);
  return out;
}

void document_features(const std::vector<const tagged*>& first, size_t window,
                       std::vector<doc_input>& out) {
  const size_t n = first.size();
  // Each distinct word key of the document gets a slot (a small open-addressing table, the
  // document's few hundred keys); the sliding window then only adds and subtracts counts.
  constexpr uint32_t kNone = 0xFFFFFFFFu;
  size_t total = 0;
  // Per-thread scratch (one call per text): no allocation per call once warm.
  thread_local std::vector<size_t> start;
  thread_local std::vector<uint64_t> table_key;
  thread_local std::vector<uint32_t> table_slot, slot;
  thread_local std::vector<doc_votes> votes;
  start.assign(n + 1, 0);
  for (size_t s = 0; s < n; ++s) start[s + 1] = total += first[s]->words.size();
  size_t cap = 64;
  while (cap < 2 * total) cap <<= 1;
  table_key.assign(cap, 0);
  table_slot.assign(cap, 0);
  slot.assign(total, kNone);
  uint32_t used = 0;
  for (size_t s = 0; s < n; ++s) {
    const auto& words = first[s]->words;
    for (size_t i = 0; i < words.size(); ++i) {
      const uint64_t k = words[i]->doc;
      if (k == 0) continue;  // doc keys are odd, never 0
      size_t h = (k * 0x9E3779B97F4A7C15ULL >> 32) & (cap - 1);
      while (table_key[h] != 0 && table_key[h] != k) h = (h + 1) & (cap - 1);
      if (table_key[h] == 0) table_key[h] = k, table_slot[h] = used++;
      slot[start[s] + i] = table_slot[h];
    }
  }
  votes.assign(used, doc_votes{});
  auto add = [&](size_t s, int d) {
    for (size_t i = 0; i < first[s]->labels.size(); ++i)
      if (const uint32_t x = slot[start[s] + i]; x != kNone)
        votes[x][first[s]->labels[i]] += static_cast<uint16_t>(d);
  };
  out.resize(n);
  size_t lo = 0, hi = 0;  // sentences [lo, hi) are counted in `votes`
  for (size_t s = 0; s < n; ++s) {
    const size_t a = s > window ? s - window : 0, b = std::min(n, s + window + 1);
    for (; hi < b; ++hi) add(hi, 1);
    for (; lo < a; ++lo) add(lo, -1);
    doc_input& d = out[s];
    const size_t len = start[s + 1] - start[s];
    d.end.resize(len);
    d.keys.clear();
    d.keys.reserve(2 * len);
    for (size_t i = 0; i < len; ++i) {
      if (const uint32_t x = slot[start[s] + i]; x != kNone)
        doc_features(votes[x], first[s]->labels[i], d.keys);
      d.end[i] = static_cast<uint32_t>(d.keys.size());
    }
  }
  // Scratch of a very long text is not kept for the next one.
  if (total > (size_t{1} << 16)) {
    std::vector<size_t>().swap(start);
    std::vector<uint64_t>().swap(table_key);
    std::vector<uint32_t>().swap(table_slot);
    std::vector<uint32_t>().swap(slot);
    std::vector<doc_votes>().swap(votes);
  }
}

}  // namespace newsd::entities
