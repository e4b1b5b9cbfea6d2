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
  // Skeletons of the name's words, for short-form merging: the first n_skeletons are valid
  // (the strings beyond are kept for their buffers).
  std::vector<std::string> token_skeletons;
  size_t n_skeletons = 0;
  std::string first_whole;  // skeleton of the first token with its clitics
};

// The stable id of a name the gazetteer does not know: every spelling variant of it (same
// skeleton) gets the same id. Written into `out`, reusing its buffer and `sk` (the skeleton).
void unknown_id_to(std::string_view folded, std::string& sk, std::string& out) {
  skeleton_to(folded, sk);
  const std::string_view key = sk.empty() ? folded : std::string_view(sk);
  out.assign("newsd:");
  append_hex64(out, hash64(key, 0x1d));
}

// Buffers of resolve() kept per thread: a span cost a dozen small allocations otherwise
// (the folded forms, clitic readings, skeletons and id of every name).
struct resolve_scratch {
  std::string rest, sk;
  std::vector<clitic_split> clitics;
  std::vector<std::pair<std::string, uint8_t>> forms;
};

void resolve(const span& s, const std::vector<const word_info*>& words, const gazetteer& g,
             variant_cache& vc, resolve_scratch& x, resolved& r) {
  r.entity = -1;
  r.prefix_cps = 0;
  r.n_skeletons = 0;
  r.first_whole.clear();
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
  std::string& rest = x.rest;
  rest.clear();
  for (uint32_t t = s.begin + 1; t < s.end; ++t) rest += words[t]->fold;
  if (r.entity < 0) {
    // Variant folding: the whole name, then without its proclitic.
    strip_clitics_to(first.fold, x.clitics);
    auto& forms = x.forms;
    const size_t n_forms = 1 + x.clitics.size();
    if (forms.size() < n_forms) forms.resize(n_forms);
    forms[0].first.assign(first.fold).append(rest);
    forms[0].second = 0;
    for (size_t k = 0; k < x.clitics.size(); ++k) {
      forms[k + 1].first.assign(x.clitics[k].stem).append(rest);
      forms[k + 1].second = static_cast<uint8_t>(x.clitics[k].prefix_cps);
    }
    for (size_t k = 1; k < n_forms; ++k)
      for (size_t j = k; j > 0 && forms[j].second < forms[j - 1].second; --j)
        std::swap(forms[j], forms[j - 1]);
    for (size_t k = 0; k < n_forms; ++k) {
      const auto& [form, pre] = forms[k];
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
  if (s.type == 0) skeleton_to(first.fold, r.first_whole);
  for (uint32_t t = s.begin; t < s.end && s.type == 0; ++t) {
    if (r.token_skeletons.size() == r.n_skeletons) r.token_skeletons.emplace_back();
    std::string& sk = r.token_skeletons[r.n_skeletons];
    skeleton_to(t == s.begin ? words[t]->stem : words[t]->fold, sk);
    if (!sk.empty()) ++r.n_skeletons;
  }
  if (r.entity >= 0) {
    r.id.assign(g.entities[r.entity].id);
  } else {
    rest.insert(0, first.fold);
    unknown_id_to(rest, x.sk, r.id);
  }
}

// A small open-addressing map from string views to indices, kept per thread (the two maps
// of link_spans cost one node allocation per name otherwise). Keys must outlive its use.
class view_index {
 public:
  void reset(size_t n) {
    size_t cap = 16;
    while (cap < 2 * n) cap <<= 1;
    if (slots_.size() < cap || slots_.size() > 4 * cap)
      slots_.assign(cap, slot{});
    else
      std::fill(slots_.begin(), slots_.end(), slot{});
    mask_ = slots_.size() - 1;
    size_ = 0;
  }
  bool empty() const { return size_ == 0; }
  // The value of `key`, inserted as `v` when absent; `fresh` tells which.
  std::pair<size_t, bool> try_emplace(std::string_view key, size_t v) {
    const uint64_t h = hash64(key, 0) | 1;  // 0 marks an empty slot
    for (size_t i = h & mask_;; i = (i + 1) & mask_) {
      slot& sl = slots_[i];
      if (sl.hash == 0) {
        sl = {h, key, v};
        ++size_;
        return {v, true};
      }
      if (sl.hash == h && sl.key == key) return {sl.value, false};
    }
  }
  const size_t* find(std::string_view key) const {
    const uint64_t h = hash64(key, 0) | 1;
    for (size_t i = h & mask_;; i = (i + 1) & mask_) {
      const slot& sl = slots_[i];
      if (sl.hash == 0) return nullptr;
      if (sl.hash == h && sl.key == key) return &sl.value;
    }
  }

 private:
  struct slot {
    uint64_t hash = 0;
    std::string_view key;
    size_t value = 0;
  };
  std::vector<slot> slots_;
  size_t mask_ = 0, size_ = 0;
};

// Per-thread scratch of link_spans (link_spans never nests).
struct link_scratch {
  std::vector<resolved> res;
  resolve_scratch rx;
  view_index longer, index;
  std::vector<std::array<int, 4>> type_votes;
  std::vector<size_t> of;
  std::vector<uint32_t> n_mentions;
};
// A very long text leaves no more than an ordinary one's scratch behind.
constexpr size_t kKeptResolved = 1024;

size_t byte_after_cps(std::string_view s, size_t cps) {
  size_t i = 0;
  while (cps-- > 0 && i < s.size()) next_cp(s, i);
  return i;
}

}  // namespace

std::vector<model::entity> link_spans(std::string_view text, const std::vector<token>& toks,
                                      const std::vector<const word_info*>& words,
                                      const std::vector<span>& spans, const gazetteer& g,
                                      variant_cache* shared) {
  thread_local link_scratch x;
  if (x.res.size() < spans.size()) x.res.resize(spans.size());
  auto& res = x.res;
  variant_cache local;
  variant_cache& vc = shared != nullptr ? *shared : local;
  for (size_t i = 0; i < spans.size(); ++i) resolve(spans[i], words, g, vc, x.rx, res[i]);

  // Short forms: a one-word person name that is the first or last word of a longer person
  // name in the same text is that person (كيم, شويجو, Sullivan).
  // The first longer name (in text order) by its first and by its last word: one lookup per
  // short form (a scan of all spans per short form was quadratic on long name-dense texts).
  auto& longer = x.longer;
  longer.reset(2 * spans.size());
  for (size_t j = 0; j < spans.size(); ++j) {
    const auto& ts = res[j].token_skeletons;
    const size_t nts = res[j].n_skeletons;
    if (spans[j].type != 0 || nts < 2) continue;
    longer.try_emplace(ts.front(), j);
    longer.try_emplace(ts[nts - 1], j);
  }
  for (size_t i = 0; i < spans.size() && !longer.empty(); ++i) {
    if (spans[i].type != 0 || res[i].n_skeletons != 1) continue;
    if (res[i].entity >= 0 && g.entities[res[i].entity].source != gaz_source::person &&
        g.entities[res[i].entity].source != gaz_source::city)
      continue;
    const std::string& sk = res[i].token_skeletons[0];
    if (const size_t* it = longer.find(sk); it != nullptr) {
      const size_t j = *it;
      const std::string& last = res[j].token_skeletons[res[j].n_skeletons - 1];
      res[i].id = res[j].id;
      res[i].entity = res[j].entity;
      // Matched on the stem only: the mention leaves out the proclitic (لكيم -> كيم), but
      // not a letter of the name itself (واتسون matches as a whole).
      // Both sides are compared with their clitics kept (ليونيد is not ل + يونيد).
      const word_info& w = *words[spans[i].begin];
      const std::string& whole = res[i].first_whole;
      const std::string& other_first = res[j].first_whole;
      if (res[i].prefix_cps == 0 && !w.clitic.empty() && whole != other_first && whole != last &&
          (sk == other_first || sk == last))
        res[i].prefix_cps = static_cast<uint8_t>(count_cps(w.clitic));
    }
  }

  std::vector<model::entity> out;
  auto& index = x.index;  // views into res[].id (not changed from here on)
  index.reset(spans.size());
  auto& type_votes = x.type_votes;
  type_votes.clear();
  // Entity of each span first, so that every entity's mentions are allocated once.
  auto& of = x.of;
  of.resize(spans.size());
  auto& n_mentions = x.n_mentions;
  n_mentions.clear();
  for (size_t i = 0; i < spans.size(); ++i) {
    auto [k, fresh] = index.try_emplace(std::string_view(res[i].id), n_mentions.size());
    if (fresh) n_mentions.push_back(0);
    of[i] = k;
    ++n_mentions[k];
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
  if (res.size() > kKeptResolved) {
    res.resize(kKeptResolved);
    res.shrink_to_fit();
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
