#include "daemon/entities/linker.h"

#include <algorithm>
#include <array>
#include <unordered_map>

#include "common/hash.h"
#include "daemon/entities/fold.h"

namespace newsd::entities {

namespace {

const char* const kTypeNames[4] = {"PERSON", "LOCATION", "ORGANIZATION", "MISC"};

int type_index(std::string_view t) {
  for (int i = 0; i < 4; ++i)
    if (t == kTypeNames[i]) return i;
  return 3;
}

// Tagger and gazetteer may disagree between place and organisation (a country named as a
// party to talks); a person is never a place.
bool compatible(int tagged, int gaz) {
  if (tagged == gaz) return true;
  return (tagged == 1 || tagged == 2) && (gaz == 1 || gaz == 2);
}

struct resolved {
  std::string id;
  int32_t entity = -1;
  uint8_t prefix_cps = 0;
  std::vector<std::string> token_skeletons;  // for short-form merging
  std::string first_whole;                   // skeleton of the first token with its clitics
};

resolved resolve(const span& s, const std::vector<const word_info*>& words, const gazetteer& g,
                 variant_cache& vc) {
  resolved r;
  const int n = static_cast<int>(s.end - s.begin);
  if (s.entity >= 0) {
    r.entity = s.entity;
    r.prefix_cps = s.prefix_cps;
  }
  const word_info& first = *words[s.begin];
  // Least stripped reading first: وباريس is و + باريس (Paris), not و + ب + اريس (Arys).
  uint8_t order[4];
  for (uint8_t k = 0; k < first.n_keys; ++k) order[k] = k;
  // Stable insertion sorts here and below: std::stable_sort allocates a buffer per call.
  for (uint8_t k = 1; k < first.n_keys; ++k)
    for (uint8_t j = k; j > 0 && first.key_prefix[order[j]] < first.key_prefix[order[j - 1]]; --j)
      std::swap(order[j], order[j - 1]);
  for (uint8_t j = 0; j < first.n_keys && r.entity < 0; ++j) {
    const uint8_t k = order[j];
    uint64_t h = seq_mix(kSeqSeed, first.keys[k]);
    for (uint32_t t = s.begin + 1; t < s.end; ++t) h = seq_mix(h, words[t]->keys[0]);
    const int32_t e = g.exact(h);
    // An exact curated/country name is trusted over the model's type.
    if (e >= 0 && (g.direct(static_cast<uint32_t>(e)) ||
                   compatible(s.type, type_index(g.entities[e].type)))) {
      r.entity = e;
      r.prefix_cps = first.key_prefix[k];
    }
  }
  std::string rest;
  for (uint32_t t = s.begin + 1; t < s.end; ++t) rest += words[t]->fold;
  if (r.entity < 0) {
    // Variant folding: the whole name, then without its proclitic.
    std::vector<std::pair<std::string, uint8_t>> forms = {{first.fold + rest, 0}};
    for (const auto& c : strip_clitics(first.fold))
      forms.push_back({c.stem + rest, static_cast<uint8_t>(c.prefix_cps)});
    for (size_t k = 1; k < forms.size(); ++k)
      for (size_t j = k; j > 0 && forms[j].second < forms[j - 1].second; --j)
        std::swap(forms[j], forms[j - 1]);
    for (const auto& [form, pre] : forms) {
      auto [it, fresh] = vc.try_emplace(form, -1);
      if (fresh) it->second = g.variant(form);
      const int32_t e = it->second;
      // A misspelt capital or curated name of two words or more is trusted over the
      // model's type (بيونح يانج tagged as a person).
      if (e >= 0 && (compatible(s.type, type_index(g.entities[e].type)) ||
                     (n >= 2 && g.direct(static_cast<uint32_t>(e))))) {
        r.entity = e;
        r.prefix_cps = pre;
        break;
      }
    }
  }
  // Only person names take part in short-form merging.
  if (s.type == 0) r.first_whole = skeleton(first.fold);
  for (uint32_t t = s.begin; t < s.end && s.type == 0; ++t) {
    const std::string sk = skeleton(t == s.begin ? words[t]->stem : words[t]->fold);
    if (!sk.empty()) r.token_skeletons.push_back(sk);
  }
  if (r.entity >= 0) {
    r.id = g.entities[r.entity].id;
  } else {
    r.id = unknown_id(first.fold + rest);
  }
  return r;
}

size_t byte_after_cps(std::string_view s, size_t cps) {
  size_t i = 0;
  while (cps-- > 0 && i < s.size()) next_cp(s, i);
  return i;
}

}  // namespace

std::string unknown_id(std::string_view folded_name) {
  std::string sk = skeleton(folded_name);
  if (sk.empty()) sk = std::string(folded_name);
  return "newsd:" + hex64(hash64(sk, 0x1d));
}

std::vector<model::entity> link_spans(std::string_view text, const std::vector<token>& toks,
                                      const std::vector<const word_info*>& words,
                                      const std::vector<span>& spans, const gazetteer& g,
                                      variant_cache* shared) {
  std::vector<resolved> res;
  res.reserve(spans.size());
  variant_cache local;
  variant_cache& vc = shared != nullptr ? *shared : local;
  for (const auto& s : spans) res.push_back(resolve(s, words, g, vc));

  // Short forms: a one-word person name that is the first or last word of a longer person
  // name in the same text is that person (كيم, شويجو, Sullivan).
  // The first longer name (in text order) by its first and by its last word: one lookup per
  // short form (a scan of all spans per short form was quadratic on long name-dense texts).
  std::unordered_map<std::string_view, size_t> longer;
  for (size_t j = 0; j < spans.size(); ++j) {
    const auto& ts = res[j].token_skeletons;
    if (spans[j].type != 0 || ts.size() < 2) continue;
    longer.try_emplace(ts.front(), j);
    longer.try_emplace(ts.back(), j);
  }
  for (size_t i = 0; i < spans.size() && !longer.empty(); ++i) {
    if (spans[i].type != 0 || res[i].token_skeletons.size() != 1) continue;
    if (res[i].entity >= 0 && g.entities[res[i].entity].source != gaz_source::person &&
        g.entities[res[i].entity].source != gaz_source::city)
      continue;
    const std::string& sk = res[i].token_skeletons[0];
    if (auto it = longer.find(sk); it != longer.end()) {
      const size_t j = it->second;
      const auto& ts = res[j].token_skeletons;
      res[i].id = res[j].id;
      res[i].entity = res[j].entity;
      // Matched on the stem only: the mention leaves out the proclitic (لكيم -> كيم), but
      // not a letter of the name itself (واتسون matches as a whole).
      // Both sides are compared with their clitics kept (ليونيد is not ل + يونيد).
      const word_info& w = *words[spans[i].begin];
      const std::string& whole = res[i].first_whole;
      const std::string& other_first = res[j].first_whole;
      if (res[i].prefix_cps == 0 && !w.clitic.empty() && whole != other_first &&
          whole != ts.back() && (sk == other_first || sk == ts.back()))
        res[i].prefix_cps = static_cast<uint8_t>(count_cps(w.clitic));
    }
  }

  std::vector<model::entity> out;
  std::unordered_map<std::string_view, size_t> index;  // views into res[].id (not resized)
  std::vector<std::array<int, 4>> type_votes;
  // Entity of each span first, so that every entity's mentions are allocated once.
  std::vector<size_t> of(spans.size());
  std::vector<uint32_t> n_mentions;
  for (size_t i = 0; i < spans.size(); ++i) {
    auto [it, fresh] = index.emplace(std::string_view(res[i].id), n_mentions.size());
    if (fresh) n_mentions.push_back(0);
    of[i] = it->second;
    ++n_mentions[it->second];
  }
  out.reserve(n_mentions.size());
  type_votes.reserve(n_mentions.size());
  for (size_t i = 0; i < spans.size(); ++i) {
    const auto& s = spans[i];
    const auto& r = res[i];
    const size_t k = of[i];
    if (k == out.size()) {
      model::entity e;
      e.id = r.id;
      if (r.entity >= 0) {
        const auto& ge = g.entities[r.entity];
        e.name = ge.name;
        e.type = ge.type;
        e.wikidata = ge.wikidata;
      }
      e.mentions.reserve(n_mentions[k]);
      out.push_back(std::move(e));
      type_votes.push_back({0, 0, 0, 0});
    }
    auto& e = out[k];
    type_votes[k][s.type]++;
    const token& a = toks[s.begin];
    const token& b = toks[s.end - 1];
    const size_t byte_start =
        static_cast<size_t>(a.text.data() - text.data()) + byte_after_cps(a.text, r.prefix_cps);
    const size_t byte_end = static_cast<size_t>(b.text.data() - text.data()) + b.text.size();
    model::mention m;
    m.start = a.cp_start + r.prefix_cps;
    m.end = b.cp_end;
    m.text.assign(text.substr(byte_start, byte_end - byte_start));
    if (e.name.empty()) e.name = m.text;
    e.mentions.push_back(std::move(m));
  }
  for (size_t i = 0; i < out.size(); ++i) {
    if (!out[i].type.empty()) continue;
    int best = 0, votes = -1;
    for (int t = 0; t < 4; ++t)
      if (type_votes[i][t] > 0 && type_votes[i][t] > votes) best = t, votes = type_votes[i][t];
    out[i].type = kTypeNames[best];
  }
  return out;
}

// A short name followed by a verb (كيم غادر, كيم سيسافر) reads to the model like a two-word
// name. When the first word is the first or last word of a longer person name in the same
// text and the second word is neither in that name nor a gazetteer word, the span is cut.
void trim_runons(std::vector<span>& spans, const std::vector<const word_info*>& words,
                 const gazetteer& g) {
  // Skeletons memoised per token. Longer person names are grouped by their word skeletons
  // (one group per distinct name, with the number of its spans still two words or more),
  // indexed by first and last word: each candidate looks at the distinct names it could be
  // the short form of, not at every span (quadratic on long name-dense texts).
  std::unordered_map<uint32_t, std::string> memo;
  auto sk = [&](uint32_t t) -> const std::string& {
    auto [it, fresh] = memo.try_emplace(t);
    if (fresh) it->second = skeleton(words[t]->stem);
    return it->second;
  };
  struct group {
    std::vector<std::string> words;
    size_t live = 0;
  };
  std::vector<group> groups;
  std::unordered_map<std::string, size_t> group_of;              // joined skeletons -> group
  std::unordered_map<std::string, std::vector<size_t>> by_edge;  // first/last skeleton
  std::vector<size_t> span_group(spans.size(), SIZE_MAX);
  for (size_t k = 0; k < spans.size(); ++k) {
    const span& o = spans[k];
    if (o.type != 0 || o.end - o.begin < 2) continue;
    std::string key;
    for (uint32_t t = o.begin; t < o.end; ++t) key.append(sk(t)).push_back('\x1f');
    auto [it, fresh] = group_of.try_emplace(std::move(key), groups.size());
    if (fresh) {
      group g;
      for (uint32_t t = o.begin; t < o.end; ++t) g.words.push_back(sk(t));
      by_edge[g.words.front()].push_back(groups.size());
      if (g.words.back() != g.words.front()) by_edge[g.words.back()].push_back(groups.size());
      groups.push_back(std::move(g));
    }
    ++groups[it->second].live;
    span_group[k] = it->second;
  }
  for (size_t k = 0; k < spans.size(); ++k) {
    span& s = spans[k];
    if (s.type != 0 || s.end - s.begin != 2 || s.entity >= 0) continue;
    const uint32_t v = s.begin + 1;
    bool known = false;
    for (uint8_t j = 0; j < words[v]->n_keys; ++j)
      known = known || g.max_tokens(words[v]->keys[j]) > 0;
    if (known) continue;
    const auto e = by_edge.find(sk(s.begin));
    if (e == by_edge.end()) continue;
    const std::string& b = sk(v);
    for (size_t gi : e->second) {
      const group& g = groups[gi];
      if (g.live - (gi == span_group[k]) == 0) continue;  // only this span itself
      if (std::find(g.words.begin(), g.words.end(), b) != g.words.end()) continue;
      s.end = v;
      --groups[span_group[k]].live;  // no longer a longer name for the spans after it
      break;
    }
  }
}

}  // namespace newsd::entities
