#include "daemon/entities/recogniser.h"

namespace newsd::entities {

recogniser::recogniser(ner_model m, const gazetteer* g) : m_(std::move(m)), g_(g) {
  vocab_.reserve(m_.vocab.size());
  for (const auto& v : m_.vocab) fill(vocab_[v], v);
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
  for (int r = -2; r <= 2; ++r) {
    keys.clear();
    role_features(raw, e.info, r, keys);
    float* s = e.score[r + 2];
    for (int l = 0; l < kNumLabels; ++l) s[l] = 0;
    for (uint64_t k : keys) m_.add_row(k, s);
  }
}

tagged recogniser::tag(
    const std::vector<tok_in>& toks,
    std::unordered_map<std::string_view, word_entry, sv_hash, std::equal_to<>>& cache) const {
  tagged out;
  const size_t n = toks.size();
  // Per-thread scratch buffers: tag() is const and called from several workers.
  thread_local std::vector<const word_entry*> ents;
  thread_local std::vector<float> em;
  thread_local std::vector<uint64_t> keys;
  ents.assign(n, nullptr);
  out.words.resize(n);
  out.oov.assign(n, false);
  for (size_t i = 0; i < n; ++i) {
    const std::string_view raw = toks[i].raw;
    if (auto it = vocab_.find(raw); it != vocab_.end()) {
      ents[i] = &it->second;
    } else if (auto jt = cache.find(raw); jt != cache.end()) {
      ents[i] = &jt->second;
      out.oov[i] = true;
    } else {
      out.oov[i] = true;
      auto& e = cache[raw];
      fill(e, raw);
      ents[i] = &e;
    }
    out.words[i] = &ents[i]->info;
  }
  std::vector<uint16_t> codes;
  if (g_ != nullptr) {
    out.hits = scan_gazetteer(*g_, out.words);
    codes = gaz_codes(*g_, out.hits, n);
  } else {
    codes.assign(n, 0);
  }
  em.assign(n * kNumLabels, 0.0f);
  for (size_t i = 0; i < n; ++i) {
    float* s = &em[i * kNumLabels];
    for (int r = -2; r <= 2; ++r) {
      const long j = static_cast<long>(i) + r;
      const word_entry* e = j < 0 ? &bos_ : j >= static_cast<long>(n) ? &eos_ : ents[j];
      const float* v = e->score[r + 2];
      for (int l = 0; l < kNumLabels; ++l) s[l] += v[l];
    }
    context c;
    c.sentence_start = i == 0;
    c.hashtag = toks[i].hashtag;
    c.gaz = codes[i];
    c.gaz_prev = i > 0 ? codes[i - 1] : 0;
    c.gaz_next = i + 1 < n ? codes[i + 1] : 0;
    c.word = out.words[i];
    keys.clear();
    context_features(c, keys);
    for (uint64_t k : keys) m_.add_row(k, s);
  }
  out.labels = viterbi(em, n, m_);
  return out;
}

}  // namespace newsd::entities
