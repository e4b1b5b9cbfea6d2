// train_ner: averaged structured perceptron over BIO labels (Viterbi with transition
// weights), features from daemon/entities/features.h so training and tagging agree.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <random>
#include <unordered_map>

#include "daemon/entities/features.h"
#include "daemon/entities/gazetteer.h"
#include "daemon/entities/ner_model.h"
#include "tools/train_ner/conll_eval.h"

using namespace newsd;
using namespace newsd::entities;

namespace {

struct prepared {
  std::vector<std::vector<uint32_t>> rows;  // per token: weight rows of its features
  std::vector<int> gold;
};

prepared prepare(const train::sentence& s, const gazetteer* g, const ner_model& m,
                 std::unordered_map<std::string, word_info>& infos) {
  prepared p;
  const size_t n = s.tokens.size();
  std::vector<const word_info*> words(n);
  for (size_t i = 0; i < n; ++i) {
    auto it = infos.find(s.tokens[i]);
    if (it == infos.end()) it = infos.emplace(s.tokens[i], analyse_word(s.tokens[i])).first;
    words[i] = &it->second;
  }
  static const word_info bos = analyse_word("<S>"), eos = analyse_word("</S>");
  std::vector<uint16_t> codes(n, 0);
  if (g) codes = gaz_codes(*g, scan_gazetteer(*g, words), n);
  p.rows.resize(n);
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

train::scores evaluate(const std::vector<prepared>& data, const ner_model& m) {
  train::scores s;
  for (const auto& p : data) train::score_sentence(p.gold, predict(p, m), s);
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Train the newsd NER perceptron"};
  std::vector<std::string> train_files;
  std::string dev_file, gaz_file, out_file, lang = "ar";
  double dev_tail = 0;
  int epochs = 20, min_count = 2;
  uint32_t bits = 20;
  app.add_option("--train", train_files, "CoNLL training files")->required();
  app.add_option("--dev", dev_file, "CoNLL dev file (scored after training)");
  app.add_option("--dev-tail", dev_tail,
                 "Hold out this fraction of the training sentences (the last ones) as dev");
  app.add_option("--gazetteer", gaz_file, "gazetteer.bin for gazetteer features");
  app.add_option("--out", out_file, "Model file to write");
  app.add_option("--epochs", epochs);
  app.add_option("--bits", bits, "log2 of the hashed feature rows");
  app.add_option("--min-count", min_count, "Precompute words seen this often");
  app.add_option("--lang", lang);
  CLI11_PARSE(app, argc, argv);

  std::vector<train::sentence> train_set, dev_set;
  for (const auto& f : train_files) {
    std::string err;
    auto s = train::read_conll(f, &err);
    if (!err.empty()) return std::fprintf(stderr, "train_ner: %s\n", err.c_str()), 1;
    train_set.insert(train_set.end(), s.begin(), s.end());
  }
  if (dev_tail > 0) {
    const size_t keep = static_cast<size_t>(train_set.size() * (1 - dev_tail));
    dev_set.assign(train_set.begin() + keep, train_set.end());
    train_set.resize(keep);
  }
  if (!dev_file.empty()) {
    std::string err;
    dev_set = train::read_conll(dev_file, &err);
    if (!err.empty()) return std::fprintf(stderr, "train_ner: %s\n", err.c_str()), 1;
  }
  std::unique_ptr<gazetteer> gaz;
  if (!gaz_file.empty()) {
    auto g = gazetteer::load(gaz_file);
    if (!g) return std::fprintf(stderr, "train_ner: %s\n", g.err().message.c_str()), 1;
    gaz = std::make_unique<gazetteer>(std::move(*g));
  }
  const auto t0 = std::chrono::steady_clock::now();
  ner_model m;
  m.bits = bits;
  m.w.assign((size_t{1} << bits) * kNumLabels, 0.0f);
  averager avg;
  avg.acc.assign(m.w.size(), 0.0f);
  std::unordered_map<std::string, word_info> infos;
  std::vector<prepared> tr, dv;
  for (const auto& s : train_set) tr.push_back(prepare(s, gaz.get(), m, infos));
  for (const auto& s : dev_set) dv.push_back(prepare(s, gaz.get(), m, infos));
  std::fprintf(stderr, "[%s] %zu train / %zu dev sentences\n", lang.c_str(), tr.size(), dv.size());

  std::vector<size_t> order(tr.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::mt19937 rng(42);
  float c = 1;
  for (int e = 0; e < epochs; ++e) {
    std::shuffle(order.begin(), order.end(), rng);
    long errors = 0;
    for (size_t k : order) {
      const auto pred = predict(tr[k], m);
      if (pred != tr[k].gold) ++errors, update(m, avg, tr[k], pred, c);
      c += 1;
    }
    std::fprintf(stderr, "[%s] epoch %d: %ld sentences wrong\n", lang.c_str(), e + 1, errors);
  }
  for (size_t i = 0; i < m.w.size(); ++i) m.w[i] -= avg.acc[i] / c;
  for (int p = 0; p < kNumLabels; ++p) {
    m.start[p] -= avg.sacc[p] / c;
    for (int l = 0; l < kNumLabels; ++l) m.trans[p][l] -= avg.tacc[p][l] / c;
  }
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::fprintf(stderr, "[%s] trained in %.1f s\n", lang.c_str(), secs);
  if (!dv.empty()) {
    std::printf("[%s] dev (%zu sentences):\n%s", lang.c_str(), dv.size(),
                train::format_scores(evaluate(dv, m)).c_str());
  }
  if (!out_file.empty()) {
    std::map<std::string, int> counts;
    for (const auto& s : train_set)
      for (const auto& t : s.tokens) counts[t]++;
    for (const auto& [w, n] : counts)
      if (n >= min_count) m.vocab.push_back(w);
    if (auto st = m.save(out_file); !st)
      return std::fprintf(stderr, "train_ner: %s\n", st.err().message.c_str()), 1;
    std::fprintf(stderr, "[%s] wrote %s (%zu precomputed words)\n", lang.c_str(), out_file.c_str(),
                 m.vocab.size());
  }
  return 0;
}
