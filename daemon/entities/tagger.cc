#include "daemon/entities/tagger.h"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "daemon/entities/linker.h"
#include "daemon/entities/recogniser.h"
#include "daemon/entities/utf8.h"

namespace newsd::entities {

namespace {

namespace fs = std::filesystem;

constexpr const char* kGazetteer = "gazetteer.bin";
constexpr const char* kArabic = "ner-ar.bin";
constexpr const char* kEnglish = "ner-en.bin";
constexpr size_t kMaxSegment = 200;  // tokens per Viterbi pass when punctuation is scarce

bool has_models(const fs::path& d) {
  std::error_code ec;
  return fs::exists(d / kGazetteer, ec) && fs::exists(d / kArabic, ec) &&
         fs::exists(d / kEnglish, ec);
}

std::string find_models_dir(const std::string& configured, std::string* tried) {
  std::vector<fs::path> c;
  if (!configured.empty()) {
    c.push_back(configured);
  } else {
    if (const char* env = std::getenv("NEWSD_MODELS_DIR"); env && *env) c.push_back(env);
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) c.push_back(exe.parent_path().parent_path() / "models");
    c.push_back("/usr/share/newsd/models");
  }
  for (const auto& d : c) {
    if (has_models(d)) return d.string();
    *tried += (tried->empty() ? "" : ", ") + d.string();
  }
  return {};
}

bool is_sentence_end(std::string_view t) {
  return t == "." || t == "!" || t == "?" || t == "\xD8\x9F" /* ؟ */ || t == "\xE2\x80\xA6";
}

class model_tagger final : public tagger {
 public:
  model_tagger(std::unique_ptr<gazetteer> g, ner_model ar, ner_model en)
      : gaz_(std::move(g)), ar_(std::move(ar), gaz_.get()), en_(std::move(en), gaz_.get()) {}

  std::vector<std::string> tag_tokens(const std::vector<std::string>& tokens,
                                      std::string_view language) const override {
    std::vector<tok_in> in(tokens.size());
    size_t arabic = 0;
    for (size_t i = 0; i < tokens.size(); ++i) {
      in[i].raw = tokens[i];
      if (language.empty() && has_arabic(tokens[i])) ++arabic;
    }
    const bool ar = language == "ar" || (language.empty() && arabic > 0);
    cache_t cache;
    const auto t = (ar ? ar_ : en_).tag(in, cache);
    std::vector<std::string> out;
    out.reserve(t.labels.size());
    for (int l : t.labels) out.emplace_back(kLabelNames[l]);
    return out;
  }

  std::vector<model::entity> tag(std::string_view text, std::string_view language) const override {
    const auto toks = tokenise(text);
    std::vector<const word_info*> words(toks.size(), nullptr);
    std::vector<span> spans;
    cache_t cache;
    size_t from = 0;
    for (size_t i = 0; i < toks.size(); ++i) {
      const bool last = i + 1 == toks.size();
      const bool cut = last || is_sentence_end(toks[i].text) || toks[i + 1].line_start ||
                       i + 1 - from >= kMaxSegment;
      if (!cut) continue;
      segment(toks, from, i + 1, language, cache, words, spans);
      from = i + 1;
    }
    return link_spans(text, toks, words, spans, *gaz_);
  }

 private:
  using cache_t = std::unordered_map<std::string_view, word_entry, sv_hash, std::equal_to<>>;

  void segment(const std::vector<token>& toks, size_t from, size_t to, std::string_view language,
               cache_t& cache, std::vector<const word_info*>& words,
               std::vector<span>& spans) const {
    std::vector<tok_in> in(to - from);
    size_t arabic = 0, latin = 0;
    for (size_t i = from; i < to; ++i) {
      in[i - from] = tok_in{toks[i].text, toks[i].after_hash};
      const auto c = static_cast<unsigned char>(toks[i].text[0]);
      if (c >= 0xD8 && c <= 0xDB)
        ++arabic;
      else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
        ++latin;
    }
    // The language routes the model, but a line in the other script (a quoted tweet in an
    // Arabic article) goes to the model of its script.
    bool ar = language == "ar" ? !(arabic == 0 && latin > 0) : arabic > latin;
    const auto t = (ar ? ar_ : en_).tag(in, cache);
    for (size_t i = 0; i < in.size(); ++i) words[from + i] = t.words[i];
    const size_t first_new = spans.size();
    for (size_t i = 0; i < t.labels.size();) {
      if (t.labels[i] == 0) {
        ++i;
        continue;
      }
      const int type = label_type(t.labels[i]);
      size_t j = i + 1;
      while (j < t.labels.size() && is_inside(t.labels[j]) && label_type(t.labels[j]) == type) ++j;
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

  // Misspelt well-known names the model did not tag (بيونح يانج): two-word windows with an
  // out-of-vocabulary word, matched by variant folding against curated/country/capital names.
  // Limited to unknown words so that the cost stays off the common path.
  void fuzzy_names(const tagged& t, size_t from, std::vector<span>& spans, size_t first_new) const {
    const size_t n = t.labels.size();
    std::vector<bool> covered(n, false);
    for (size_t k = first_new; k < spans.size(); ++k)
      for (uint32_t i = spans[k].begin; i < spans[k].end; ++i) covered[i - from] = true;
    for (size_t i = 0; i + 1 < n; ++i) {
      if (covered[i] || covered[i + 1] || !(t.oov[i] || t.oov[i + 1])) continue;
      if (!has_arabic(t.words[i]->fold) || !has_arabic(t.words[i + 1]->fold)) continue;
      const int32_t e = gaz_->variant(t.words[i]->fold + t.words[i + 1]->fold);
      if (e < 0 || !gaz_->direct(static_cast<uint32_t>(e))) continue;
      const std::string& ty = gaz_->entities[e].type;
      const int type = ty == "PERSON" ? 0 : ty == "LOCATION" ? 1 : ty == "ORGANIZATION" ? 2 : 3;
      spans.push_back(
          span{static_cast<uint32_t>(from + i), static_cast<uint32_t>(from + i + 2), type, e, 0});
      covered[i] = covered[i + 1] = true;
      ++i;
    }
  }

  std::unique_ptr<gazetteer> gaz_;
  recogniser ar_, en_;
};

}  // namespace

result<std::shared_ptr<const tagger>> tagger::load(const std::string& models_dir) {
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
  auto gz = std::make_unique<gazetteer>(std::move(*g));
  return std::shared_ptr<const tagger>(
      std::make_shared<model_tagger>(std::move(gz), std::move(*ar), std::move(*en)));
}

}  // namespace newsd::entities
