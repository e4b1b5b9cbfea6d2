#pragma once
// One language's recogniser: the perceptron model plus per-word-type score cache.
#include <memory>
#include <memory_resource>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "daemon/entities/features.h"
#include "daemon/entities/gazetteer.h"
#include "daemon/entities/joint_rows.h"
#include "daemon/entities/ner_model.h"

namespace newsd::entities {

// A model vocabulary word starting with this byte comes from unlabeled text, not from the
// training data (the misspelt-name scan still treats it as unknown).
constexpr char kUnseenMark = '\x01';

// The role scores of one pass; score[pass][role] is a row.
struct pass_scores {
  float s[kRoles][kNumLabels];
  float* operator[](int r) { return s[r]; }
  const float* operator[](int r) const { return s[r]; }
};

// Scores first, then the hot line of `info` (what the gazetteer scan and the document
// features read), then its strings: most entries are met cold on real text. (Aligned to
// cache lines, with each pass padded to three, it measured no faster and cost 40 bytes more
// per entry.)
struct word_entry {
  pass_scores score[2];  // [pass]: first pass, second (document) pass
  word_info info;        // info.unseen: precomputed, but not a training word
};

struct sv_hash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

// Entries of the words of one text outside the precomputed vocabulary. Polymorphic
// allocator: the tagger gives it a per-text arena, so the entries cost no malloc/free.
using word_cache = std::pmr::unordered_map<std::string_view, word_entry, sv_hash, std::equal_to<>>;

struct tok_in {
  std::string_view raw;
  bool hashtag = false;
};

// Second-pass document features of one sentence: token i's keys are keys[end[i-1] .. end[i]).
struct doc_input {
  std::vector<uint64_t> keys;
  std::vector<uint32_t> end;
};

struct word_entry;

struct tagged {
  std::vector<int> labels;
  std::vector<const word_entry*> ents;  // the entries behind `words`
  std::vector<const word_info*> words;
  std::vector<uint16_t> codes;  // gazetteer membership codes (features)
  std::vector<gaz_hit> hits;
  std::vector<bool> oov;  // not among the model's precomputed (training) words
};

class word_memo;

// The precomputed vocabulary: open addressing over 64-bit key hashes, keys in one arena. Every
// token of every text is looked up here; a node-based map cost a division and two or three
// cache misses per token.
class vocab_table {
 public:
  // The entry of `raw`, created (value-initialised) when absent.
  word_entry& operator[](std::string_view raw);
  const word_entry* find(std::string_view raw) const { return find(raw, hash_of(raw)); }
  // The same in steps, for a sentence at a time: hashes and prefetches of all its tokens
  // first, so that the cache misses of the table (and then of the entries) overlap.
  static uint64_t hash_of(std::string_view raw);
  void prefetch(uint64_t h) const { __builtin_prefetch(&slots_[h & mask_]); }
  const word_entry* find(std::string_view raw, uint64_t h) const {
    for (uint64_t s = h & mask_;; s = (s + 1) & mask_) {
      const slot& x = slots_[s];
      if (x.len == kEmpty) return nullptr;
      if (x.hash == h && x.len == raw.size() && chars_.compare(x.off, x.len, raw) == 0)
        return &entries_[x.idx];
    }
  }
  // A third step between the two: the first slot whose hash equals h (null: the word is
  // absent), with its key and entry prefetched; then match() compares the key (a mismatch, a
  // 64-bit hash collision, goes back to find()).
  struct slot {
    uint64_t hash = 0;
    uint32_t idx = 0, off = 0, len = ~0u;
  };
  const slot* candidate(uint64_t h) const {
    for (uint64_t s = h & mask_;; s = (s + 1) & mask_) {
      const slot& x = slots_[s];
      if (x.len == kEmpty) return nullptr;
      if (x.hash == h) {
        __builtin_prefetch(chars_.data() + x.off);
        return &x;
      }
    }
  }
  const word_entry* entry(const slot& x) const { return &entries_[x.idx]; }
  bool owns(const word_entry* e) const {
    return e >= entries_.data() && e < entries_.data() + entries_.size();
  }
  bool match(const slot& x, std::string_view raw) const {
    return x.len == raw.size() && chars_.compare(x.off, x.len, raw) == 0;
  }
  size_t size() const { return entries_.size(); }
  void reserve(size_t n);

 private:
  static constexpr uint32_t kEmpty = ~0u;
  std::vector<slot> slots_ = std::vector<slot>(1);
  uint64_t mask_ = 0;
  std::vector<word_entry> entries_;
  std::string chars_;
};

class recogniser {
 public:
  // `second`: the second-pass model (document features), or null for one pass.
  // `memo_bytes`: budget of the per-thread memo of unknown words kept across texts (0: none).
  recogniser(ner_model m, const gazetteer* g, std::unique_ptr<ner_model> second = nullptr,
             size_t memo_bytes = 0);
  bool has_second_pass() const { return m2_ != nullptr; }

  // Labels for the sentences of one text, in two steps: the entries of all their tokens
  // (ents[k] for sentence k: vocabulary, memo or cache), the words found in none analysed and
  // scored together so that their weight-table misses overlap; then each sentence's tagging
  // from its entries. `cache` holds the entries of words outside the vocabulary for the
  // caller's lifetime (one text), so the recogniser itself stays immutable. `memo` (this
  // thread's, from memo(); may be null) is looked up before `cache` and gets the new entries
  // instead of it.
  void lookup(std::span<const std::vector<tok_in>* const> sents, word_cache& cache, word_memo* memo,
              std::span<std::vector<const word_entry*>* const> ents) const;
  void tag_entries(const std::vector<tok_in>& toks, const std::vector<const word_entry*>& ents,
                   tagged& out) const;
  // This thread's memo of unknown words for this recogniser, or null without a budget.
  word_memo* memo() const;
  // Second pass (when the recogniser has one): new labels for a sentence tagged by tag_entries(),
  // from its document features. Words, entries and gazetteer hits are reused.
  void retag(const std::vector<tok_in>& toks, tagged& t, const doc_input& doc) const;

  size_t vocab_size() const { return vocab_.size(); }

 private:
  void fill(word_entry& e, std::string_view raw) const;
  struct pending {
    word_entry* e;
    std::string_view raw;
  };
  // fill() of each word, the table lookups of all of them issued before any is summed.
  void fill_batch(std::span<const pending> words) const;
  void decode(const std::vector<tok_in>& toks, const tagged& t, int pass, const doc_input* doc,
              std::vector<int>& labels) const;
  ner_model m_;
  std::unique_ptr<ner_model> m2_;
  // Both models' rows in one table when there is a second pass (the models' own tables are
  // then dropped): every weight lookup of this recogniser goes through it.
  std::unique_ptr<joint_rows> joint_;
  const gazetteer* g_;
  size_t memo_bytes_ = 0;
  uint64_t id_ = 0;  // unique per recogniser: the key of the per-thread memos
  vocab_table vocab_;
  word_entry bos_, eos_;
};

}  // namespace newsd::entities
