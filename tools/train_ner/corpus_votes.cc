#include "tools/train_ner/corpus_votes.h"

#include <algorithm>
#include <array>
#include <unordered_map>

#include "daemon/entities/utf8.h"
#include "tools/train_ner/clusters.h"
#include "tools/train_ner/perceptron.h"

namespace newsd::train {

using namespace newsd::entities;

std::vector<sentence> corpus_sentences(const std::vector<std::string>& jsonl, size_t max_texts,
                                       std::string* err) {
  std::vector<sentence> out;
  size_t texts = 0;
  bool ok = read_texts(jsonl, err, [&](std::string_view text) {
    if (texts++ >= max_texts) return;
    sentence cur;
    auto flush = [&] {
      if (!cur.tokens.empty()) {
        cur.labels.assign(cur.tokens.size(), 0);
        out.push_back(std::move(cur));
      }
      cur = sentence{};
    };
    for (const auto& t : tokenise(text)) {
      if (t.line_start) flush();
      cur.tokens.emplace_back(t.text);
      const std::string_view x = t.text;
      if (x == "." || x == "!" || x == "?" || x == "\xD8\x9F" || cur.tokens.size() >= 100) flush();
    }
    flush();
  });
  if (!ok) return {};
  return out;
}

void corpus_votes(const ner_model& m, const gazetteer* g, const std::vector<sentence>& corpus,
                  lexicon& into) {
  std::unordered_map<std::string, word_info> infos;
  std::unordered_map<uint32_t, std::array<uint32_t, kNumLabels>> counts;
  for (const auto& s : corpus) {
    const prepared p = prepare(s, g, m, infos);
    const auto pred = predict(p, m);
    for (size_t i = 0; i < pred.size(); ++i)
      if (p.doc_keys[i]) counts[static_cast<uint32_t>(p.doc_keys[i])][pred[i]]++;
  }
  std::vector<std::pair<uint32_t, uint8_t>> v;
  for (const auto& [k, c] : counts) {
    uint32_t n = 0, ent = 0, best = 0;
    for (int l = 0; l < kNumLabels; ++l) n += c[l];
    for (int l = 1; l < kNumLabels; ++l) {
      ent += c[l];
      if (c[l] > c[best]) best = static_cast<uint32_t>(l);
    }
    if (n < 2) continue;
    const double r = static_cast<double>(ent) / n;
    const int bucket = r < 0.05 ? 0 : r < 0.25 ? 1 : r < 0.5 ? 2 : r < 0.75 ? 3 : 4;
    const int many = n >= 5;
    const int cls =
        bucket == 0 ? 1 + many : 3 + ((static_cast<int>(best) - 1) * 4 + bucket - 1) * 2 + many;
    v.emplace_back(k, static_cast<uint8_t>(cls));
  }
  std::sort(v.begin(), v.end());
  into.vote_keys.clear();
  into.vote_cls.clear();
  for (const auto& [k, c] : v) into.vote_keys.push_back(k), into.vote_cls.push_back(c);
}

}  // namespace newsd::train
