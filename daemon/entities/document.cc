#include "daemon/entities/document.h"

#include <algorithm>

namespace newsd::entities {

std::vector<doc_input> document_features(const std::vector<const tagged*>& first, size_t window) {
  const size_t n = first.size();
  // Each distinct word key of the document gets a slot (a small open-addressing table, the
  // document's few hundred keys); the sliding window then only adds and subtracts counts.
  constexpr uint32_t kNone = 0xFFFFFFFFu;
  size_t total = 0;
  std::vector<size_t> start(n + 1, 0);
  for (size_t s = 0; s < n; ++s) start[s + 1] = total += first[s]->words.size();
  size_t cap = 64;
  while (cap < 2 * total) cap <<= 1;
  std::vector<uint64_t> table_key(cap, 0);
  std::vector<uint32_t> table_slot(cap, 0);
  std::vector<uint32_t> slot(total, kNone);
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
  std::vector<doc_votes> votes(used, doc_votes{});
  auto add = [&](size_t s, int d) {
    for (size_t i = 0; i < first[s]->labels.size(); ++i)
      if (const uint32_t x = slot[start[s] + i]; x != kNone)
        votes[x][first[s]->labels[i]] += static_cast<uint16_t>(d);
  };
  std::vector<doc_input> out(n);
  size_t lo = 0, hi = 0;  // sentences [lo, hi) are counted in `votes`
  for (size_t s = 0; s < n; ++s) {
    const size_t a = s > window ? s - window : 0, b = std::min(n, s + window + 1);
    for (; hi < b; ++hi) add(hi, 1);
    for (; lo < a; ++lo) add(lo, -1);
    doc_input& d = out[s];
    const size_t len = start[s + 1] - start[s];
    d.end.resize(len);
    d.keys.reserve(2 * len);
    for (size_t i = 0; i < len; ++i) {
      if (const uint32_t x = slot[start[s] + i]; x != kNone)
        doc_features(votes[x], first[s]->labels[i], d.keys);
      d.end[i] = static_cast<uint32_t>(d.keys.size());
    }
  }
  return out;
}

}  // namespace newsd::entities
