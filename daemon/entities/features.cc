#include "daemon/entities/features.h"

#include <unicode/uchar.h>

#include <unordered_map>

#include "common/hash.h"
#include "daemon/entities/fold.h"
#include "daemon/entities/utf8.h"

namespace newsd::entities {

const char* const kLabelNames[kNumLabels] = {"O",     "B-PER", "I-PER",  "B-LOC", "I-LOC",
                                             "B-ORG", "I-ORG", "B-MISC", "I-MISC"};

int label_id(std::string_view name) {
  for (int i = 0; i < kNumLabels; ++i)
    if (name == kLabelNames[i]) return i;
  return -1;
}

namespace {

// Words that announce a name next to them; learned weights generalise through the class
// to triggers the training data never showed.
const std::unordered_map<std::string, int>& triggers() {
  static const auto* t = [] {
    auto* m = new std::unordered_map<std::string, int>();
    auto add = [&](int cls, std::initializer_list<const char*> ws) {
      for (const char* w : ws) (*m)[fold(w)] = cls;
    };
    add(1,
        {"الرئيس",     "رئيس",      "الزعيم",   "زعيم",    "وزير",      "وزيرة",       "الوزير",
         "الملك",      "الأمير",    "الشيخ",    "السيد",   "السيدة",    "المتحدث",     "المتحدثة",
         "الناطق",     "المستشار",  "نائب",     "الجنرال", "العقيد",    "اللواء",      "الدكتور",
         "د",          "president", "minister", "king",    "prince",    "mr",          "mrs",
         "ms",         "dr",        "sen",      "gen",     "spokesman", "spokeswoman", "secretary",
         "chancellor", "premier",   "leader",   "coach",   "striker",   "sheikh",      "pope"});
    add(2, {"وكالة",  "شركة",    "جامعة",      "منظمة", "حزب",     "حركة",     "مجلس",
            "وزارة",  "صحيفة",   "قناة",       "جماعة", "جبهة",    "هيئة",     "بنك",
            "agency", "company", "university", "party", "council", "ministry", "newspaper",
            "bank",   "group",   "corp",       "inc",   "ltd",     "club",     "fc"});
    add(3, {"مدينة", "عاصمة", "محافظة", "ولاية", "بلدة", "قرية", "منطقة", "جزيرة", "city",
            "capital", "province", "state", "village", "town", "region", "island"});
    add(4, {"قال", "وقال", "أعلن", "أكد", "ذكر", "أضاف", "said", "told", "says", "added"});
    add(5, {"في", "من", "إلى", "الى", "عن", "مع", "in", "from", "to", "at", "of", "with"});
    return m;
  }();
  return *t;
}

std::string shape_of(std::string_view raw) {
  std::string s;
  char last = 0;
  int run = 0;
  for (size_t i = 0; i < raw.size();) {
    const char32_t c = next_cp(raw, i);
    char k;
    if (c >= 'A' && c <= 'Z')
      k = 'X';
    else if (c >= 'a' && c <= 'z')
      k = 'x';
    else if ((c >= '0' && c <= '9') || (c >= 0x660 && c <= 0x669))
      k = 'd';
    else if (is_arabic_letter(c))
      k = 'A';
    else if (is_mark(c))
      continue;
    else if (c < 0x80)
      k = static_cast<char>(c);
    else if (is_word_char(c))
      k = u_isupper(static_cast<UChar32>(c)) ? 'X' : u_islower(static_cast<UChar32>(c)) ? 'x' : 'L';
    else
      k = '*';
    run = (k == last) ? run + 1 : 1;
    last = k;
    if (run <= 2) s += k;
  }
  return s;
}

void add_prefixes(std::u32string_view u, std::vector<std::string>& pre,
                  std::vector<std::string>& suf) {
  for (size_t n = 1; n <= 4 && n < u.size(); ++n) {
    std::string p, q;
    for (size_t k = 0; k < n; ++k) append_utf8(p, u[k]);
    for (size_t k = u.size() - n; k < u.size(); ++k) append_utf8(q, u[k]);
    if (n <= 3) pre.push_back(std::move(p));
    suf.push_back(std::move(q));
  }
}

// Integer-valued features hash without building strings (context features run per token).
inline uint64_t ikey(int tmpl, int role, uint64_t v) {
  uint64_t h = (v + 1) * 0x9E3779B97F4A7C15ULL ^
               (static_cast<uint64_t>(tmpl) * 16 + static_cast<uint64_t>(role + 2));
  h ^= h >> 31;
  h *= 0xBF58476D1CE4E5B9ULL;
  return h ^ (h >> 29);
}

inline uint64_t key(int tmpl, int role, std::string_view v) {
  return hash64(v, static_cast<uint64_t>(tmpl) * 16 + static_cast<uint64_t>(role + 2));
}

}  // namespace

word_info analyse_word(std::string_view raw, const lexicon* lex) {
  word_info w;
  w.fold = fold(raw);
  w.shape = shape_of(raw);
  w.keys[w.n_keys] = token_hash(w.fold);
  w.key_prefix[w.n_keys++] = 0;
  auto splits = strip_clitics(w.fold);
  w.stem = w.fold;
  for (const auto& s : splits) {
    if (w.n_keys < 3) {
      w.keys[w.n_keys] = token_hash(s.stem);
      w.key_prefix[w.n_keys++] = static_cast<uint8_t>(s.prefix_cps);
    }
    if (w.stem == w.fold && count_cps(s.stem) >= 3) {
      w.stem = s.stem;
      w.clitic = w.fold.substr(0, w.fold.size() - s.stem.size());
    }
  }
  const std::string_view bare = drop_article(w.fold);
  if (bare.size() != w.fold.size()) {
    w.keys[w.n_keys] = token_hash(bare);
    w.key_prefix[w.n_keys++] = 0;
  }
  w.bare = std::string(drop_article(w.stem));
  if (lex != nullptr && !lex->empty()) {
    const std::string* forms[3] = {&w.fold, &w.stem, &w.bare};
    for (uint8_t k = 0; k < 3 && w.lex_src == 0; ++k) {
      if (k > 0 && *forms[k] == *forms[k - 1]) continue;
      if (const lex_entry* e = lex->find(*forms[k])) w.lex = *e, w.lex_src = k + 1;
    }
    // A possessive/object pronoun glued at the end (جيرانك, حكومتهم): the classes of the
    // word without it.
    static const char* const kEnclitics[] = {"هما", "كم", "هم", "ها", "نا", "ك", "ه"};
    for (const char* s : kEnclitics) {
      if (w.lex_src != 0 || !has_arabic(w.bare)) break;
      const std::string_view b = w.bare, e = s;
      if (b.size() < e.size() + 6 || b.substr(b.size() - e.size()) != e) continue;
      std::string base(b.substr(0, b.size() - e.size()));
      if (const lex_entry* x = lex->find(base)) w.lex = *x, w.lex_src = 4;
      // ة before a pronoun is written ت (حكومتهم -> حكومه).
      if (w.lex_src == 0 && base.size() >= 2 && base.compare(base.size() - 2, 2, "\xD8\xAA") == 0) {
        base.replace(base.size() - 2, 2, "\xD9\x87");
        if (const lex_entry* x = lex->find(base)) w.lex = *x, w.lex_src = 4;
      }
    }
  }
  const auto& t = triggers();
  if (auto it = t.find(w.fold); it != t.end()) {
    w.trigger = it->second;
  } else if (auto it2 = t.find(w.stem); it2 != t.end()) {
    w.trigger = it2->second;
  }
  return w;
}

void role_features(std::string_view raw, const word_info& w, int role, std::vector<uint64_t>& out) {
  const std::string trig(1, static_cast<char>('0' + w.trigger));
  if (role == 0) {
    out.push_back(key(0, 0, ""));  // bias
    out.push_back(key(1, 0, raw));
    out.push_back(key(2, 0, w.fold));
    out.push_back(key(3, 0, w.stem));
    out.push_back(key(4, 0, w.shape));
    out.push_back(key(5, 0, w.clitic));
    if (w.trigger) out.push_back(key(6, 0, trig));
    std::u32string u;
    for (size_t i = 0; i < w.stem.size();) u += next_cp(w.stem, i);
    std::vector<std::string> pre, suf;
    add_prefixes(u, pre, suf);
    for (size_t k = 0; k < pre.size(); ++k) out.push_back(key(7 + static_cast<int>(k), 0, pre[k]));
    for (size_t k = 0; k < suf.size(); ++k) out.push_back(key(10 + static_cast<int>(k), 0, suf[k]));
    const size_t n = u.size();
    out.push_back(key(14, 0, std::string(1, static_cast<char>('0' + (n > 9 ? 9 : n)))));
    if (w.bare != w.stem) out.push_back(key(15, 0, w.bare));
    const std::string src(1, static_cast<char>('0' + w.lex_src));
    const uint64_t s = w.lex_src, sh = w.shape.empty() ? 0 : static_cast<uint8_t>(w.shape[0]);
    out.push_back(ikey(16, 0, s << 16 | w.lex.fine));
    out.push_back(ikey(17, 0, w.lex.coarse));
    out.push_back(ikey(18, 0, s << 16 | w.lex.freq));
    out.push_back(ikey(19, 0, s << 16 | w.lex.art << 8 | sh));
    return;
  }
  out.push_back(ikey(17, role, w.lex.coarse));
  out.push_back(key(2, role, w.fold));
  out.push_back(key(4, role, w.shape));
  out.push_back(key(6, role, trig));
  if (role == -1 || role == 1) {
    out.push_back(key(1, role, raw));
    out.push_back(key(3, role, w.stem));
    const std::string_view f = w.fold;
    out.push_back(key(12, role, f.size() > 4 ? f.substr(f.size() - 4) : f));
    out.push_back(ikey(16, role, w.lex.fine));
  }
}

std::vector<gaz_hit> scan_gazetteer(const gazetteer& g,
                                    const std::vector<const word_info*>& words) {
  std::vector<gaz_hit> hits;
  const size_t n = words.size();
  for (size_t i = 0; i < n;) {
    gaz_hit best;
    size_t best_len = 0;
    for (uint8_t k = 0; k < words[i]->n_keys; ++k) {
      const uint8_t maxlen =
          words[i]->gaz_ready ? words[i]->key_max[k] : g.max_tokens(words[i]->keys[k]);
      if (maxlen == 0) continue;
      uint64_t h = seq_mix(kSeqSeed, words[i]->keys[k]);
      int32_t found = -1;
      size_t found_len = 0;
      for (size_t len = 1; len <= maxlen && i + len <= n; ++len) {
        if (len > 1) h = seq_mix(h, words[i + len - 1]->keys[0]);
        if (int32_t e = g.exact(h); e >= 0) found = e, found_len = len;
      }
      if (found >= 0 && found_len > best_len) {
        best_len = found_len;
        best = gaz_hit{static_cast<uint32_t>(i), static_cast<uint32_t>(i + found_len),
                       static_cast<uint32_t>(found), words[i]->key_prefix[k]};
      }
    }
    if (best_len == 0) {
      ++i;
      continue;
    }
    hits.push_back(best);
    i += best_len;
  }
  return hits;
}

std::vector<uint16_t> gaz_codes(const gazetteer& g, const std::vector<gaz_hit>& hits, size_t n) {
  std::vector<uint16_t> codes(n, 0);
  for (const auto& h : hits) {
    const auto& e = g.entities[h.entity];
    const int type = e.type == "PERSON"         ? 0
                     : e.type == "LOCATION"     ? 1
                     : e.type == "ORGANIZATION" ? 2
                                                : 3;
    const int src = static_cast<int>(e.source);
    const bool multi = h.end - h.begin > 1;
    for (uint32_t t = h.begin; t < h.end; ++t)
      codes[t] = static_cast<uint16_t>(1 + ((type * 2 + (t > h.begin)) * 8 + src) * 2 + multi);
  }
  return codes;
}

void context_features(const context& c, std::vector<uint64_t>& out) {
  const uint64_t shape = c.word && !c.word->shape.empty() ? hash64(c.word->shape, 7) : 0;
  if (c.sentence_start) out.push_back(ikey(20, 0, shape));
  if (c.hashtag) out.push_back(ikey(21, 0, shape));
  const uint64_t coarse = c.gaz ? ((c.gaz - 1) / 16) + 1 : 0;  // type + B/I only
  if (c.gaz) {
    out.push_back(ikey(22, 0, c.gaz));
    out.push_back(ikey(23, 0, coarse));
    out.push_back(ikey(24, 0, coarse ^ shape));
  }
  if (c.gaz_prev) out.push_back(ikey(22, -1, c.gaz_prev));
  if (c.gaz_next) out.push_back(ikey(22, 1, c.gaz_next));
}

}  // namespace newsd::entities

namespace newsd::entities {

uint64_t doc_key(const word_info& w) {
  if (w.bare.size() < 4 || w.trigger != 0) return 0;
  const auto c = static_cast<unsigned char>(w.bare[0]);
  if (c < 0x80 && !((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) return 0;
  return hash64(w.bare, 0xd0c) | 1;
}

void doc_features(const doc_votes& votes, int own, std::vector<uint64_t>& out) {
  doc_votes v = votes;
  if (own >= 0 && v[own] > 0) --v[own];
  int ent = 0, best = 0;
  for (int l = 1; l < kNumLabels; ++l) {
    ent += v[l];
    if (v[l] > v[best] || best == 0) best = v[l] > 0 ? l : best;
  }
  if (ent == 0) return;
  const std::string b = kLabelNames[best];
  out.push_back(hash64(b, 30 * 16 + 2));
  out.push_back(hash64(b + (v[best] >= 2 ? "+" : "1") + (ent >= v[0] ? "M" : "m"), 31 * 16 + 2));
}

}  // namespace newsd::entities
