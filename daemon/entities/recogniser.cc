#include "daemon/entities/recogniser.h"

#include <algorithm>
#include <atomic>
#include <cstring>

#include "common/hash.h"
#include "daemon/entities/utf8.h"
#include "daemon/entities/word_memo.h"

namespace newsd::entities {

namespace {
std::atomic<uint64_t> g_next_id{1};
// Rows in the joint table's hot part: 16,384 slots of 40 bytes (640 KB, about an L2 cache).
constexpr size_t kHotRows = 10000;
}  // namespace

uint64_t vocab_table::hash_of(std::string_view raw) {
  const uint64_t h = hash64(raw, 0x70cab);
  return h ^ (h >> 32);  // the low bits pick the slot
}

void vocab_table::reserve(size_t n) {
  // Entries are only added while loading: the table is sized once, half full at most.
  size_t cap = 16;
  while (cap < n * 2 + 1) cap <<= 1;
  if (cap <= slots_.size()) return;
  std::vector<slot> old;
  old.swap(slots_);
  slots_.assign(cap, slot{});
  mask_ = cap - 1;
  for (const slot& x : old) {
    if (x.len == kEmpty) continue;
    uint64_t s = x.hash & mask_;
    while (slots_[s].len != kEmpty) s = (s + 1) & mask_;
    slots_[s] = x;
  }
  entries_.reserve(n);
}

word_entry& vocab_table::operator[](std::string_view raw) {
  if (entries_.size() * 2 + 2 > slots_.size()) reserve(entries_.size() * 2 + 2);
  const uint64_t h = hash_of(raw);
  uint64_t s = h & mask_;
  for (;; s = (s + 1) & mask_) {
    const slot& x = slots_[s];
    if (x.len == kEmpty) break;
    if (x.hash == h && x.len == raw.size() && chars_.compare(x.off, x.len, raw) == 0)
      return entries_[x.idx];
  }
  // entries_ never reallocates after reserve() unless it grows past n: the recogniser hands
  // out pointers only after loading.
  slots_[s] = slot{h, static_cast<uint32_t>(entries_.size()), static_cast<uint32_t>(chars_.size()),
                   static_cast<uint32_t>(raw.size())};
  chars_.append(raw);
  return entries_.emplace_back();
}

recogniser::recogniser(ner_model m, const gazetteer* g, std::unique_ptr<ner_model> second,
                       size_t memo_bytes)
    : m_(std::move(m)),
      m2_(std::move(second)),
      g_(g),
      memo_bytes_(memo_bytes),
      id_(g_next_id.fetch_add(1)) {
  if (m2_ && m_.sparse() && m2_->sparse() && m_.bits == m2_->bits) {
    joint_ = std::make_unique<joint_rows>(m_, *m2_);
    m_.drop_sparse_rows();
    m2_->drop_sparse_rows();
  }
  m_.lex.index();
  if (m2_) m2_->lex.index();
  vocab_.reserve(m_.vocab.size());
  // How many vocabulary words use each weight row: the most used rows (common feature values)
  // go to the joint table's small hot part.
  std::vector<uint32_t> uses(joint_ ? size_t{1} << m_.bits : 0, 0);
  std::vector<uint64_t> keys;
  for (const auto& v : m_.vocab) {
    const bool unseen = !v.empty() && v[0] == kUnseenMark;
    const std::string_view raw = std::string_view(v).substr(unseen ? 1 : 0);
    word_entry& e = vocab_[std::string(raw)];
    fill(e, raw);
    e.info.unseen = unseen;
    if (joint_) {
      keys.clear();
      for (int r = -2; r <= 2; ++r) role_features(raw, e.info, r, keys);
      for (uint64_t k : keys) ++uses[joint_->row_of(k)];
    }
  }
  if (joint_) joint_->promote(uses, kHotRows);
  fill(bos_, "<S>");
  fill(eos_, "</S>");
  m_.vocab.clear();
  m_.vocab.shrink_to_fit();
}

void recogniser::fill(word_entry& e, std::string_view raw) const {
  const pending one{&e, raw};
  fill_batch(std::span<const pending>(&one, 1));
}

void recogniser::fill_batch(std::span<const pending> words) const {
  // All feature keys of all the words first, with one prefetch per key, then the sums: the
  // ~45 table lookups of a word (and those of the other words) miss the cache independently,
  // so their latencies overlap.
  thread_local std::vector<uint64_t> keys;
  thread_local std::vector<size_t> ends;  // kRoles per word: end of each role's keys
  keys.clear();
  ends.clear();
  for (const pending& w : words) {
    word_entry& e = *w.e;
    e.info = analyse_word(w.raw, &m_.lex);
    if (g_ != nullptr) {
      for (uint8_t k = 0; k < e.info.n_keys; ++k)
        e.info.key_max[k] = g_->max_tokens(e.info.keys[k]);
      e.info.gaz_ready = true;
    }
    e.info.rare_arabic = e.info.lex.freq < 10 && has_arabic(e.info.fold);
    const size_t first = keys.size();
    for (int r = -2; r <= 2; ++r) {
      role_features(w.raw, e.info, r, keys);
      ends.push_back(keys.size());
    }
    if (joint_)
      for (size_t k = first; k < keys.size(); ++k) joint_->prefetch(keys[k]);
  }
  // Both passes share the features (and the entry); only the weights differ. With the joint
  // table one probe per key finds both passes' rows; the sums run in the same order as
  // add_row.
  if (joint_) {
    thread_local std::vector<const joint_rows::slot*> slots;
    slots.resize(keys.size());
    for (size_t k = 0; k < keys.size(); ++k) slots[k] = joint_->find(keys[k]);
    size_t from = 0;
    for (size_t j = 0; j < words.size(); ++j) {
      word_entry& e = *words[j].e;
      for (int pass = 0; pass < 2; ++pass) {
        size_t k = from;
        for (int r = 0; r < kRoles; ++r) {
          float* s = e.score[pass][r];
          for (int l = 0; l < kNumLabels; ++l) s[l] = 0;
          for (; k < ends[j * kRoles + r]; ++k)
            if (slots[k] != nullptr) joint_->add(slots[k], pass, s);
        }
      }
      from = ends[j * kRoles + kRoles - 1];
    }
    return;
  }
  // Without the joint table (one pass, or models in training): word by word. A loaded model
  // is probed in waves over the keys of both models (row ids, then the rows found), so that
  // the cache misses of each wave overlap; the sums then run in the same order as add_row.
  size_t from = 0;
  for (size_t j = 0; j < words.size(); ++j) {
    word_entry& e = *words[j].e;
    const size_t* end = &ends[j * kRoles];
    const size_t nk = end[kRoles - 1] - from;
    const uint64_t* wk = keys.data() + from;
    if (m_.sparse() && (!m2_ || m2_->sparse())) {
      thread_local std::vector<const int16_t*> rows;
      const int passes = m2_ ? 2 : 1;
      rows.resize(nk * passes);
      for (int pass = 0; pass < passes; ++pass)
        for (size_t k = 0; k < nk; ++k) (pass ? *m2_ : m_).prefetch(wk[k]);
      for (int pass = 0; pass < passes; ++pass) {
        const ner_model& m = pass ? *m2_ : m_;
        for (size_t k = 0; k < nk; ++k) {
          const int16_t* q = m.sparse_row(wk[k]);
          rows[pass * nk + k] = q;
          if (q != nullptr) __builtin_prefetch(q), __builtin_prefetch(q + kNumLabels - 1);
        }
      }
      for (int pass = 0; pass < passes; ++pass) {
        const ner_model& m = pass ? *m2_ : m_;
        size_t k = from;
        for (int r = 0; r < kRoles; ++r) {
          float* s = e.score[pass][r];
          for (int l = 0; l < kNumLabels; ++l) s[l] = 0;
          for (; k < end[r]; ++k)
            if (const int16_t* q = rows[pass * nk + (k - from)]) m.add_sparse_row(q, s);
        }
      }
      if (!m2_) e.score[1] = e.score[0];
    } else {
      for (int pass = 0; pass < 2; ++pass) {
        const ner_model& m = pass == 0 ? m_ : m2_ ? *m2_ : m_;
        if (pass == 1 && !m2_) {
          e.score[1] = e.score[0];
          break;
        }
        for (size_t k = 0; k < nk; ++k) m.prefetch(wk[k]);
        size_t k = from;
        for (int r = 0; r < kRoles; ++r) {
          float* s = e.score[pass][r];
          for (int l = 0; l < kNumLabels; ++l) s[l] = 0;
          for (; k < end[r]; ++k) m.add_row(keys[k], s);
        }
      }
    }
    from = end[kRoles - 1];
  }
}

word_memo* recogniser::memo() const { return word_memo::of_thread(id_, memo_bytes_); }

void recogniser::lookup(std::span<const std::vector<tok_in>* const> sents, word_cache& cache,
                        word_memo* memo,
                        std::span<std::vector<const word_entry*>* const> ents) const {
  thread_local std::vector<pending> todo;
  thread_local std::vector<uint64_t> hs;
  thread_local std::vector<const vocab_table::slot*> cand;
  todo.clear();
  for (size_t j = 0; j < sents.size(); ++j) {
    const std::vector<tok_in>& toks = *sents[j];
    std::vector<const word_entry*>& out = *ents[j];
    const size_t n = toks.size();
    out.assign(n, nullptr);
    // Real text meets most vocabulary slots and keys cold: the lookups of a sentence go in
    // steps (slot prefetches, then the first slot with the hash and a prefetch of its key,
    // then the key comparisons), so that the memory latencies of its tokens overlap.
    hs.resize(n);
    cand.resize(n);
    for (size_t i = 0; i < n; ++i) vocab_.prefetch(hs[i] = vocab_table::hash_of(toks[i].raw));
    for (size_t i = 0; i < n; ++i) cand[i] = vocab_.candidate(hs[i]);
    for (size_t i = 0; i < n; ++i)
      if (cand[i] != nullptr)
        out[i] = vocab_.match(*cand[i], toks[i].raw) ? vocab_.entry(*cand[i])
                                                     : vocab_.find(toks[i].raw, hs[i]);
    // Words outside the vocabulary: the memo (or the text's cache), else a new entry, filled
    // below with the text's other new words. A word met again in this text finds its entry
    // (not yet filled: nothing reads it before the batch is).
    for (size_t i = 0; i < n; ++i) {
      if (out[i] != nullptr) continue;
      const std::string_view raw = toks[i].raw;
      if (memo != nullptr) {
        word_entry* e = memo->find(raw);
        if (e == nullptr) todo.push_back(pending{e = &memo->insert(raw), raw});
        out[i] = e;
      } else if (auto jt = cache.find(raw); jt != cache.end()) {
        out[i] = &jt->second;
      } else {
        word_entry& e = cache[raw];
        todo.push_back(pending{&e, raw});
        out[i] = &e;
      }
    }
  }
  // In batches of a few hundred words: enough to overlap the misses, and a very long text
  // does not grow the scratch vectors (kept per thread) without bound.
  constexpr size_t kBatch = 256;
  for (size_t i = 0; i < todo.size(); i += kBatch)
    fill_batch(std::span<const pending>(todo).subspan(i, std::min(kBatch, todo.size() - i)));
  if (memo != nullptr)
    for (const pending& p : todo) memo->account(p.raw, *p.e);
  if (todo.capacity() > (size_t{1} << 16)) std::vector<pending>().swap(todo);
}

void recogniser::tag_entries(const std::vector<tok_in>& toks,
                             const std::vector<const word_entry*>& ents, tagged& out) const {
  const size_t n = toks.size();
  out.ents.assign(ents.begin(), ents.end());
  out.words.resize(n);
  out.oov.assign(n, false);
  // What the gazetteer scan and the first decode read next (most entries are cold).
  for (const word_entry* v : ents) {
    const char* p = reinterpret_cast<const char*>(&v->score[0]);
    __builtin_prefetch(&v->info.keys);
    __builtin_prefetch(p), __builtin_prefetch(p + 64), __builtin_prefetch(p + 128);
    __builtin_prefetch(p + sizeof(pass_scores) - 1);
  }
  for (size_t i = 0; i < n; ++i) {
    // Not among the precomputed training words: memo and cache entries, unseen vocabulary.
    out.oov[i] = !vocab_.owns(ents[i]) || ents[i]->info.unseen;
    out.words[i] = &ents[i]->info;
  }
  if (g_ != nullptr) {
    out.hits = scan_gazetteer(*g_, out.words);
    out.codes = gaz_codes(*g_, out.hits, n);
  } else {
    out.hits.clear();
    out.codes.assign(n, 0);
  }
  decode(toks, out, 0, nullptr, out.labels);
}

void recogniser::retag(const std::vector<tok_in>& toks, tagged& t, const doc_input& doc) const {
  if (m2_) decode(toks, t, 1, &doc, t.labels);
}

void recogniser::decode(const std::vector<tok_in>& toks, const tagged& t, int pass,
                        const doc_input* doc, std::vector<int>& labels) const {
  const ner_model& m = pass ? *m2_ : m_;
  const size_t n = toks.size();
  // Per-thread scratch buffers: tag() is const and called from several workers.
  thread_local std::vector<float> em;
  thread_local std::vector<uint64_t> keys;
  thread_local std::vector<uint32_t> kend;
  // Each token reads the role scores of five entries; real text meets most entries cold (and
  // the second pass's scores were never read before): all their lines are requested first.
  for (size_t i = 0; i < n; ++i) {
    const char* p = reinterpret_cast<const char*>(&t.ents[i]->score[pass]);
    __builtin_prefetch(p), __builtin_prefetch(p + 64), __builtin_prefetch(p + 128);
    __builtin_prefetch(p + sizeof(pass_scores) - 1);
  }
  em.assign(n * kNumLabels, 0.0f);
  // Context features of every token first (prefetched together, as in fill), then the sums.
  keys.clear();
  kend.resize(n);
  const auto& codes = t.codes;
  for (size_t i = 0; i < n; ++i) {
    const uint16_t prev = i > 0 ? codes[i - 1] : 0, next = i + 1 < n ? codes[i + 1] : 0;
    // Most tokens have no context feature at all. (Tested on the values, not on the struct
    // below: reading its fields back together stalled on the narrow stores.)
    if (i == 0 || toks[i].hashtag || codes[i] != 0 || prev != 0 || next != 0) {
      context c;
      c.sentence_start = i == 0;
      c.hashtag = toks[i].hashtag;
      c.gaz = codes[i];
      c.gaz_prev = prev;
      c.gaz_next = next;
      c.word = t.words[i];
      context_features(c, keys);
    }
    if (doc != nullptr)
      keys.insert(keys.end(), doc->keys.begin() + (i ? doc->end[i - 1] : 0),
                  doc->keys.begin() + doc->end[i]);
    kend[i] = static_cast<uint32_t>(keys.size());
  }
  if (joint_) {
    for (uint64_t k : keys) joint_->prefetch(k);
  } else {
    for (uint64_t k : keys) m.prefetch(k);
  }
  size_t from = 0;
  for (size_t i = 0; i < n; ++i) {
    float* s = &em[i * kNumLabels];
    for (int r = -2; r <= 2; ++r) {
      const long j = static_cast<long>(i) + r;
      const word_entry* e = j < 0 ? &bos_ : j >= static_cast<long>(n) ? &eos_ : t.ents[j];
      add_row9(s, e->score[pass][r + 2]);
    }
    if (joint_) {
      for (size_t k = from; k < kend[i]; ++k) joint_->add_row(keys[k], pass, s);
    } else {
      for (size_t k = from; k < kend[i]; ++k) m.add_row(keys[k], s);
    }
    from = kend[i];
  }
  viterbi(em, n, m, labels);
}

}  // namespace newsd::entities
