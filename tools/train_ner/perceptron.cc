#include "tools/train_ner/perceptron.h"

#include <algorithm>
#include <cstdio>
#include <random>

namespace newsd::train {

using namespace newsd::entities;

prepared prepare(const sentence& s, const gazetteer* g, const ner_model& m,
                 std::unordered_map<std::string, word_info>& infos) {
  prepared p;
  const size_t n = s.tokens.size();
  std::vector<const word_info*> words(n);
  for (size_t i = 0; i < n; ++i) {
    auto it = infos.find(s.tokens[i]);
    if (it == infos.end()) it = infos.emplace(s.tokens[i], analyse_word(s.tokens[i], &m.lex)).first;
    words[i] = &it->second;
  }
  const word_info bos = analyse_word("<S>", &m.lex), eos = analyse_word("</S>", &m.lex);
  std::vector<uint16_t> codes(n, 0);
  if (g) codes = gaz_codes(*g, scan_gazetteer(*g, words), n);
  p.rows.resize(n);
  p.doc_keys.resize(n);
  p.nbase.resize(n);
  for (size_t i = 0; i < n; ++i) p.doc_keys[i] = doc_key(*words[i]);
  std::vector<uint64_t> keys;
  for (size_t i = 0; i < n; ++i) {
    keys.clear();
    for (int r = -2; r <= 2; ++r) {
      const long j = static_cast<long>(i) + r;
      if (j < 0)
        role_features("<S>", bos, r, keys);
      else if (j >= static_cast<long>(n))
        role_features("</S>", eos, r, keys);
      else
        role_features(s.tokens[j], *words[j], r, keys);
    }
    context c;
    c.sentence_start = i == 0;
    c.gaz = codes[i];
    c.gaz_prev = i > 0 ? codes[i - 1] : 0;
    c.gaz_next = i + 1 < n ? codes[i + 1] : 0;
    c.word = words[i];
    context_features(c, keys);
    for (uint64_t k : keys) p.rows[i].push_back(static_cast<uint32_t>(m.row(k)));
    p.nbase[i] = static_cast<uint32_t>(p.rows[i].size());
  }
  p.gold = s.labels;
  return p;
}

std::vector<int> predict(const prepared& p, const ner_model& m) {
  const size_t n = p.gold.size();
  std::vector<float> em(n * kNumLabels, 0.0f);
  for (size_t i = 0; i < n; ++i)
    for (uint32_t r : p.rows[i])
      for (int l = 0; l < kNumLabels; ++l) em[i * kNumLabels + l] += m.w[r + l];
  return viterbi(em, n, m);
}

namespace {

// Averaging by the usual trick: avg = w - acc / c, acc accumulating c * update.
struct averager {
  std::vector<float> acc;
  float tacc[kNumLabels][kNumLabels] = {}, sacc[kNumLabels] = {};
};

void update(ner_model& m, averager& a, const prepared& p, const std::vector<int>& pred, float c) {
  const size_t n = p.gold.size();
  for (size_t i = 0; i < n; ++i) {
    const int g = p.gold[i], q = pred[i];
    const int gp = i ? p.gold[i - 1] : -1, qp = i ? pred[i - 1] : -1;
    if (g != q) {
      for (uint32_t r : p.rows[i]) {
        m.w[r + g] += 1, a.acc[r + g] += c;
        m.w[r + q] -= 1, a.acc[r + q] -= c;
      }
    }
    if (g != q || gp != qp) {
      if (i == 0) {
        m.start[g] += 1, a.sacc[g] += c;
        m.start[q] -= 1, a.sacc[q] -= c;
      } else {
        m.trans[gp][g] += 1, a.tacc[gp][g] += c;
        m.trans[qp][q] -= 1, a.tacc[qp][q] -= c;
      }
    }
  }
}

}  // namespace

namespace {

// Feature dropout: each training prediction sees a random subset of the rows, so that the
// weights do not lean on word identity alone (rare words stand in for unseen ones).
prepared dropped(const prepared& p, std::mt19937& rng, float rate) {
  prepared q;
  q.gold = p.gold;
  q.rows.resize(p.rows.size());
  std::uniform_real_distribution<float> u(0, 1);
  for (size_t i = 0; i < p.rows.size(); ++i)
    for (uint32_t r : p.rows[i])
      if (u(rng) >= rate) q.rows[i].push_back(r);
  return q;
}

}  // namespace

float g_dropout = 0;

void train(ner_model& m, const std::vector<prepared>& data, int epochs, const std::string& tag) {
  averager avg;
  avg.acc.assign(m.w.size(), 0.0f);
  std::vector<size_t> order(data.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::mt19937 rng(42);
  float c = 1;
  for (int e = 0; e < epochs; ++e) {
    std::shuffle(order.begin(), order.end(), rng);
    long errors = 0;
    for (size_t k : order) {
      if (g_dropout > 0) {
        const prepared d = dropped(data[k], rng, g_dropout);
        const auto pred = predict(d, m);
        if (pred != d.gold) ++errors, update(m, avg, d, pred, c);
      } else {
        const auto pred = predict(data[k], m);
        if (pred != data[k].gold) ++errors, update(m, avg, data[k], pred, c);
      }
      c += 1;
    }
    if (e + 1 == epochs || (e + 1) % 5 == 0)
      std::fprintf(stderr, "[%s] epoch %d: %ld sentences wrong\n", tag.c_str(), e + 1, errors);
  }
  for (size_t i = 0; i < m.w.size(); ++i) m.w[i] -= avg.acc[i] / c;
  for (int p = 0; p < kNumLabels; ++p) {
    m.start[p] -= avg.sacc[p] / c;
    for (int l = 0; l < kNumLabels; ++l) m.trans[p][l] -= avg.tacc[p][l] / c;
  }
}

void attach_doc(std::vector<prepared>& data, const std::vector<std::vector<int>>& first,
                size_t window, const ner_model& m) {
  std::unordered_map<uint64_t, doc_votes> votes;
  std::vector<uint64_t> keys;
  for (size_t s = 0; s < data.size(); ++s) {
    votes.clear();
    const size_t a = s > window ? s - window : 0, b = std::min(data.size(), s + window + 1);
    for (size_t k = a; k < b; ++k)
      for (size_t i = 0; i < data[k].doc_keys.size(); ++i)
        if (data[k].doc_keys[i]) votes[data[k].doc_keys[i]][first[k][i]]++;
    auto& p = data[s];
    for (size_t i = 0; i < p.rows.size(); ++i) {
      p.rows[i].resize(p.nbase[i]);
      if (!p.doc_keys[i]) continue;
      keys.clear();
      doc_features(votes[p.doc_keys[i]], first[s][i], keys);
      for (uint64_t k : keys) p.rows[i].push_back(static_cast<uint32_t>(m.row(k)));
    }
  }
}

scores evaluate(const std::vector<prepared>& data, const ner_model& m) {
  scores s;
  for (const auto& p : data) score_sentence(p.gold, predict(p, m), s);
  return s;
}

}  // namespace newsd::train
