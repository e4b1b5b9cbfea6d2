#pragma once
// Distributional word classes learned from unlabeled news text (tools/train_ner --unlabeled):
// for each frequent folded word, a coarse and a fine cluster, a frequency class and how often
// the word takes the article. Arabic has no capitals; these stand in for them (a name rarely
// takes ال and shares its neighbours with other names). Stored inside the ner model file.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace newsd::entities {

struct lex_entry {
  uint16_t coarse = 0, fine = 0;  // cluster ids + 1 (0 = none)
  uint8_t freq = 0;               // log2 class of the corpus count
  uint8_t art = 0;                // article ratio class + 1 (0 = unknown)
};

class lexicon {
 public:
  // Entries sorted by key; keys are the low 32 bits of hash64 of the folded word.
  std::vector<uint32_t> keys;  // 32 bits: a false hit on an unseen word is ~1e-5
  std::vector<lex_entry> entries;

  bool empty() const { return keys.empty(); }
  const lex_entry* find(std::string_view folded) const;
  void add(std::string_view folded, lex_entry e);  // call sort() after the last add
  void sort();

  // Corpus votes: for a word's doc_key (low 32 bits), a class summarising the labels a
  // first-pass model gave that word across the unlabeled corpus (tools/train_ner
  // --corpus-votes): a name tagged in clear contexts elsewhere is a name here too.
  std::vector<uint32_t> vote_keys;  // sorted
  std::vector<uint8_t> vote_cls;
  uint8_t vote(uint64_t doc_key) const;

  void serialise(std::string& out) const;
  bool deserialise(std::string_view in, size_t& pos);

  // For a lexicon that no longer changes (a loaded model in the tagger; training never calls
  // it): where each 4096th of the key space starts in `keys` and `vote_keys`, so that a
  // lookup searches ~10 keys (a cache line or two) instead of 16 levels of a 160 KB array.
  // Any later change to the vectors must be followed by index() again.
  void index();

 private:
  static constexpr int kIndexShift = 20;  // 32-bit keys -> 4096 ranges
  std::vector<uint32_t> key_index_, vote_index_;
};

}  // namespace newsd::entities
