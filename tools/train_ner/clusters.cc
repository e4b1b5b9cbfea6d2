#include "tools/train_ner/clusters.h"

#include <simdjson.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>
#include <unordered_map>

#include "common/hash.h"
#include "daemon/entities/fold.h"
#include "daemon/entities/utf8.h"

namespace newsd::train {

namespace {

constexpr int kDim = 96;
constexpr uint32_t kBreak = 0xFFFFFFFFu;

struct corpus {
  std::unordered_map<std::string, uint32_t> ids;
  std::vector<std::string> words;
  std::vector<uint64_t> counts;
  std::vector<uint64_t> caps, inner;  // Latin: capitalised / all non-initial occurrences
  std::vector<uint32_t> seq;          // token ids, kBreak between lines

  void add(std::string_view raw) {
    std::string f = entities::fold(raw);
    auto [it, fresh] = ids.emplace(std::move(f), static_cast<uint32_t>(words.size()));
    if (fresh)
      words.push_back(it->first), counts.push_back(0), caps.push_back(0), inner.push_back(0);
    counts[it->second]++;
    if (!seq.empty() && seq.back() != kBreak) {
      inner[it->second]++;
      if (raw[0] >= 'A' && raw[0] <= 'Z') caps[it->second]++;
    }
    seq.push_back(it->second);
  }
};

// Spherical k-means over row-major unit vectors; returns each row's cluster.
std::vector<uint16_t> kmeans(const std::vector<float>& v, size_t n, int k, int iters,
                             uint32_t seed) {
  std::mt19937 rng(seed);
  std::vector<float> c(static_cast<size_t>(k) * kDim);
  for (int j = 0; j < k; ++j) {
    const size_t r = rng() % n;
    std::copy_n(&v[r * kDim], kDim, &c[static_cast<size_t>(j) * kDim]);
  }
  std::vector<uint16_t> a(n, 0);
  for (int it = 0; it < iters; ++it) {
    for (size_t i = 0; i < n; ++i) {
      const float* x = &v[i * kDim];
      float best = -2;
      for (int j = 0; j < k; ++j) {
        const float* y = &c[static_cast<size_t>(j) * kDim];
        float d = 0;
        for (int t = 0; t < kDim; ++t) d += x[t] * y[t];
        if (d > best) best = d, a[i] = static_cast<uint16_t>(j);
      }
    }
    std::fill(c.begin(), c.end(), 0.0f);
    for (size_t i = 0; i < n; ++i)
      for (int t = 0; t < kDim; ++t) c[size_t{a[i]} * kDim + t] += v[i * kDim + t];
    for (int j = 0; j < k; ++j) {
      float* y = &c[static_cast<size_t>(j) * kDim];
      float norm = 0;
      for (int t = 0; t < kDim; ++t) norm += y[t] * y[t];
      if (norm == 0) {  // empty cluster: reseed
        std::copy_n(&v[(rng() % n) * kDim], kDim, y);
        continue;
      }
      norm = 1.0f / std::sqrt(norm);
      for (int t = 0; t < kDim; ++t) y[t] *= norm;
    }
  }
  return a;
}

// Calls f with the "text" of every line of the JSON Lines files; false (and *err) when a
// file cannot be read or parsed.
template <class F>
bool for_each_text(const std::vector<std::string>& jsonl, std::string* err, F&& f) {
  simdjson::ondemand::parser parser;
  for (const auto& path : jsonl) {
    simdjson::padded_string data;
    if (simdjson::padded_string::load(path).get(data)) {
      *err = "cannot read " + path;
      return false;
    }
    simdjson::ondemand::document_stream docs;
    if (parser.iterate_many(data).get(docs)) {
      *err = "bad JSON lines in " + path;
      return false;
    }
    for (auto doc : docs) {
      std::string_view text;
      if (!doc["text"].get_string().get(text)) f(text);
    }
  }
  return true;
}

}  // namespace

bool read_texts(const std::vector<std::string>& jsonl, std::string* err,
                const std::function<void(std::string_view)>& f) {
  return for_each_text(jsonl, err, f);
}

entities::lexicon build_lexicon(const std::vector<std::string>& jsonl,
                                const std::vector<sentence>& extra, const cluster_options& o,
                                std::string* err) {
  corpus cp;
  bool read = for_each_text(jsonl, err, [&cp](std::string_view text) {
    for (const auto& t : entities::tokenise(text)) {
      if (t.line_start) cp.seq.push_back(kBreak);
      cp.add(t.text);
    }
    cp.seq.push_back(kBreak);
  });
  if (!read) return {};
  for (const auto& s : extra) {
    for (const auto& t : s.tokens) cp.add(t);
    cp.seq.push_back(kBreak);
  }
  const size_t nw = cp.words.size();
  std::vector<uint32_t> by_count(nw);
  for (uint32_t i = 0; i < nw; ++i) by_count[i] = i;
  std::sort(by_count.begin(), by_count.end(),
            [&](uint32_t a, uint32_t b) { return cp.counts[a] > cp.counts[b]; });
  // Context vocabulary: the most frequent words (others share one id); clustered words:
  // the frequent ones.
  std::vector<uint32_t> ctx(nw, static_cast<uint32_t>(o.context_words));
  for (size_t r = 0; r < std::min(nw, o.context_words); ++r)
    ctx[by_count[r]] = static_cast<uint32_t>(r);
  std::vector<int32_t> row(nw, -1);
  size_t nrows = 0;
  for (uint32_t w : by_count) {
    if (nrows >= o.max_words || cp.counts[w] < static_cast<uint64_t>(o.min_count)) break;
    row[w] = static_cast<int32_t>(nrows++);
  }
  const size_t nctx = o.context_words + 1;
  // (row, direction, context) pair counts by sorting packed keys.
  std::vector<uint64_t> pairs;
  pairs.reserve(cp.seq.size() * 2);
  for (size_t i = 0; i < cp.seq.size(); ++i) {
    const uint32_t w = cp.seq[i];
    if (w == kBreak || row[w] < 0) continue;
    const uint64_t base = static_cast<uint64_t>(row[w]) * nctx * 2;
    const uint32_t l = i > 0 && cp.seq[i - 1] != kBreak ? ctx[cp.seq[i - 1]] : o.context_words;
    const uint32_t r =
        i + 1 < cp.seq.size() && cp.seq[i + 1] != kBreak ? ctx[cp.seq[i + 1]] : o.context_words;
    pairs.push_back(base + l);
    pairs.push_back(base + nctx + r);
  }
  std::sort(pairs.begin(), pairs.end());
  std::vector<double> ctx_total(nctx * 2, 0);
  for (uint64_t p : pairs) ctx_total[p % (nctx * 2)] += 1;
  const double total = static_cast<double>(pairs.size());
  std::vector<double> row_total(nrows, 0);
  for (uint64_t p : pairs) row_total[p / (nctx * 2)] += 1;
  // PPMI-weighted sum of a fixed random +-1 vector per context.
  std::vector<float> v(nrows * kDim, 0.0f);
  for (size_t i = 0; i < pairs.size();) {
    size_t j = i;
    while (j < pairs.size() && pairs[j] == pairs[i]) ++j;
    const uint64_t p = pairs[i];
    const size_t r = p / (nctx * 2), c = p % (nctx * 2);
    const double pmi = std::log(static_cast<double>(j - i) * total / (row_total[r] * ctx_total[c]));
    if (pmi > 0 && c % nctx != o.context_words) {
      const uint64_t h1 = hash64(std::to_string(c), 1), h2 = hash64(std::to_string(c), 2);
      for (int t = 0; t < kDim; ++t) {
        const bool bit = t < 64 ? (h1 >> t) & 1 : (h2 >> (t - 64)) & 1;
        v[r * kDim + t] += static_cast<float>(bit ? pmi : -pmi);
      }
    }
    i = j;
  }
  for (size_t r = 0; r < nrows; ++r) {
    float norm = 0;
    for (int t = 0; t < kDim; ++t) norm += v[r * kDim + t] * v[r * kDim + t];
    norm = norm > 0 ? 1.0f / std::sqrt(norm) : 0;
    for (int t = 0; t < kDim; ++t) v[r * kDim + t] *= norm;
  }
  const auto fine = kmeans(v, nrows, o.fine, o.iterations, 7);
  const auto coarse = kmeans(v, nrows, o.coarse, o.iterations, 11);

  entities::lexicon lex;
  const std::string al = "\xD8\xA7\xD9\x84";
  auto count_of = [&](const std::string& w) -> uint64_t {
    auto it = cp.ids.find(w);
    return it == cp.ids.end() ? 0 : cp.counts[it->second];
  };
  for (uint32_t w = 0; w < nw; ++w) {
    if (cp.counts[w] < static_cast<uint64_t>(o.min_count)) continue;
    const std::string& f = cp.words[w];
    entities::lex_entry e;
    if (row[w] >= 0) {
      e.fine = static_cast<uint16_t>(fine[static_cast<size_t>(row[w])] + 1);
      e.coarse = static_cast<uint16_t>(coarse[static_cast<size_t>(row[w])] + 1);
    }
    e.freq = static_cast<uint8_t>(std::min<int>(15, static_cast<int>(std::log2(cp.counts[w]))));
    if (entities::has_arabic(f)) {
      const bool has_al = f.rfind(al, 0) == 0 && f.size() > al.size() + 2;
      const uint64_t with = has_al ? cp.counts[w] : count_of(al + f);
      const uint64_t without = has_al ? count_of(f.substr(al.size())) : cp.counts[w];
      const double ratio = static_cast<double>(with) / static_cast<double>(with + without);
      e.art = static_cast<uint8_t>(1 + std::min(4, static_cast<int>(ratio * 5)));
    } else if (cp.inner[w] >= 2) {
      // Latin: how often the word is capitalised away from the sentence start.
      const double ratio = static_cast<double>(cp.caps[w]) / static_cast<double>(cp.inner[w]);
      e.art = static_cast<uint8_t>(1 + std::min(4, static_cast<int>(ratio * 5)));
    }
    lex.add(f, e);
  }
  lex.sort();
  std::fprintf(stderr, "lexicon: %zu corpus tokens, %zu types, %zu clustered, %zu entries\n",
               cp.seq.size(), nw, nrows, lex.keys.size());
  return lex;
}

}  // namespace newsd::train

namespace newsd::train {

std::vector<std::string> frequent_raw_words(const std::vector<std::string>& jsonl, size_t n,
                                            std::string* err) {
  std::unordered_map<std::string, uint32_t> counts;
  bool read = for_each_text(jsonl, err, [&counts](std::string_view text) {
    for (const auto& t : entities::tokenise(text)) counts[std::string(t.text)]++;
  });
  if (!read) return {};
  std::vector<std::pair<uint32_t, std::string>> by;
  by.reserve(counts.size());
  for (auto& [w, c] : counts) by.emplace_back(c, w);
  // Count first, then the word: a stable choice whatever the hash order.
  std::sort(by.begin(), by.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  std::vector<std::string> out;
  for (size_t i = 0; i < std::min(n, by.size()); ++i) out.push_back(std::move(by[i].second));
  return out;
}

}  // namespace newsd::train
