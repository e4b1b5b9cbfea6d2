#include "tools/dedup_eval/label_score.h"

#include <simdjson.h>

#include <fstream>

namespace newsd::dedup_eval {

result<std::vector<labelled_pair>> read_labels(const std::string& path) {
  std::ifstream in(path);
  if (!in) return make_error(errc::not_found, "cannot open " + path);
  std::vector<labelled_pair> out;
  simdjson::ondemand::parser parser;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    simdjson::padded_string p(line);
    auto doc = parser.iterate(p);
    labelled_pair lp;
    std::string_view a, b, l, c;
    if (doc["a"].get_string().get(a) || doc["b"].get_string().get(b) ||
        doc["label"].get_string().get(l)) {
      return make_error(errc::invalid_input, "bad label line: " + line.substr(0, 80));
    }
    lp.a = a;
    lp.b = b;
    lp.label = l;
    if (!doc["confidence"].get_string().get(c)) lp.confidence = c;
    out.push_back(std::move(lp));
  }
  return out;
}

void resolve_clusters(std::map<std::string, std::string>& root) {
  for (auto& [id, r] : root) {
    // Links always point to an earlier decision, so the walk ends; the bound guards
    // against a malformed records file.
    for (int hop = 0; hop < 1000; ++hop) {
      auto it = root.find(r);
      if (it == root.end() || it->second == r) break;
      r = it->second;
    }
  }
}

score score_pairs(const std::vector<labelled_pair>& pairs,
                  const std::map<std::string, std::string>& root) {
  score s;
  auto root_of = [&root](const std::string& id) {
    auto it = root.find(id);
    return it == root.end() ? id : it->second;
  };
  for (const auto& p : pairs) {
    bool flagged = root_of(p.a) == root_of(p.b);
    if (p.label == "COPY") {
      ++s.copy;
      s.copy_flagged += flagged;
      if (!flagged) s.misses.push_back("missed COPY(" + p.confidence + ") " + p.a + " " + p.b);
    } else if (p.label == "SAME_STORY") {
      ++s.same;
      s.same_flagged += flagged;
      if (flagged) s.misses.push_back("flagged SAME_STORY(" + p.confidence + ") " + p.a + " " + p.b);
    } else {
      ++s.unrelated;
      s.unrelated_flagged += flagged;
      if (flagged) s.misses.push_back("flagged UNRELATED " + p.a + " " + p.b);
    }
  }
  return s;
}

}  // namespace newsd::dedup_eval
