#include "tools/build_gazetteer/collisions.h"

#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>
#include <unordered_map>

#include "daemon/entities/fold.h"
#include "daemon/entities/utf8.h"

namespace newsd::gazbuild {

namespace {

std::string nospace(const std::string& s) {
  std::string o;
  for (char c : s)
    if (c != ' ') o += c;
  return o;
}

}  // namespace

// For each key kind: how many keys are shared by person entities of two different entities
// (a false merge if two such people were unknown names in one text), and how many persons
// with both an Arabic and a Latin alias get one key for the two scripts (the merge wanted).
void report_person_key_collisions(const entities::gazetteer& g, size_t min_len) {
  std::unordered_map<std::string, std::set<uint32_t>> skel, cross;
  std::map<uint32_t, std::pair<std::set<std::string>, std::set<std::string>>> by_script;
  size_t n_aliases = 0;
  for (const auto& a : g.aliases) {
    if (g.entities[a.entity].type != "PERSON") continue;
    ++n_aliases;
    skel[entities::skeleton(nospace(a.folded))].insert(a.entity);
    const std::string k = entities::cross_script_key(a.folded);
    if (k.size() >= min_len) {
      cross[k].insert(a.entity);
      auto& s = by_script[a.entity];
      (entities::has_arabic(a.folded) ? s.first : s.second).insert(k);
    }
  }
  auto shared = [](const auto& m, size_t* ents) {
    size_t keys = 0;
    *ents = 0;
    for (const auto& [k, es] : m)
      if (es.size() > 1) ++keys, *ents += es.size();
    return keys;
  };
  size_t se = 0, ce = 0;
  const size_t sk = shared(skel, &se), ck = shared(cross, &ce);
  size_t both = 0, joined = 0;
  for (const auto& [e, s] : by_script) {
    if (s.first.empty() || s.second.empty()) continue;
    ++both;
    for (const auto& k : s.first)
      if (s.second.count(k) != 0) {
        ++joined;
        break;
      }
  }
  std::fprintf(stderr,
               "build_gazetteer: person aliases %zu: variant skeleton shared by 2+ people: %zu "
               "keys (%zu people); cross-script key (>= %zu classes) shared: %zu keys (%zu "
               "people); people with Arabic and Latin aliases: %zu, one key for both: %zu\n",
               n_aliases, sk, se, min_len, ck, ce, both, joined);
  if (std::getenv("BUILD_GAZETTEER_VERBOSE") != nullptr)
    for (const auto& [k, es] : cross)
      if (es.size() > 1) {
        std::fprintf(stderr, "  cross %s:", k.c_str());
        for (uint32_t e : es) std::fprintf(stderr, " %s;", g.entities[e].name.c_str());
        std::fprintf(stderr, "\n");
      }
}

}  // namespace newsd::gazbuild
