#include "daemon/entities/tagger_util.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>

#include "daemon/entities/fold.h"

namespace newsd::entities {

namespace fs = std::filesystem;

static bool has_models(const fs::path& d) {
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

// Tokens inside a URL or e-mail address (http://…, www.…, up to the next space): the
// tokeniser cuts them into words that the model would otherwise take for places.
std::vector<bool> url_tokens(std::string_view text, const std::vector<token>& toks) {
  std::vector<bool> out(toks.size(), false);
  std::vector<std::pair<size_t, size_t>> ranges;
  auto is_space = [](char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; };
  // Every URL form below has a '/' or '@' or starts with www.: only the space-delimited chunks
  // around those are looked at (found with memchr/find, not a loop over every byte).
  size_t done = 0;  // chunks before this byte were handled
  auto visit = [&](size_t p) {
    if (p < done) return;
    size_t a = p, b = p;
    while (a > 0 && !is_space(text[a - 1])) --a;
    while (b < text.size() && !is_space(text[b])) ++b;
    done = b;
    const std::string_view chunk = text.substr(a, b - a);
    // A scheme, www., an e-mail address, or a host name with a path (pic.twitter.com/x).
    bool url = chunk.find("://") != std::string_view::npos || chunk.rfind("www.", 0) == 0;
    if (!url) {
      const size_t at = chunk.find('@'), dot = chunk.find('.'), slash = chunk.find('/');
      url = (at != std::string_view::npos && at > 0 &&
             chunk.find('.', at) != std::string_view::npos) ||
            (dot != std::string_view::npos && slash != std::string_view::npos && dot < slash &&
             dot > 0 && std::isalpha(static_cast<unsigned char>(chunk[dot + 1])));
    }
    if (url) ranges.push_back({a, b});
  };
  size_t slash = text.find('/'), at = text.find('@'), www = text.find("www.");
  // "www." counts only at the start of a chunk.
  auto next_www = [&](size_t from) {
    for (size_t w = text.find("www.", from); w != std::string_view::npos;
         w = text.find("www.", w + 1))
      if (w == 0 || is_space(text[w - 1])) return w;
    return std::string_view::npos;
  };
  www = next_www(0);
  while (true) {
    const size_t p = std::min({slash, at, www});
    if (p == std::string_view::npos) break;
    visit(p);
    if (slash != std::string_view::npos && slash < done) slash = text.find('/', done);
    if (at != std::string_view::npos && at < done) at = text.find('@', done);
    if (www != std::string_view::npos && www < done) www = next_www(done);
  }
  if (ranges.empty()) return out;
  for (size_t i = 0; i < toks.size(); ++i) {
    const size_t at = static_cast<size_t>(toks[i].text.data() - text.data());
    for (const auto& [a, b] : ranges)
      if (at >= a && at < b) out[i] = true;
  }
  return out;
}

// Currency names are MISC in ANERcorp (دولار is tagged 100 times) but not entities a news
// consumer filters on.
std::string format_error(std::string_view component, std::string_view what, std::string_view head,
                         std::string_view magic, const std::string& path) {
  std::string m(component);
  auto printable = [](std::string_view h) {
    for (char c : h)
      if (c < 0x20 || c > 0x7e) return false;
    return true;
  };
  if (head.size() >= magic.size() && head.substr(0, 6) == magic.substr(0, 6) &&
      printable(head.substr(0, magic.size()))) {
    m += ": " + path + ": " + std::string(what) + " format " +
         std::string(head.substr(0, magic.size())) + ", this newsd reads " + std::string(magic) +
         ": run `make models` (or install the models of this version)";
  } else {
    m += ": not a newsd " + std::string(what) + ": " + path;
  }
  return m;
}

bool is_currency(std::string_view folded) {
  static const char* const kWords[] = {"دولار", "يورو",  "جنيه",  "درهم",   "دينار",  "روبل",
                                       "ليره",  "ين",    "يوان",  "روبيه",  "dollar", "dollars",
                                       "euro",  "euros", "pound", "pounds", "yen",    "rouble"};
  const std::string_view bare = drop_article(folded);
  for (const char* w : kWords)
    if (bare == w || folded == w) return true;
  return false;
}

bool starts_word(std::string_view t) {
  size_t i = 0;
  return !t.empty() && is_word_char(next_cp(t, i));
}

bool is_sentence_end(std::string_view t) {
  return t == "." || t == "!" || t == "?" || t == "\xD8\x9F" /* ؟ */ || t == "\xE2\x80\xA6";
}

bool direction_adjective(std::string_view stem) {
  static const char* const kDirections[] = {"شماليه", "جنوبيه", "شرقيه", "غربيه",
                                            "شمالي",  "جنوبي",  "شرقي",  "غربي"};
  for (const char* d : kDirections)
    if (stem == d) return true;
  return false;
}

bool nationality_adjective(const word_info& w, const gazetteer& g) {
  std::string b(drop_article(w.stem));
  if (direction_adjective(b)) return true;
  const std::string ya = "\xD9\x8A", ha = "\xD9\x87";  // ي ه (folded ة)
  if (b.size() > 2 && b.compare(b.size() - 2, 2, ha) == 0) b.resize(b.size() - 2);
  if (b.size() < 6 || b.compare(b.size() - 2, 2, ya) != 0) return false;
  auto is_country = [&](const std::string& f) {
    const int32_t e = g.exact(seq_mix(kSeqSeed, token_hash(f)));
    return e >= 0 && g.entities[e].source == gaz_source::country;
  };
  if (is_country(w.fold) || is_country(w.stem)) return false;  // سورية is Syria
  // The country name, or the first word of one (كوريا of كوريا الشمالية).
  auto country_word = [&](const std::string& f) {
    return is_country(f) || g.max_tokens(token_hash(f)) > 1;
  };
  const std::string base = b.substr(0, b.size() - 2);
  return country_word(base + ya + "\xD8\xA7") || country_word(base + "\xD8\xA7") ||
         is_country(base) || is_country("\xD8\xA7\xD9\x84" + base);
}

}  // namespace newsd::entities
