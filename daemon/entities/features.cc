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
    w.trigger = static_cast<int16_t>(it->second);
  } else if (auto it2 = t.find(w.stem); it2 != t.end()) {
    w.trigger = static_cast<int16_t>(it2->second);
  }
  w.doc = doc_key(w);
  if (lex != nullptr && w.doc != 0 && !lex->vote_keys.empty()) w.vote = lex->vote(w.doc);
  return w;
}

void role_features(std::string_view raw, const word_info& w, int role, std::vector<uint64_t>& out) {
  // Keys hash string_views into the word's own strings: no temporaries (this runs for every
  // word outside the precomputed vocabulary). The keys equal those of the committed models.
  static constexpr char kDigits[] = "0123456789";
  const std::string_view trig(&kDigits[w.trigger], 1);
  if (role == 0) {
    out.push_back(key(0, 0, ""));  // bias
    out.push_back(key(1, 0, raw));
    out.push_back(key(2, 0, w.fold));
    out.push_back(key(3, 0, w.stem));
    out.push_back(key(4, 0, w.shape));
    out.push_back(key(5, 0, w.clitic));
    if (w.trigger) out.push_back(key(6, 0, trig));
    // Byte offsets of the first four and last four code points of the stem.
    const std::string_view st = w.stem;
    size_t n = 0, pre_end[4] = {}, suf_start[4] = {};
    for (size_t i = 0; i < st.size(); ++i) {
      if ((static_cast<unsigned char>(st[i]) & 0xC0) == 0x80) continue;
      if (n >= 1 && n <= 4) pre_end[n - 1] = i;
      ++n;
    }
    size_t m = 0;
    for (size_t i = st.size(); i-- > 0 && m < 4;)
      if ((static_cast<unsigned char>(st[i]) & 0xC0) != 0x80) suf_start[m++] = i;
    // Prefixes of 1-3 and suffixes of 1-4 code points, shorter than the stem.
    for (size_t k = 1; k <= 3 && k < n; ++k)
      out.push_back(key(7 + static_cast<int>(k) - 1, 0, st.substr(0, pre_end[k - 1])));
    for (size_t k = 1; k <= 4 && k < n; ++k)
      out.push_back(key(10 + static_cast<int>(k) - 1, 0, st.substr(suf_start[k - 1])));
    out.push_back(key(14, 0, std::string_view(&kDigits[n > 9 ? 9 : n], 1)));
    if (w.bare != w.stem) out.push_back(key(15, 0, w.bare));
    const uint64_t s = w.lex_src, sh = w.shape.empty() ? 0 : static_cast<uint8_t>(w.shape[0]);
    out.push_back(ikey(16, 0, s << 16 | w.lex.fine));
    out.push_back(ikey(17, 0, w.lex.coarse));
    out.push_back(ikey(18, 0, s << 16 | w.lex.freq));
    out.push_back(ikey(19, 0, s << 16 | w.lex.art << 8 | sh));
    if (w.vote) out.push_back(ikey(27, 0, w.vote));
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
    if (w.vote) out.push_back(ikey(27, role, w.vote));
  }
}

std::vector<gaz_hit> scan_gazetteer(const gazetteer& g,
                                    const std::vector<const word_info*>& words) {
  std::vector<gaz_hit> hits;
  const size_t n = words.size();
  // The alias table is far larger than the cache: every probe the scan may make is requested
  // first (a superset: the scan skips the tokens inside a match), so that the misses overlap.
  for (size_t i = 0; i < n; ++i) {
    for (uint8_t k = 0; k < words[i]->n_keys; ++k) {
      const uint8_t maxlen =
          words[i]->gaz_ready ? words[i]->key_max[k] : g.max_tokens(words[i]->keys[k]);
      uint64_t h = seq_mix(kSeqSeed, words[i]->keys[k]);
      for (size_t len = 1; len <= maxlen && i + len <= n; ++len) {
        if (len > 1) h = seq_mix(h, words[i + len - 1]->keys[0]);
        g.prefetch_exact(h);
      }
    }
  }
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
      // On equal length the least stripped reading wins (وباريس: باريس, not اريس).
      if (found >= 0 && (found_len > best_len ||
                         (found_len == best_len && words[i]->key_prefix[k] < best.prefix_cps))) {
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
  if (!c.sentence_start && !c.hashtag && !c.gaz && !c.gaz_prev && !c.gaz_next) return;  // most
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

namespace {

// The keys hash label names with count/majority marks: a table built once (doc_features runs
// for every name-like token in the second pass).
struct doc_key_table {
  uint64_t label[kNumLabels], marked[kNumLabels][2][2];
  doc_key_table() {
    for (int l = 0; l < kNumLabels; ++l) {
      const std::string b = kLabelNames[l];
      label[l] = hash64(b, 30 * 16 + 2);
      for (int many = 0; many < 2; ++many)
        for (int major = 0; major < 2; ++major)
          marked[l][many][major] =
              hash64(b + (many ? "+" : "1") + (major ? "M" : "m"), 31 * 16 + 2);
    }
  }
};
const doc_key_table kDocKeys;

}  // namespace

void doc_features(const doc_votes& votes, int own, std::vector<uint64_t>& out) {
  // The votes without the token's own label; best: the entity label with the most votes
  // (the first on ties).
  int ent = 0, best = 0, vbest = 0;
  for (int l = 1; l < kNumLabels; ++l) {
    const int c = votes[l] - (l == own && votes[l] > 0);
    ent += c;
    if (c > vbest) best = l, vbest = c;
  }
  if (ent == 0) return;
  const int v0 = votes[0] - (own == 0 && votes[0] > 0);
  out.push_back(kDocKeys.label[best]);
  out.push_back(kDocKeys.marked[best][vbest >= 2][ent >= v0]);
}

}  // namespace newsd::entities
