#pragma once
// The entity gazetteer: entities (stable id, English name, type, Wikidata id) and their
// aliases as folded token sequences, with the indexes the recogniser and linker query.
// Written by tools/build_gazetteer, read by the tagger (models/gazetteer.bin).
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "common/result.h"

namespace newsd::entities {

// Ranked: on an alias shared by two entities the lower source wins, then population.
enum class gaz_source : uint8_t {
  curated = 0,
  country = 1,
  capital = 2,
  admin1 = 3,
  city = 4,
  person = 5
};
const char* gaz_source_name(gaz_source s);

struct gaz_entity {
  std::string id;
  std::string name;  // English canonical name
  std::string type;  // PERSON | ORGANIZATION | LOCATION | MISC
  std::string wikidata;
  gaz_source source = gaz_source::city;
  uint64_t population = 0;
};

struct gaz_alias {
  std::string folded;  // folded tokens joined by single spaces
  uint32_t entity = 0;
};

uint64_t token_hash(std::string_view folded_token);
inline uint64_t seq_mix(uint64_t h, uint64_t tok) {
  return (h ^ tok) * 0x9E3779B97F4A7C15ULL + (h >> 29);
}
constexpr uint64_t kSeqSeed = 0x5bd1e9955bd1e995ULL;

class gazetteer {
 public:
  std::vector<gaz_entity> entities;
  std::vector<gaz_alias> aliases;

  static result<gazetteer> load(const std::string& path);
  status save(const std::string& path) const;

  // Builds the lookup tables; call once after load or after filling the vectors.
  void index();

  // Entity of an alias given as the seq_mix chain of its token hashes, or -1.
  int32_t exact(uint64_t seq) const;
  // Loads the lines exact(seq) reads first (callers issue these for a sentence at once).
  void prefetch_exact(uint64_t seq) const { exact_.prefetch(seq); }
  // Longest alias (in tokens) starting with this token, 0 when none.
  uint8_t max_tokens(uint64_t first_token) const;
  // Spelling-variant match of a whole name (folded tokens joined without spaces):
  // same skeleton, or one edit away on the skeleton, then confirmed by edit distance.
  int32_t variant(std::string_view folded_nospace) const;
  // False when variant() cannot return a curated/country/capital entity for this name: a
  // cheap test against a small index, so that the misspelt-name scan over every unknown
  // word of a text stays off the large indexes.
  bool may_be_direct_variant(std::string_view folded_nospace) const;

  bool direct(uint32_t e) const {
    return entities[e].source == gaz_source::curated || entities[e].source == gaz_source::country ||
           entities[e].source == gaz_source::capital;
  }

 private:
  bool better(uint32_t a, uint32_t b) const;  // a outranks b
  // Open addressing over 64-bit hashes (one cache line per lookup; these are queried for
  // every word of every text). Key 0 marks an empty slot.
  template <typename V>
  struct flat_map {
    std::vector<uint64_t> keys{0};
    std::vector<V> values{V{}};
    uint64_t mask = 0;
    void build(const std::unordered_map<uint64_t, V>& from);
    void prefetch(uint64_t k) const {
      k += k == 0;
      const uint64_t s = (k * 0x9E3779B97F4A7C15ULL >> 20) & mask;
      __builtin_prefetch(&keys[s]), __builtin_prefetch(&values[s]);
    }
    const V* find(uint64_t k) const {
      k += k == 0;
      for (uint64_t s = (k * 0x9E3779B97F4A7C15ULL >> 20) & mask;; s = (s + 1) & mask) {
        if (keys[s] == k) return &values[s];
        if (keys[s] == 0) return nullptr;
      }
    }
  };
  bool direct_key(uint64_t k) const {
    return (direct_bits_[(k >> 6) & kDirectBitsMask] >> (k & 63) & 1) &&
           direct_keys_.find(k) != nullptr;
  }
  flat_map<uint32_t> exact_;
  flat_map<uint8_t> first_;
  // Skeleton keys leading to a direct entity, with a bitmap in front (one bit per key hash):
  // the misspelt-name scan probes several keys for every unknown word pair, nearly all absent.
  static constexpr uint64_t kDirectBitsMask = (1u << 14) - 1;  // 2^20 bits, 128 KB
  flat_map<uint8_t> direct_keys_;
  std::vector<uint64_t> direct_bits_ = std::vector<uint64_t>(kDirectBitsMask + 1, 0);
  // One bit per (hashed) first three code points of every string behind a direct seed-1 key
  // (deletions of direct names' skeletons): a candidate whose prefix is absent cannot match,
  // so most deletions of a word pair are never built or hashed.
  static constexpr uint32_t kTriBits = 1u << 16;
  static uint32_t tri(char32_t a, char32_t b, char32_t c) {
    return static_cast<uint32_t>((a * 0x9E3779B1u) ^ (b * 0x85EBCA77u) ^ (c * 0xC2B2AE3Du)) >> 16;
  }
  bool tri_set(char32_t a, char32_t b, char32_t c) const {
    const uint32_t t = tri(a, b, c);
    return direct_tri_[t >> 6] >> (t & 63) & 1;
  }
  std::vector<uint64_t> direct_tri_ = std::vector<uint64_t>(kTriBits / 64, 0);
  // The same for the last three code points and the length in code points of those strings:
  // the deletions of a pair's skeleton at any but its last three letters share their tail, so
  // one test rules out most of them before they are built and hashed.
  static uint32_t tail(char32_t a, char32_t b, char32_t c, size_t len) {
    return tri(a, b, c) ^ (static_cast<uint32_t>(len * 0x2F1D) & (kTriBits - 1));
  }
  bool tail_set(char32_t a, char32_t b, char32_t c, size_t len) const {
    const uint32_t t = tail(a, b, c, len);
    return direct_tail_[t >> 6] >> (t & 63) & 1;
  }
  std::vector<uint64_t> direct_tail_ = std::vector<uint64_t>(kTriBits / 64, 0);
  flat_map<uint32_t> skel_;           // -> alias index
  flat_map<uint32_t> skel_del_;       // skeleton minus one code point -> alias
  std::vector<std::string> nospace_;  // per alias: folded without spaces
};

// The seq_mix chain of a folded alias string ("كيم جونغ اون").
uint64_t alias_seq(std::string_view folded_alias);

}  // namespace newsd::entities
