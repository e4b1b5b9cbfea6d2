#pragma once
// Scores dedup verdicts against the labelled pairs of data/dedup (COPY,
// SAME_STORY, UNRELATED): the scorer eval/dedup/score.py is not in the tree.
#include <map>
#include <string>
#include <vector>

#include "common/result.h"

namespace newsd::dedup_eval {

struct labelled_pair {
  std::string a, b, label, confidence;
};

struct score {
  int copy = 0, same = 0, unrelated = 0;
  int copy_flagged = 0, same_flagged = 0, unrelated_flagged = 0;
  double precision() const {
    int f = copy_flagged + same_flagged + unrelated_flagged;
    return f == 0 ? 1.0 : double(copy_flagged) / f;
  }
  double recall() const { return copy == 0 ? 1.0 : double(copy_flagged) / copy; }
  double same_rate() const { return same == 0 ? 0.0 : double(same_flagged) / same; }
  std::vector<std::string> misses;  // "label a b" for wrong decisions
};

result<std::vector<labelled_pair>> read_labels(const std::string& path);

// Turns a map id -> duplicate_of (or itself) into id -> cluster: duplicate_of names the
// earliest-published member seen, which can itself be a duplicate (it arrived later than
// the cluster's first member), so the links are followed to their end.
void resolve_clusters(std::map<std::string, std::string>& root);

// `root` maps an article id to its cluster: duplicate_of for duplicates, the id itself otherwise.
score score_pairs(const std::vector<labelled_pair>& pairs,
                  const std::map<std::string, std::string>& root);

}  // namespace newsd::dedup_eval
