#include "tools/train_ner/conll_eval.h"

#include <cstdio>
#include <fstream>
#include <set>
#include <tuple>

#include "daemon/entities/features.h"

namespace newsd::train {

std::vector<sentence> read_conll(const std::string& path, std::string* err) {
  std::vector<sentence> out;
  std::ifstream f(path);
  if (!f) {
    *err = "cannot open " + path;
    return out;
  }
  sentence cur;
  std::string line;
  while (std::getline(f, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) {
      if (!cur.tokens.empty()) out.push_back(std::move(cur));
      cur = {};
      continue;
    }
    const size_t a = line.find_first_of(" \t");
    const size_t b = line.find_last_of(" \t");
    if (a == std::string::npos) continue;
    const int l = entities::label_id(line.substr(b + 1));
    cur.tokens.push_back(line.substr(0, a));
    cur.labels.push_back(l < 0 ? 0 : l);
  }
  if (!cur.tokens.empty()) out.push_back(std::move(cur));
  return out;
}

namespace {

// conlleval chunking: a chunk starts at B-X, or at I-X not continuing an X chunk.
std::set<std::tuple<size_t, size_t, int>> spans(const std::vector<int>& l) {
  std::set<std::tuple<size_t, size_t, int>> out;
  size_t i = 0;
  while (i < l.size()) {
    if (l[i] == 0) {
      ++i;
      continue;
    }
    const int t = entities::label_type(l[i]);
    size_t j = i + 1;
    while (j < l.size() && entities::is_inside(l[j]) && entities::label_type(l[j]) == t) ++j;
    out.emplace(i, j, t);
    i = j;
  }
  return out;
}

}  // namespace

void score_sentence(const std::vector<int>& gold, const std::vector<int>& pred, scores& s) {
  const auto g = spans(gold), p = spans(pred);
  for (const auto& x : p) {
    const bool hit = g.count(x) > 0;
    auto& t = s.by_type[std::get<2>(x)];
    (hit ? t.tp : t.fp)++;
    (hit ? s.all.tp : s.all.fp)++;
  }
  for (const auto& x : g) {
    if (p.count(x)) continue;
    s.by_type[std::get<2>(x)].fn++;
    s.all.fn++;
  }
}

std::string format_scores(const scores& s) {
  static const char* names[] = {"PER", "LOC", "ORG", "MISC"};
  std::string out;
  char buf[160];
  auto line = [&](const char* n, const prf& x) {
    std::snprintf(buf, sizeof buf, "%-5s P %.4f  R %.4f  F1 %.4f  (gold %ld, predicted %ld)\n", n,
                  x.p(), x.r(), x.f(), x.tp + x.fn, x.tp + x.fp);
    out += buf;
  };
  line("ALL", s.all);
  for (int t = 0; t < 4; ++t) line(names[t], s.by_type[t]);
  return out;
}

}  // namespace newsd::train
