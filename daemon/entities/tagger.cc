#include "daemon/entities/tagger.h"

#include <malloc.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <span>

#include "daemon/entities/document.h"
#include "daemon/entities/fold.h"
#include "daemon/entities/linker.h"
#include "daemon/entities/recogniser.h"
#include "daemon/entities/tagger_util.h"
#include "daemon/entities/utf8.h"
#include "daemon/entities/word_memo.h"

namespace newsd::entities {

namespace {

constexpr size_t kMaxSegment = 200;     // tokens per Viterbi pass when punctuation is scarce
constexpr size_t kKeptSentences = 512;  // per thread between texts (tag()'s reused storage)

class model_tagger final : public tagger {
 public:
  model_tagger(std::unique_ptr<gazetteer> g, ner_model ar, ner_model en,
               std::unique_ptr<ner_model> ar_doc, size_t memo_bytes)
      : memos_(memo_bytes > 0),
        gaz_(std::move(g)),
        ar_(std::move(ar), gaz_.get(), std::move(ar_doc), memo_bytes),
        en_(std::move(en), gaz_.get(), nullptr, memo_bytes) {}

  std::vector<std::string> tag_tokens(const std::vector<std::string>& tokens,
                                      std::string_view language) const override {
    return tag_document({tokens}, language).front();
  }

  std::vector<std::vector<std::string>> tag_document(
      const std::vector<std::vector<std::string>>& sentences,
      std::string_view language) const override {
    std::vector<sentence> sents(sentences.size());
    for (size_t k = 0; k < sentences.size(); ++k) {
      sents[k].in.resize(sentences[k].size());
      size_t arabic = 0;
      for (size_t i = 0; i < sentences[k].size(); ++i) {
        sents[k].in[i].raw = sentences[k][i];
        if (language.empty() && has_arabic(sentences[k][i])) ++arabic;
      }
      sents[k].ar = language == "ar" || (language.empty() && arabic > 0);
    }
    text_cache cache(*this);
    recognise(std::span<sentence>(sents), cache);
    std::vector<std::vector<std::string>> out(sentences.size());
    for (size_t k = 0; k < sents.size(); ++k)
      for (int l : sents[k].t.labels) out[k].emplace_back(kLabelNames[l]);
    return out;
  }

  std::vector<model::entity> tag(std::string_view text, std::string_view language) const override {
    const auto toks = tokenise(text);
    const auto in_url = url_tokens(text, toks);
    std::vector<const word_info*> words(toks.size(), nullptr);
    std::vector<span> spans;
    // Sentences kept per thread from text to text: their vectors' storage is reused (a text's
    // few dozen sentences cost hundreds of allocations otherwise). tag() never nests.
    thread_local std::vector<sentence> pool;
    size_t ns = 0, from = 0;
    for (size_t i = 0; i < toks.size(); ++i) {
      const bool last = i + 1 == toks.size();
      const bool cut = last || is_sentence_end(toks[i].text) || toks[i + 1].line_start ||
                       i + 1 - from >= kMaxSegment;
      if (!cut) continue;
      if (ns == pool.size()) pool.emplace_back();
      route(pool[ns++], toks, from, i + 1, language);
      from = i + 1;
    }
    const std::span<sentence> sents(pool.data(), ns);
    text_cache cache(*this);
    recognise(sents, cache);
    for (const auto& x : sents) segment(toks, x, words, spans);
    spans.erase(std::remove_if(spans.begin(), spans.end(),
                               [&](const span& s) { return !keep(s, toks, words, in_url); }),
                spans.end());
    trim_runons(spans, words, *gaz_);
    auto out = link_spans(text, toks, words, spans, *gaz_,
                          memos_ && cache.owner ? &variant_memo_of_thread(id_) : nullptr);
    // A very long text leaves no more than an ordinary one's sentences behind.
    if (pool.size() > kKeptSentences) {
      pool.resize(kKeptSentences);
      pool.shrink_to_fit();
    }
    return out;
  }

 private:
  // A per-text cache on a thread-local arena (reused from text to text: no malloc per word).
  // (A second cache alive on the same thread, which tag() never needs, gets a fresh arena.)
  static constexpr size_t kArenaBytes = 1 << 20;
  struct text_cache {
    static bool& in_use() {
      thread_local bool b = false;
      return b;
    }
    static bool claim() { return !in_use() && (in_use() = true); }
    static std::pmr::monotonic_buffer_resource make(bool own) {
      thread_local std::vector<std::byte> buf(kArenaBytes);
      if (!own) return std::pmr::monotonic_buffer_resource(kArenaBytes);
      return std::pmr::monotonic_buffer_resource(buf.data(), buf.size());
    }
    // The memos of words across texts: only the outermost text of a thread may age them
    // (entries handed out earlier must stay valid while they are in use).
    explicit text_cache(const model_tagger& t)
        : ar(owner ? t.ar_.memo() : nullptr), en(owner ? t.en_.memo() : nullptr) {
      if (ar != nullptr) ar->begin_text();
      if (en != nullptr) en->begin_text();
    }
    text_cache(const text_cache&) = delete;
    text_cache& operator=(const text_cache&) = delete;
    const bool owner = claim();
    std::pmr::monotonic_buffer_resource arena = make(owner);
    word_cache map{&arena};
    word_memo* ar;
    word_memo* en;
    ~text_cache() {
      map.clear();
      if (owner) in_use() = false;
    }
  };

  struct sentence {
    size_t from = 0, to = 0;  // token range in the text
    std::vector<tok_in> in;
    bool ar = false;
    std::vector<const word_entry*> ents;  // recogniser::lookup
    tagged t;
  };

  // The language routes the model, but a line in the other script (a quoted tweet in an
  // Arabic article) goes to the model of its script.
  static void route(sentence& x, const std::vector<token>& toks, size_t from, size_t to,
                    std::string_view language) {
    x.from = from;
    x.to = to;
    x.in.resize(to - from);
    size_t arabic = 0, latin = 0;
    for (size_t i = from; i < to; ++i) {
      x.in[i - from] = tok_in{toks[i].text, toks[i].after_hash};
      const auto c = static_cast<unsigned char>(toks[i].text[0]);
      if (c >= 0xD8 && c <= 0xDB)
        ++arabic;
      else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
        ++latin;
    }
    x.ar = language == "ar" ? !(arabic == 0 && latin > 0) : arabic > latin;
  }

  // Both passes over a document: the first tags each sentence alone; with a second-pass
  // Arabic model, the Arabic sentences are tagged again with the first-pass labels of the
  // same words in the sentences around them (document features).
  // The caches own the entries of unknown words that the tagged words point to: the caller
  // keeps them while it uses the results.
  void recognise(std::span<sentence> sents, text_cache& cache) const {
    thread_local std::vector<const tagged*> first;
    thread_local std::vector<size_t> which;
    thread_local std::vector<doc_input> doc;
    first.clear();
    which.clear();
    // The words of all sentences first (per model), so that the unknown ones of the whole
    // text are scored together.
    for (const bool ar : {true, false}) {
      thread_local std::vector<const std::vector<tok_in>*> in;
      thread_local std::vector<std::vector<const word_entry*>*> ents;
      in.clear();
      ents.clear();
      for (sentence& x : sents)
        if (x.ar == ar) in.push_back(&x.in), ents.push_back(&x.ents);
      if (in.empty()) continue;
      if (ar)
        ar_.lookup(in, cache.map, cache.ar, ents);
      else
        en_.lookup(in, cache.map, cache.en, ents);
    }
    for (size_t k = 0; k < sents.size(); ++k) {
      (sents[k].ar ? ar_ : en_).tag_entries(sents[k].in, sents[k].ents, sents[k].t);
      if (sents[k].ar && ar_.has_second_pass()) first.push_back(&sents[k].t), which.push_back(k);
    }
    if (first.empty()) return;
    // The second-pass scores of the text's words (never read so far) are requested into the
    // cache now, so that they arrive while the document features are counted.
    for (const tagged* t : first)
      for (const word_entry* e : t->ents) {
        const char* p = reinterpret_cast<const char*>(&e->score[1]);
        __builtin_prefetch(p, 0, 2), __builtin_prefetch(p + 64, 0, 2);
        __builtin_prefetch(p + 128, 0, 2), __builtin_prefetch(p + sizeof(pass_scores) - 1, 0, 2);
      }
    // Every second pass reads the first-pass labels of its neighbours: all are computed
    // before any sentence is relabelled.
    document_features(first, kDocWindow, doc);
    for (size_t j = 0; j < which.size(); ++j)
      ar_.retag(sents[which[j]].in, sents[which[j]].t, doc[j]);
    if (doc.size() > kKeptSentences) std::vector<doc_input>().swap(doc);
  }

  void segment(const std::vector<token>& toks, const sentence& x,
               std::vector<const word_info*>& words, std::vector<span>& spans) const {
    const size_t from = x.from, to = x.to;
    const tagged& t = x.t;
    const bool ar = x.ar;
    for (size_t i = 0; i < x.in.size(); ++i) words[from + i] = t.words[i];
    const size_t first_new = spans.size();
    for (size_t i = 0; i < t.labels.size();) {
      if (t.labels[i] == 0) {
        ++i;
        continue;
      }
      const int type = label_type(t.labels[i]);
      size_t j = i + 1;
      while (j < t.labels.size() && is_inside(t.labels[j]) && label_type(t.labels[j]) == type) ++j;
      // A name written with a tight hyphen (مو-جين) continues across it.
      while (from + j + 1 < to && toks[from + j].text == "-" &&
             toks[from + j].cp_start == toks[from + j - 1].cp_end &&
             toks[from + j + 1].cp_start == toks[from + j].cp_end &&
             starts_word(toks[from + j + 1].text)) {
        j += 2;
        while (j < t.labels.size() && is_inside(t.labels[j]) && label_type(t.labels[j]) == type)
          ++j;
      }
      spans.push_back(span{static_cast<uint32_t>(from + i), static_cast<uint32_t>(from + j), type});
      i = j;
    }
    // Gazetteer names the model missed: only the curated lists, countries and capitals, and
    // in Latin script only when capitalised.
    for (const auto& h : t.hits) {
      if (!gaz_->direct(h.entity)) continue;
      const uint32_t b = static_cast<uint32_t>(from + h.begin),
                     e = static_cast<uint32_t>(from + h.end);
      // A gazetteer name of two words or more wins over the model's pieces of it
      // (بيونج | يانج, Kim Jong | Un, كيم بيونج يانج): overlapping spans are cut back to the
      // part outside the name. A one-word name only fills a gap.
      const bool multi = e - b >= 2;
      bool blocked = false;
      for (size_t k = first_new; k < spans.size(); ++k) {
        span& x = spans[k];
        if (!(x.begin < e && b < x.end)) continue;
        if (!multi || (x.begin == b && x.end == e)) {
          blocked = true;
          break;
        }
        if (x.begin < b) {
          x.end = b;
        } else if (x.end > e) {
          x.begin = e;
        } else {
          x.end = x.begin;  // inside the name: dropped below
        }
      }
      if (blocked) continue;
      spans.erase(std::remove_if(spans.begin() + static_cast<long>(first_new), spans.end(),
                                 [](const span& x) { return x.end <= x.begin; }),
                  spans.end());
      const char c0 = toks[b].text[0];
      if ((c0 >= 'a' && c0 <= 'z') || (c0 >= '0' && c0 <= '9')) continue;
      const std::string& ty = gaz_->entities[h.entity].type;
      const int type = ty == "PERSON" ? 0 : ty == "LOCATION" ? 1 : ty == "ORGANIZATION" ? 2 : 3;
      spans.push_back(span{b, e, type, static_cast<int32_t>(h.entity), h.prefix_cps});
    }
    if (ar) fuzzy_names(t, from, spans, first_new);
    std::sort(spans.begin() + static_cast<long>(first_new), spans.end(),
              [](const span& x, const span& y) { return x.begin < y.begin; });
  }

  // Output filters for what the corpus conventions tag but a reader would not call an entity:
  // URL pieces, currencies, and nationality adjectives (روسي, كورية شمالية) — the adjective of a
  // country name, not the country itself.
  bool keep(const span& s, const std::vector<token>& toks,
            const std::vector<const word_info*>& words, const std::vector<bool>& in_url) const {
    for (uint32_t i = s.begin; i < s.end; ++i)
      if (in_url[i]) return false;
    if (s.type == 3 && s.entity < 0 && s.end - s.begin == 1 && is_currency(words[s.begin]->stem))
      return false;
    (void)toks;
    // An indefinite direction adjective makes the phrase adjectival (كورية شمالية, North
    // Korean); the country takes the article (كوريا الشمالية).
    if (s.end - s.begin == 2 && direction_adjective(words[s.begin + 1]->stem)) return false;
    for (uint32_t i = s.begin; i < s.end; ++i)
      if (!nationality_adjective(*words[i], *gaz_)) return true;
    return false;
  }

  // Misspelt well-known names the model did not tag (بيونح يانج): two-word windows with an
  // out-of-vocabulary word, matched by variant folding against curated/country/capital names.
  // Limited to unknown words so that the cost stays off the common path.
  void fuzzy_names(const tagged& t, size_t from, std::vector<span>& spans, size_t first_new) const {
    const size_t n = t.labels.size();
    thread_local std::vector<bool> covered;
    covered.assign(n, false);
    pair_memo* pairs = memos_ ? &pair_memo::of_thread(id_) : nullptr;
    for (size_t k = first_new; k < spans.size(); ++k)
      for (uint32_t i = spans[k].begin; i < spans[k].end; ++i) covered[i - from] = true;
    auto candidate = [&](size_t i) {
      // Arabic words only; very common ones (بين, قال) are not halves of a misspelt name.
      return !covered[i] && !covered[i + 1] && (t.oov[i] || t.oov[i + 1]) &&
             t.words[i]->rare_arabic && t.words[i + 1]->rare_arabic;
    };
    // The memo's slots and the words' strings (read on a memo miss) are cache misses:
    // requested for all windows first.
    for (size_t i = 0; i + 1 < n; ++i) {
      if (!candidate(i)) continue;
      if (pairs != nullptr) pairs->prefetch(t.words[i]->keys[0], t.words[i + 1]->keys[0]);
      __builtin_prefetch(&t.words[i]->fold), __builtin_prefetch(&t.words[i + 1]->fold);
    }
    for (size_t i = 0; i + 1 < n; ++i) {
      if (!candidate(i)) continue;
      const uint64_t ka = t.words[i]->keys[0], kb = t.words[i + 1]->keys[0];  // fold hashes
      int32_t e = -1;
      if (pairs == nullptr || !pairs->find(ka, kb, e)) {
        thread_local std::string name;  // no allocation per word pair
        name.assign(t.words[i]->fold).append(t.words[i + 1]->fold);
        e = gaz_->may_be_direct_variant(name) ? gaz_->variant(name) : -1;
        if (pairs != nullptr) pairs->put(ka, kb, e);
      }
      if (e < 0 || !gaz_->direct(static_cast<uint32_t>(e))) continue;
      const std::string& ty = gaz_->entities[e].type;
      const int type = ty == "PERSON" ? 0 : ty == "LOCATION" ? 1 : ty == "ORGANIZATION" ? 2 : 3;
      spans.push_back(
          span{static_cast<uint32_t>(from + i), static_cast<uint32_t>(from + i + 2), type, e, 0});
      covered[i] = covered[i + 1] = true;
      ++i;
    }
  }

  // Unique per tagger (not its address, which a later tagger may reuse): the key of per-thread
  // memos.
  inline static std::atomic<uint64_t> next_id_{1};
  const uint64_t id_ = next_id_.fetch_add(1);
  const bool memos_;  // options::word_cache_mb > 0: memos across texts
  std::unique_ptr<gazetteer> gaz_;
  recogniser ar_, en_;  // ar_ has a second pass when loaded with options::second_pass
};

}  // namespace

result<std::shared_ptr<const tagger>> tagger::load(const std::string& models_dir) {
  return load(models_dir, options{});
}

result<std::shared_ptr<const tagger>> tagger::load(const std::string& models_dir,
                                                   const options& opts) {
  std::string tried;
  const std::string dir = find_models_dir(models_dir, &tried);
  if (dir.empty())
    return make_error(
        errc::not_found,
        "entity models not found (need gazetteer.bin, ner-ar.bin, ner-en.bin; looked in " + tried +
            "); run `make models` or set NEWSD_MODELS_DIR");
  auto g = gazetteer::load(dir + "/" + kGazetteer);
  if (!g) return g.err();
  auto ar = ner_model::load(dir + "/" + kArabic);
  if (!ar) return ar.err();
  auto en = ner_model::load(dir + "/" + kEnglish);
  if (!en) return en.err();
  std::unique_ptr<ner_model> ar_doc;
  if (std::error_code ec; opts.second_pass && std::filesystem::exists(dir + "/" + kArabicDoc, ec)) {
    auto d = ner_model::load(dir + "/" + kArabicDoc);
    if (!d) return d.err();
    ar_doc = std::make_unique<ner_model>(std::move(*d));
  }
  auto gz = std::make_unique<gazetteer>(std::move(*g));
  auto t = std::make_shared<model_tagger>(std::move(gz), std::move(*ar), std::move(*en),
                                          std::move(ar_doc), opts.word_cache_mb << 20);
  // Loading frees the decompressed files and the models' word lists (tens of MB): give the
  // free pages back to the system instead of keeping them resident.
  malloc_trim(0);
  return std::shared_ptr<const tagger>(std::move(t));
}

}  // namespace newsd::entities
