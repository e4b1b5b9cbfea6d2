#include <string>
#include <string_view>
#include <vector>

#include "connectors/extract/content_tree.h"

namespace newsd::extract::detail {
namespace {

bool ends_sentence(std::string_view l) {
  static constexpr std::string_view ends[] = {".",      "!",  "?",  "\"", ")",    "â",
                                              "â", "Â»", "Â«", ":",  "Ø", "ã"};
  for (auto e : ends)
    if (l.ends_with(e)) return true;
  return false;
}

}  // namespace

// Baseline: every paragraph or text block with little link text, in document order.
// With `out` null only counts its non-space code points (cheap: no strings built).
size_t baseline_into(xmlNode* body, stats& st, std::string* out) {
  size_t count = 0;
  walk(body, [&](xmlNode* n) {
    if (!is_element(n)) return false;
    // Text blocks without inner blocks count too: many CMSes write paragraphs as <div>s.
    const info& i = st.of(n);
    bool leaf_block = i.own == i.text && i.own >= 25 &&
                      (is_tag(n, "div") || is_tag(n, "td") || is_tag(n, "section"));
    if (is_tag(n, "p") || is_tag(n, "pre") || is_tag(n, "blockquote") || leaf_block) {
      if (st.link_density(n) < 0.5f) {
        if (out == nullptr) {
          count += i.text;
          return false;
        }
        std::string t = text_of(n);
        if (!t.empty() && !is_chrome_line(t)) {
          if (!out->empty()) out->push_back('\n');
          *out += t;
        }
      }
      return false;
    }
    return true;
  });
  return count;
}

std::string baseline(xmlNode* body, stats& st) {
  std::string out;
  baseline_into(body, st, &out);
  return out;
}

size_t baseline_size(xmlNode* body, stats& st) { return baseline_into(body, st, nullptr); }

// "Follow us on Telegram", "Subscribe now to our e-edition", "download the apps for iOS and
// Android": the site's closing appeal after the article, not part of it.
bool call_to_action(std::string_view l) {
  static constexpr std::string_view k[] = {
      "Follow us",  "follow us",  "Follow The",   "Folgen Sie uns", "Folge uns",  "Síguenos",
      "Siguenos",   "Únete",      "Subscribe",    "subscribe",      "Abonnieren", "abonnieren",
      "Suscríbete", "suscríbete", "download the", "Newsletter",     "newsletter", "canal de"};
  if (l.size() > 220 || words_in(l) > 35) return false;
  for (std::string_view w : k)
    if (l.find(w) != std::string_view::npos) return true;
  // Reader feedback prompts: "War der Artikel nützlich?", "If you enjoyed reading this post".
  static constexpr std::string_view fb[] = {"If you enjoyed",  "If you liked",  "Did you enjoy",
                                            "We want to hear", "Hat Ihnen der", "Hat dir der",
                                            "Gefällt dir",     "Gefällt Ihnen"};
  for (std::string_view w : fb)
    if (l.starts_with(w)) return true;
  // Notes after the article: filing lines, licence and citation notes, the opinion disclaimer,
  // consent placeholders of embeds, comment login prompts.
  static constexpr std::string_view note[] = {"Der Beitrag wurde am",
                                              "Dieser Beitrag wurde am",
                                              "Erstellt am",
                                              "This entry was posted",
                                              "Dieser Text wurde veröffentlicht unter",
                                              "Sofern nicht anders ausgewiesen",
                                              "SUGGESTED CITATION",
                                              "Suggested citation",
                                              "Dieser Beitrag gibt die Meinung",
                                              "Klicken Sie auf den unteren Button",
                                              "Mit diesem Button kannst Du",
                                              "Du musst eingeloggt sein",
                                              "Du musst Eingeloggt sein",
                                              "You must be logged in",
                                              "Para comentar debes",
                                              "Get the latest news",
                                              "Yes! Sign me up"};
  for (std::string_view w : note)
    if (l.starts_with(w)) return true;
  static constexpr std::string_view about[] = {"Artikel", "article", "Beitrag", "this post"};
  if (l.ends_with("?") && words_in(l) <= 10)
    for (std::string_view w : about)
      if (l.find(w) != std::string_view::npos) return true;
  return false;
}

bool tail_header(std::string_view l) {
  while (!l.empty() && (l.back() == ':' || l.back() == ' ')) l.remove_suffix(1);
  static constexpr std::string_view k[] = {"Kontakt",
                                           "Pressekontakt",
                                           "Über den Autor",
                                           "Über die Autorin",
                                           "About the author",
                                           "About the Author",
                                           "Weitere Informationen",
                                           "Mehr Themen",
                                           "Zum Weiterlesen",
                                           "Mehr zum Thema",
                                           "Zusatzinformationen",
                                           "Schon gelesen?",
                                           "Lust auf mehr?",
                                           "Das könnte Sie auch interessieren",
                                           "You may also like",
                                           "Related articles",
                                           "Related Articles",
                                           "Related stories",
                                           "Más noticias",
                                           "Das könnte dich auch interessieren",
                                           "Das Thema könnte dich auch interessieren",
                                           "Das könnte Sie auch interessieren:",
                                           "Kommentare",
                                           "Kommentar schreiben",
                                           "Kommentare schreiben",
                                           "Schreibe einen Kommentar",
                                           "Leave a comment",
                                           "Leave a Reply",
                                           "Comments",
                                           "Weitere Artikel",
                                           "Auch interessant",
                                           "عن الكاتب",
                                           "نبذة عن الكاتب",
                                           "مقالات أخرى للكاتب",
                                           "مقالات ذات صلة",
                                           "أخبار ذات صلة",
                                           "أخبار متعلقة",
                                           "التعليقات",
                                           "أضف تعليقا",
                                           "أضف تعليقك"};
  for (std::string_view w : k)
    if (l == w) return true;
  return false;
}

// An affiliate or advertising disclosure before the article ("Für Links auf dieser Seite
// erhält … eine Provision", "This post contains references to products from … advertisers").
bool disclosure(std::string_view l) {
  static constexpr std::string_view k[] = {"Für Links auf dieser Seite",
                                           "This post contains references to products",
                                           "This post may contain affiliate",
                                           "This article contains affiliate",
                                           "This post contains affiliate",
                                           "*Werbung",
                                           "Werbung:",
                                           "Anzeige:",
                                           "Dieser Beitrag enthält Werbung",
                                           "Dieser Artikel enthält Werbung",
                                           "Disclosure:"};
  if (l.size() > 400) return false;
  for (std::string_view w : k)
    if (l.starts_with(w)) return true;
  return false;
}

// Short label-like lines at the edges of the text ("Schon gelesen?", "23.10.2018",
// "Kontakt:") are chrome that sat next to the article inside its container.
std::string trim_edges(const std::string& text) {
  std::vector<std::string_view> lines;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t e = text.find('\n', pos);
    if (e == std::string::npos) e = text.size();
    lines.emplace_back(text.data() + pos, e - pos);
    pos = e + 1;
  }
  constexpr size_t kMaxWords = 4;
  auto label = [](std::string_view l) { return words_in(l) <= kMaxWords && !ends_sentence(l); };
  size_t b = 0, e = lines.size();
  for (int k = 0; k < 3 && e > b + 1 && (label(lines[e - 1]) || call_to_action(lines[e - 1])); ++k)
    --e;
  // A closing appeal followed only by widget residue ("(95 Stimmen: 4,73 von 5)", "Loading...").
  for (size_t i = e, seen = 0; i > b + 1 && seen < 6; --i, ++seen) {
    std::string_view l = lines[i - 1];
    if (call_to_action(l)) {
      e = i - 1;
    } else if (words_in(l) > 6) {
      break;
    }
  }
  // A closing section header ("Über den Autor", "Weitere Informationen:", "Schon gelesen?")
  // and what follows it, when that is the small tail of the text.
  size_t total = text.size(), kept = total;
  for (size_t i = e; i > b + 1 && e - i < 10; --i) {
    kept -= lines[i - 1].size() + 1;
    if (tail_header(lines[i - 1]) && kept * 10 >= total * 7) {
      e = i - 1;
      break;
    }
  }
  for (int k = 0; k < 2 && e > b + 1 && (label(lines[b]) || disclosure(lines[b])); ++k) ++b;
  std::string out;
  for (size_t i = b; i < e; ++i) {
    if (!out.empty()) out.push_back('\n');
    out.append(lines[i]);
  }
  return out;
}

}  // namespace newsd::extract::detail
