#include "daemon/entities/lexicon.h"

#include <algorithm>
#include <cstring>
#include <numeric>

#include "common/hash.h"

namespace newsd::entities {

namespace {
constexpr uint64_t kLexSeed = 0x1e71c0;
}

const lex_entry* lexicon::find(std::string_view folded) const {
  const auto k = static_cast<uint32_t>(hash64(folded, kLexSeed));
  auto it = std::lower_bound(keys.begin(), keys.end(), k);
  if (it == keys.end() || *it != k) return nullptr;
  return &entries[static_cast<size_t>(it - keys.begin())];
}

uint8_t lexicon::vote(uint64_t doc_key) const {
  const auto k = static_cast<uint32_t>(doc_key);
  auto it = std::lower_bound(vote_keys.begin(), vote_keys.end(), k);
  if (it == vote_keys.end() || *it != k) return 0;
  return vote_cls[static_cast<size_t>(it - vote_keys.begin())];
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
