#include "daemon/entities/recogniser.h"

#include <atomic>
#include <cstring>

#include "common/hash.h"
#include "daemon/entities/word_memo.h"

namespace newsd::entities {

namespace {
std::atomic<uint64_t> g_next_id{1};
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
  vocab_.reserve(m_.vocab.size());
  for (const auto& v : m_.vocab) {
    const bool unseen = !v.empty() && v[0] == kUnseenMark;
    const std::string_view raw = std::string_view(v).substr(unseen ? 1 : 0);
    word_entry& e = vocab_[std::string(raw)];
    fill(e, raw);
    e.unseen = unseen;
  }
  fill(bos_, "<S>");
  fill(eos_, "</S>");
  m_.vocab.clear();
  m_.vocab.shrink_to_fit();
}

void recogniser::fill(word_entry& e, std::string_view raw) const {
  thread_local std::vector<uint64_t> keys;
  e.info = analyse_word(raw, &m_.lex);
  if (g_ != nullptr) {
    for (uint8_t k = 0; k < e.info.n_keys; ++k) e.info.key_max[k] = g_->max_tokens(e.info.keys[k]);
    e.info.gaz_ready = true;
  }
  // All feature keys first, then one prefetch per key, then the sums: the ~45 table lookups
  // of a word miss the cache independently, so their latencies overlap.
  keys.clear();
  size_t end[kRoles];
  for (int r = -2; r <= 2; ++r) {
    role_features(raw, e.info, r, keys);
    end[r + 2] = keys.size();
  }
  // Both passes share the features (and this entry); only the weights differ. A loaded model
  // is probed in waves over the keys of both models (row ids, then the rows found), so that
  // the cache misses of each wave overlap; the sums then run in the same order as add_row.
  if (m_.sparse() && (!m2_ || m2_->sparse())) {
    thread_local std::vector<const int16_t*> rows;
    const int passes = m2_ ? 2 : 1;
    const size_t nk = keys.size();
    rows.resize(nk * passes);
    for (int pass = 0; pass < passes; ++pass)
      for (uint64_t k : keys) (pass ? *m2_ : m_).prefetch(k);
    for (int pass = 0; pass < passes; ++pass) {
      const ner_model& m = pass ? *m2_ : m_;
      for (size_t k = 0; k < nk; ++k) {
        const int16_t* q = m.sparse_row(keys[k]);
        rows[pass * nk + k] = q;
        if (q != nullptr) __builtin_prefetch(q), __builtin_prefetch(q + kNumLabels - 1);
      }
    }
    for (int pass = 0; pass < passes; ++pass) {
      const ner_model& m = pass ? *m2_ : m_;
      size_t from = 0;
      for (int r = 0; r < kRoles; ++r) {
        float* s = e.score[pass][r];
        for (int l = 0; l < kNumLabels; ++l) s[l] = 0;
        for (size_t k = from; k < end[r]; ++k)
          if (const int16_t* q = rows[pass * nk + k]) m.add_sparse_row(q, s);
        from = end[r];
      }
    }
    if (!m2_) std::memcpy(e.score[1], e.score[0], sizeof(e.score[0]));
    return;
  }
  for (int pass = 0; pass < 2; ++pass) {
    const ner_model& m = pass == 0 ? m_ : m2_ ? *m2_ : m_;
    if (pass == 1 && !m2_) {
      std::memcpy(e.score[1], e.score[0], sizeof(e.score[0]));
      break;
    }
    for (uint64_t k : keys) m.prefetch(k);
    size_t from = 0;
    for (int r = 0; r < kRoles; ++r) {
      float* s = e.score[pass][r];
      for (int l = 0; l < kNumLabels; ++l) s[l] = 0;
      for (size_t k = from; k < end[r]; ++k) m.add_row(keys[k], s);
      from = end[r];
    }
  }
}

word_memo* recogniser::memo() const { return word_memo::of_thread(id_, memo_bytes_); }

tagged recogniser::tag(const std::vector<tok_in>& toks, word_cache& cache, word_memo* memo) const {
  tagged out;
  const size_t n = toks.size();
  out.ents.resize(n);
  out.words.resize(n);
  out.oov.assign(n, false);
  // Real text meets most vocabulary entries cold (42,000 words of 600 bytes): the lookups of
  // a sentence are issued together so that their memory latencies overlap.
  thread_local std::vector<uint64_t> hs;
  hs.resize(n);
  for (size_t i = 0; i < n; ++i) vocab_.prefetch(hs[i] = vocab_table::hash_of(toks[i].raw));
  for (size_t i = 0; i < n; ++i) {
    if (const word_entry* v = vocab_.find(toks[i].raw, hs[i])) {
      out.ents[i] = v;
      // What the gazetteer scan and the first decode read next.
      __builtin_prefetch(&v->info.keys);
      __builtin_prefetch(&v->score[0][0][0]);
      __builtin_prefetch(&v->score[0][2][0]);
      __builtin_prefetch(&v->score[0][4][0]);
    }
  }
  for (size_t i = 0; i < n; ++i) {
    const std::string_view raw = toks[i].raw;
    if (const word_entry* v = out.ents[i]) {
      out.oov[i] = v->unseen;
    } else if (memo != nullptr) {
      out.oov[i] = true;
      word_entry* e = memo->find(raw);
      if (e == nullptr) {
        e = &memo->insert(raw);
        fill(*e, raw);
        memo->account(raw, *e);
      }
      out.ents[i] = e;
    } else if (auto jt = cache.find(raw); jt != cache.end()) {
      out.ents[i] = &jt->second;
      out.oov[i] = true;
    } else {
      out.oov[i] = true;
      auto& e = cache[raw];
      fill(e, raw);
      out.ents[i] = &e;
    }
    out.words[i] = &out.ents[i]->info;
  }
  if (g_ != nullptr) {
    out.hits = scan_gazetteer(*g_, out.words);
    out.codes = gaz_codes(*g_, out.hits, n);
  } else {
    out.codes.assign(n, 0);
  }
  out.labels = decode(toks, out, 0, nullptr);
  return out;
}

void recogniser::retag(const std::vector<tok_in>& toks, tagged& t, const doc_input& doc) const {
  if (m2_) t.labels = decode(toks, t, 1, &doc);
}

std::vector<int> recogniser::decode(const std::vector<tok_in>& toks, const tagged& t, int pass,
                                    const doc_input* doc) const {
  const ner_model& m = pass ? *m2_ : m_;
  const size_t n = toks.size();
  // Per-thread scratch buffers: tag() is const and called from several workers.
  thread_local std::vector<float> em;
  thread_local std::vector<uint64_t> keys;
  thread_local std::vector<uint32_t> kend;
  em.assign(n * kNumLabels, 0.0f);
  // Context features of every token first (prefetched together, as in fill), then the sums.
  keys.clear();
  kend.resize(n);
  const auto& codes = t.codes;
  for (size_t i = 0; i < n; ++i) {
    context c;
    c.sentence_start = i == 0;
    c.hashtag = toks[i].hashtag;
    c.gaz = codes[i];
    c.gaz_prev = i > 0 ? codes[i - 1] : 0;
    c.gaz_next = i + 1 < n ? codes[i + 1] : 0;
    c.word = t.words[i];
    // Most tokens have no context feature at all.
    if (c.sentence_start || c.hashtag || c.gaz || c.gaz_prev || c.gaz_next)
      context_features(c, keys);
    if (doc != nullptr)
      keys.insert(keys.end(), doc->keys.begin() + (i ? doc->end[i - 1] : 0),
                  doc->keys.begin() + doc->end[i]);
    kend[i] = static_cast<uint32_t>(keys.size());
  }
  for (uint64_t k : keys) m.prefetch(k);
  size_t from = 0;
  for (size_t i = 0; i < n; ++i) {
    float* s = &em[i * kNumLabels];
    for (int r = -2; r <= 2; ++r) {
      const long j = static_cast<long>(i) + r;
      const word_entry* e = j < 0 ? &bos_ : j >= static_cast<long>(n) ? &eos_ : t.ents[j];
      add_row9(s, e->score[pass][r + 2]);
    }
    for (size_t k = from; k < kend[i]; ++k) m.add_row(keys[k], s);
    from = kend[i];
  }
  return viterbi(em, n, m);
}

}  // namespace newsd::entities
