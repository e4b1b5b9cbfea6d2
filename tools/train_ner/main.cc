// train_ner: averaged structured perceptron over BIO labels (Viterbi with transition
// weights), features from daemon/entities/features.h so training and tagging agree.
// Optionally learns distributional word classes from unlabeled text first (clusters.h).
#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>

#include "daemon/entities/features.h"
#include "daemon/entities/gazetteer.h"
#include "daemon/entities/ner_model.h"
#include "daemon/entities/recogniser.h"
#include "tools/train_ner/clusters.h"
#include "tools/train_ner/conll_eval.h"
#include "tools/train_ner/corpus_votes.h"
#include "tools/train_ner/perceptron.h"

using namespace newsd;
using namespace newsd::entities;

namespace {

struct setup {
  const gazetteer* gaz = nullptr;
  const lexicon* lex = nullptr;
  uint32_t bits = 20;
  int epochs = 20;
  size_t doc_window = 0;
  bool doc_single = false;
  std::string lang;
  const std::vector<train::sentence>* corpus = nullptr;  // --corpus-votes
  bool doc_from_votes = false;  // second-pass training labels from the votes' jackknife
};

ner_model fresh(const setup& s) {
  ner_model m;
  m.bits = s.bits;
  m.w.assign((size_t{1} << s.bits) * kNumLabels, 0.0f);
  if (s.lex) m.lex = *s.lex;
  return m;
}

// Pass-1 model, and with --doc-window the pass-2 model trained on document features from
// jackknifed pass-1 labels (so they are as noisy as at tagging time).
struct models {
  ner_model first, second;
  bool doc = false, single = false;  // single: `first` serves both passes
};

std::vector<train::prepared> prepare_all(const setup& s, const ner_model& m,
                                         const std::vector<train::sentence>& data) {
  std::unordered_map<std::string, word_info> infos;
  std::vector<train::prepared> out;
  out.reserve(data.size());
  for (const auto& x : data) out.push_back(train::prepare(x, s.gaz, m, infos));
  return out;
}

constexpr size_t kJack = 5;

// Corpus votes: a model without them, trained on all of `data`, gives the votes of the
// shipped lexicon (returned); each jackknife part of `data` is prepared again with the votes
// of a model that did not see it, so that they are as noisy in training as on new text.
entities::lexicon corpus_stage(const setup& s, const std::vector<train::sentence>& data,
                               std::vector<train::prepared>& tr, const std::string& tag,
                               std::vector<std::vector<int>>& jack) {
  ner_model a = fresh(s);
  train::train(a, tr, s.epochs, tag + " votes");
  lexicon full = a.lex;
  train::corpus_votes(a, s.gaz, *s.corpus, full);
  std::vector<train::prepared> out;
  out.reserve(tr.size());
  for (size_t k = 0; k < kJack; ++k) {
    const size_t lo = tr.size() * k / kJack, hi = tr.size() * (k + 1) / kJack;
    std::vector<train::prepared> rest(tr.begin(), tr.begin() + static_cast<long>(lo));
    rest.insert(rest.end(), tr.begin() + static_cast<long>(hi), tr.end());
    ner_model m = fresh(s);
    train::train(m, rest, s.epochs, tag + " votes jackknife " + std::to_string(k + 1));
    for (size_t i = lo; i < hi; ++i) jack.push_back(train::predict(tr[i], m));
    ner_model t;  // features only: bits and lexicon
    t.bits = s.bits;
    t.lex = m.lex;
    train::corpus_votes(m, s.gaz, *s.corpus, t.lex);
    std::unordered_map<std::string, word_info> infos;
    for (size_t i = lo; i < hi; ++i) out.push_back(train::prepare(data[i], s.gaz, t, infos));
  }
  std::fprintf(stderr, "[%s] corpus votes: %zu words\n", tag.c_str(), full.vote_keys.size());
  tr = std::move(out);
  return full;
}

models fit(const setup& s, const std::vector<train::sentence>& data, const std::string& tag) {
  models r;
  r.first = fresh(s);
  auto tr = prepare_all(s, r.first, data);
  std::vector<std::vector<int>> jack;
  if (s.corpus) r.first.lex = corpus_stage(s, data, tr, tag, jack);
  train::train(r.first, tr, s.epochs, tag);
  if (s.doc_window == 0) return r;
  r.doc = true;
  std::vector<std::vector<int>> first(tr.size());
  // --doc-from-votes: the labels of the votes' jackknife models, which saw no votes, so they
  // are noisier than the run-time first pass; it measured better and saves 5 trainings.
  if (s.doc_from_votes && s.corpus) first = std::move(jack);
  for (size_t k = 0; k < kJack && !(s.doc_from_votes && s.corpus); ++k) {
    const size_t a = tr.size() * k / kJack, b = tr.size() * (k + 1) / kJack;
    std::vector<train::prepared> rest(tr.begin(), tr.begin() + static_cast<long>(a));
    rest.insert(rest.end(), tr.begin() + static_cast<long>(b), tr.end());
    ner_model m = fresh(s);
    train::train(m, rest, s.epochs, tag + " jackknife " + std::to_string(k + 1));
    for (size_t i = a; i < b; ++i) first[i] = train::predict(tr[i], m);
  }
  if (s.doc_single) {
    // One model for both passes: every sentence is seen without and with document features.
    std::vector<train::prepared> mix = tr;
    train::attach_doc(tr, first, s.doc_window, r.first);
    mix.insert(mix.end(), tr.begin(), tr.end());
    r.single = true;
    lexicon lex = std::move(r.first.lex);
    r.first = fresh(s);
    r.first.lex = std::move(lex);
    train::train(r.first, mix, s.epochs, tag + " both passes");
    return r;
  }
  train::attach_doc(tr, first, s.doc_window, r.first);
  r.second = fresh(s);
  r.second.lex = r.first.lex;
  train::train(r.second, tr, s.epochs, tag + " pass 2");
  return r;
}

std::string g_dump;  // --dump: token gold predicted, for error analysis

train::scores score(const setup& s, const models& m, const std::vector<train::sentence>& data) {
  auto te = prepare_all(s, m.first, data);
  std::vector<std::vector<int>> pred(te.size());
  for (size_t i = 0; i < te.size(); ++i) pred[i] = train::predict(te[i], m.first);
  if (m.doc) {
    train::scores one;
    for (size_t i = 0; i < te.size(); ++i) train::score_sentence(te[i].gold, pred[i], one);
    std::printf("[%s] pass 1 alone: F1 %.4f\n", s.lang.c_str(), one.all.f());
    train::attach_doc(te, pred, s.doc_window, m.first);
    for (size_t i = 0; i < te.size(); ++i)
      pred[i] = train::predict(te[i], m.single ? m.first : m.second);
  }
  train::scores sc;
  FILE* dump = g_dump.empty() ? nullptr : std::fopen(g_dump.c_str(), "w");
  for (size_t k = 0; k < te.size(); ++k) {
    train::score_sentence(te[k].gold, pred[k], sc);
    if (!dump) continue;
    for (size_t i = 0; i < pred[k].size(); ++i)
      std::fprintf(dump, "%s\t%s\t%s\n", data[k].tokens[i].c_str(), kLabelNames[te[k].gold[i]],
                   kLabelNames[pred[k][i]]);
    std::fprintf(dump, "\n");
  }
  if (dump) std::fclose(dump);
  return sc;
}

void add_scores(train::scores& into, const train::scores& s) {
  auto add = [](train::prf& a, const train::prf& b) { a.tp += b.tp, a.fp += b.fp, a.fn += b.fn; };
  add(into.all, s.all);
  for (size_t t = 0; t < into.by_type.size(); ++t) add(into.by_type[t], s.by_type[t]);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Train the newsd NER perceptron"};
  std::vector<std::string> train_files, unlabeled;
  std::string dev_file, gaz_file, out_file, lang = "ar";
  double dev_tail = 0;
  int min_count = 2, folds = 0;
  bool lex_from_train = false;
  std::string lex_cache_file;
  setup s;
  train::cluster_options co;
  app.add_option("--train", train_files, "CoNLL training files")->required();
  app.add_option("--dev", dev_file, "CoNLL dev file (scored after training)");
  app.add_option("--dev-tail", dev_tail,
                 "Hold out this fraction of the training sentences (the last ones) as dev");
  app.add_option("--folds", folds, "Also report K-fold cross-validation (contiguous blocks)");
  app.add_option("--gazetteer", gaz_file, "gazetteer.bin for gazetteer features");
  app.add_option("--unlabeled", unlabeled, "JSON Lines text ('text' field) for word classes");
  app.add_flag("--lexicon-from-train", lex_from_train,
               "Also learn word classes from the training tokens (labels unused)");
  app.add_option("--lexicon-cache", lex_cache_file,
                 "Reuse word classes from this file (written when absent)");
  app.add_option("--lexicon-min-count", co.min_count, "Corpus count for a lexicon entry");
  app.add_option("--clusters", co.fine, "Fine word classes");
  app.add_option("--coarse-clusters", co.coarse, "Coarse word classes");
  app.add_option("--out", out_file, "Model file to write (trained on all training sentences)");
  std::string out_doc_file;
  size_t vocab_unlabeled = 0;
  app.add_option("--vocab-unlabeled", vocab_unlabeled,
                 "Also precompute the N most frequent words of the --unlabeled text");
  app.add_option("--out-doc", out_doc_file,
                 "With --doc-window: the second-pass model file (the tagger's ner-ar-doc.bin)");
  app.add_option("--epochs", s.epochs);
  size_t corpus_texts = 0;
  app.add_option("--corpus-votes", corpus_texts,
                 "Corpus-vote features from the first N texts of --unlabeled (0: off)");
  app.add_flag("--doc-single", s.doc_single, "One model for both passes (trained on both)");
  app.add_flag("--doc-from-votes", s.doc_from_votes,
               "Second-pass training labels from the corpus-vote jackknife (no votes seen)");
  app.add_option("--dropout", train::g_dropout, "Feature dropout rate while training");
  app.add_option("--doc-window", s.doc_window,
                 "Train a second-pass model with document features over +-N sentences");
  app.add_option("--bits", s.bits, "log2 of the hashed feature rows");
  app.add_option("--min-count", min_count, "Precompute words seen this often");
  app.add_option("--lang", lang);
  app.add_option("--dump", g_dump, "Write dev predictions (token, gold, predicted) here");
  CLI11_PARSE(app, argc, argv);
  s.lang = lang;

  std::vector<train::sentence> all, dev_set;
  for (const auto& f : train_files) {
    std::string err;
    auto x = train::read_conll(f, &err);
    if (!err.empty()) return std::fprintf(stderr, "train_ner: %s\n", err.c_str()), 1;
    all.insert(all.end(), x.begin(), x.end());
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
    s.gaz = gaz.get();
  }
  const auto t0 = std::chrono::steady_clock::now();
  lexicon lex;
  std::string lex_cache;
  if (!lex_cache_file.empty()) {
    std::ifstream f(lex_cache_file, std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    lex_cache = ss.str();
  }
  size_t pos = 0;
  if (!lex_cache.empty() && lex.deserialise(lex_cache, pos)) {
    s.lex = &lex;
    std::fprintf(stderr, "[%s] lexicon from %s\n", lang.c_str(), lex_cache_file.c_str());
  } else if (!unlabeled.empty() || lex_from_train) {
    std::string err;
    lex = train::build_lexicon(unlabeled, lex_from_train ? all : std::vector<train::sentence>{}, co,
                               &err);
    if (!err.empty()) return std::fprintf(stderr, "train_ner: %s\n", err.c_str()), 1;
    s.lex = &lex;
    if (!lex_cache_file.empty()) {
      std::string out;
      lex.serialise(out);
      std::ofstream(lex_cache_file, std::ios::binary) << out;
    }
  }
  std::vector<train::sentence> corpus;
  if (corpus_texts > 0) {
    std::string err;
    corpus = train::corpus_sentences(unlabeled, corpus_texts, &err);
    if (!err.empty()) return std::fprintf(stderr, "train_ner: %s\n", err.c_str()), 1;
    s.corpus = &corpus;
    std::fprintf(stderr, "[%s] corpus votes over %zu sentences\n", lang.c_str(), corpus.size());
  }
  auto elapsed = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  };
  if (folds > 1) {
    train::scores pooled;
    for (int k = 0; k < folds; ++k) {
      const size_t a = all.size() * k / folds, b = all.size() * (k + 1) / folds;
      std::vector<train::sentence> tr(all.begin(), all.begin() + a),
          te(all.begin() + a, all.begin() + b);
      tr.insert(tr.end(), all.begin() + b, all.end());
      const auto m = fit(s, tr, lang + " fold " + std::to_string(k + 1));
      const auto sc = score(s, m, te);
      std::printf("[%s] fold %d/%d F1 %.4f\n", lang.c_str(), k + 1, folds, sc.all.f());
      add_scores(pooled, sc);
    }
    std::printf("[%s] %d-fold cross-validation (pooled):\n%s", lang.c_str(), folds,
                train::format_scores(pooled).c_str());
  }
  if (dev_tail > 0 || !dev_set.empty()) {
    std::vector<train::sentence> tr = all, dv = dev_set;
    if (dev_tail > 0) {
      const size_t keep = static_cast<size_t>(all.size() * (1 - dev_tail));
      dv.assign(all.begin() + static_cast<long>(keep), all.end());
      tr.resize(keep);
    }
    const auto m = fit(s, tr, lang + " dev");
    std::printf("[%s] dev (%zu train / %zu dev sentences):\n%s", lang.c_str(), tr.size(), dv.size(),
                train::format_scores(score(s, m, dv)).c_str());
  }
  if (!out_file.empty()) {
    auto fitted = fit(s, all, lang);
    auto& m = fitted.first;
    std::map<std::string, int> counts;
    for (const auto& x : all)
      for (const auto& t : x.tokens) counts[t]++;
    for (const auto& [w, n] : counts)
      if (n >= min_count) m.vocab.push_back(w);
    if (vocab_unlabeled > 0) {
      std::string err;
      for (auto& w : train::frequent_raw_words(unlabeled, vocab_unlabeled, &err))
        if (counts.count(w) == 0 || counts[w] < min_count) m.vocab.push_back(kUnseenMark + w);
      if (!err.empty()) return std::fprintf(stderr, "train_ner: %s\n", err.c_str()), 1;
    }
    if (auto st = m.save(out_file); !st)
      return std::fprintf(stderr, "train_ner: %s\n", st.err().message.c_str()), 1;
    std::fprintf(stderr, "[%s] wrote %s (%zu precomputed words, %zu lexicon entries)\n",
                 lang.c_str(), out_file.c_str(), m.vocab.size(), m.lex.keys.size());
    if (!out_doc_file.empty()) {
      if (!fitted.doc || fitted.single)
        return std::fprintf(stderr, "train_ner: --out-doc needs --doc-window (two models)\n"), 1;
      fitted.second.vocab = m.vocab;
      if (auto st = fitted.second.save(out_doc_file); !st)
        return std::fprintf(stderr, "train_ner: %s\n", st.err().message.c_str()), 1;
      std::fprintf(stderr, "[%s] wrote %s (second pass)\n", lang.c_str(), out_doc_file.c_str());
    }
  }
  std::fprintf(stderr, "[%s] done in %.1f s\n", lang.c_str(), elapsed());
  return 0;
}
