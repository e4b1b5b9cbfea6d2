#include "daemon/entities/recogniser.h"

#include <cstring>

namespace newsd::entities {

recogniser::recogniser(ner_model m, const gazetteer* g, std::unique_ptr<ner_model> second)
    : m_(std::move(m)), m2_(std::move(second)), g_(g) {
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
  // Both passes share the features (and this entry); only the weights differ.
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

tagged recogniser::tag(const std::vector<tok_in>& toks, word_cache& cache) const {
  tagged out;
  const size_t n = toks.size();
  out.ents.resize(n);
  out.words.resize(n);
  out.oov.assign(n, false);
  for (size_t i = 0; i < n; ++i) {
    const std::string_view raw = toks[i].raw;
    if (auto it = vocab_.find(raw); it != vocab_.end()) {
      out.ents[i] = &it->second;
      out.oov[i] = it->second.unseen;
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
