#include "daemon/entities/lexicon.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <numeric>

#include "common/hash.h"

namespace newsd::entities {

namespace {
constexpr uint64_t kLexSeed = 0x1e71c0;
}

namespace {

// Position of k in the sorted keys (or keys.size()), searching only its range of the index
// when there is one.
size_t search(const std::vector<uint32_t>& keys, const std::vector<uint32_t>& index, int shift,
              uint32_t k) {
  auto lo = keys.begin(), hi = keys.end();
  if (!index.empty()) {
    lo = keys.begin() + index[k >> shift];
    hi = keys.begin() + index[(k >> shift) + 1];
  }
  auto it = std::lower_bound(lo, hi, k);
  return it != hi && *it == k ? static_cast<size_t>(it - keys.begin()) : keys.size();
}

std::vector<uint32_t> make_index(const std::vector<uint32_t>& keys, int shift) {
  std::vector<uint32_t> index((size_t{1} << (32 - shift)) + 1);
  for (size_t b = 0; b < index.size(); ++b) {
    const uint64_t first = uint64_t{b} << shift;  // the first key of range b
    index[b] =
        static_cast<uint32_t>(first > UINT32_MAX ? keys.size()
                                                 : std::lower_bound(keys.begin(), keys.end(),
                                                                    static_cast<uint32_t>(first)) -
                                                       keys.begin());
  }
  return index;
}

}  // namespace

const lex_entry* lexicon::find(std::string_view folded) const {
  const auto k = static_cast<uint32_t>(hash64(folded, kLexSeed));
  const size_t i = search(keys, key_index_, kIndexShift, k);
  return i < keys.size() ? &entries[i] : nullptr;
}

uint8_t lexicon::vote(uint64_t doc_key) const {
  const auto k = static_cast<uint32_t>(doc_key);
  const size_t i = search(vote_keys, vote_index_, kIndexShift, k);
  return i < vote_keys.size() ? vote_cls[i] : 0;
}

void lexicon::index() {
  key_index_ = make_index(keys, kIndexShift);
  vote_index_ = make_index(vote_keys, kIndexShift);
}

void lexicon::add(std::string_view folded, lex_entry e) {
  keys.push_back(static_cast<uint32_t>(hash64(folded, kLexSeed)));
  entries.push_back(e);
}

void lexicon::sort() {
  std::vector<size_t> idx(keys.size());
  std::iota(idx.begin(), idx.end(), 0);
  std::sort(idx.begin(), idx.end(), [&](size_t a, size_t b) { return keys[a] < keys[b]; });
  std::vector<uint32_t> k;
  std::vector<lex_entry> e;
  k.reserve(idx.size());
  e.reserve(idx.size());
  for (size_t i : idx) {
    if (!k.empty() && k.back() == keys[i]) continue;
    k.push_back(keys[i]);
    e.push_back(entries[i]);
  }
  keys = std::move(k);
  entries = std::move(e);
}

void lexicon::serialise(std::string& out) const {
  const uint64_t n = keys.size();
  out.append(reinterpret_cast<const char*>(&n), 8);
  out.append(reinterpret_cast<const char*>(keys.data()), n * 4);
  out.append(reinterpret_cast<const char*>(entries.data()), n * sizeof(lex_entry));
  const uint64_t nv = vote_keys.size();
  out.append(reinterpret_cast<const char*>(&nv), 8);
  out.append(reinterpret_cast<const char*>(vote_keys.data()), nv * 4);
  out.append(reinterpret_cast<const char*>(vote_cls.data()), nv);
}

bool lexicon::deserialise(std::string_view in, size_t& pos) {
  uint64_t n = 0;
  if (pos + 8 > in.size()) return false;
  std::memcpy(&n, in.data() + pos, 8);
  pos += 8;
  if (n > (in.size() - pos) / (4 + sizeof(lex_entry))) return false;
  keys.resize(n);
  entries.resize(n);
  std::memcpy(keys.data(), in.data() + pos, n * 4);
  pos += n * 4;
  std::memcpy(entries.data(), in.data() + pos, n * sizeof(lex_entry));
  pos += n * sizeof(lex_entry);
  if (pos + 8 > in.size()) return false;
  std::memcpy(&n, in.data() + pos, 8);
  pos += 8;
  if (n > (in.size() - pos) / 5) return false;
  vote_keys.resize(n);
  vote_cls.resize(n);
  std::memcpy(vote_keys.data(), in.data() + pos, n * 4);
  pos += n * 4;
  std::memcpy(vote_cls.data(), in.data() + pos, n);
  pos += n;
  return std::is_sorted(keys.begin(), keys.end()) &&
         std::is_sorted(vote_keys.begin(), vote_keys.end());
}

}  // namespace newsd::entities
