#include "connectors/extract/page_hints.h"

#include <algorithm>
#include <cctype>
#include <cstring>

#include "connectors/extract/date_parse.h"
#include "connectors/extract/dom.h"

namespace newsd::extract::detail {

// A byline-classed element: "byline", "author" (class or id).
bool byline_hint(const xmlNode* n) {
  std::string v = ascii_lower(attr(n, "class") + " " + attr(n, "id"));
  return v.find("byline") != std::string::npos ||
         (v.find("author") != std::string::npos && v.find("bio") == std::string::npos &&
          v.find("about") == std::string::npos && v.find("comment") == std::string::npos);
}

// class/id words of elements that show the publication date ("post-date", "entry-meta",
// "datum", "fecha", "byline"): their text is scanned when no markup gives a date.
bool date_hint(const xmlNode* n) {
  static constexpr std::string_view k[] = {"date",   "datum", "time",   "publish",
                                           "posted", "meta",  "byline", "fecha",
                                           "data",   "info",  "author", "submitted"};
  // Reads the attribute text in place: this runs on every element of the page.
  for (const xmlAttr* a = n->properties; a != nullptr; a = a->next) {
    const char* nm = reinterpret_cast<const char*>(a->name);
    if (std::strcmp(nm, "class") != 0 && std::strcmp(nm, "id") != 0) continue;
    if (a->children == nullptr || a->children->content == nullptr) continue;
    std::string_view v(reinterpret_cast<const char*>(a->children->content));
    for (size_t i = 0; i < v.size(); ++i)
      for (std::string_view w : k)
        if (i + w.size() <= v.size() &&
            std::equal(w.begin(), w.end(), v.begin() + static_cast<std::ptrdiff_t>(i),
                       [](char x, char y) {
                         return x == static_cast<char>(std::tolower(static_cast<unsigned char>(y)));
                       }))
          return true;
  }
  return false;
}

// "Veröffentlicht am 16.08.2019", "Erschienen am: 01.11.2023", "<b>Datum</b> <span>28.01.2022":
// the text from a publication label on, taken from the grandparent when the date is a
// sibling element.
// tries counts the labels looked at: text_prefix on an ancestor can cost a pass over its
// children, so a page of 20,000 "Datum" cells must not do it 20,000 times.
void read_label(const xmlNode* n, std::vector<std::string>& out, int& tries) {
  static constexpr std::string_view kLabels[] = {
      "Veröffentlicht", "Erschienen am", "Publiziert am", "Datum",        "Published on",
      "Published:",     "Publié le",     "Mise en ligne", "Publicado el", "Pubblicato il"};
  std::string_view t(reinterpret_cast<const char*>(n->content));
  if (t.size() > 80 || t.size() < 5) return;  // labels sit in short nodes; keeps this cheap
  // Every label starts with one of these capitals: one pass over the text before any search.
  if (t.find_first_of("VEPDM") == std::string_view::npos) return;
  for (std::string_view l : kLabels) {
    if (t.find(l) == std::string_view::npos) continue;
    if (++tries > 16) return;
    for (const xmlNode* e = n->parent; e != nullptr && is_element(e); e = e->parent) {
      std::string x = text_prefix(e, 300);
      size_t at = x.find(l);
      if (at == std::string::npos) return;
      x.erase(0, at + l.size());
      if (x.find_first_of("0123456789") < 40) {
        out.push_back(std::move(x));
        return;
      }
      if (e != n->parent) return;  // two levels at most
    }
    return;
  }
}

// Page-state scripts (Next.js, Nuxt, analytics layers) carry the article's date as JSON:
// "publishedDate":"2016-11-04T20:37:27Z", "publication_time" : "2023-11-07T07:30+01:00".
std::string script_date(std::string_view js) {
  static constexpr std::string_view kKeys[] = {"\"datePublished\"",    "\"publishedDate\"",
                                               "\"published_at\"",     "\"publishDate\"",
                                               "\"publication_time\"", "\"firstPublished\""};
  for (std::string_view k : kKeys) {
    size_t p = js.find(k);
    if (p == std::string_view::npos) continue;
    p += k.size();
    while (p < js.size() && (js[p] == ' ' || js[p] == ':')) ++p;
    if (p >= js.size() || js[p] != '"') continue;
    size_t e = js.find('"', p + 1);
    if (e == std::string_view::npos || e - p > 40) continue;
    std::string v(js.substr(p + 1, e - p - 1));
    if (parse_date(v)) return v;
  }
  return {};
}

// A text node that is nothing but a date ("<em> 01.11.2023 11:35", "<h3>21.01.2022</h3>") is
// a dateline: the last resort when no markup or labelled date exists.
void read_standalone_date(const xmlNode* n, std::vector<std::string>& out) {
  std::string_view t(reinterpret_cast<const char*>(n->content));
  while (!t.empty() && std::isspace(static_cast<unsigned char>(t.front()))) t.remove_prefix(1);
  while (!t.empty() && std::isspace(static_cast<unsigned char>(t.back()))) t.remove_suffix(1);
  if (t.size() < 8 || t.size() > 120 || t.find_first_of("0123456789") == std::string_view::npos)
    return;
  if (n->parent != nullptr && (is_tag(n->parent, "a") || is_tag(n->parent, "option"))) return;
  size_t words = 0;
  bool in = false;
  for (char c : t) {
    bool sp = std::isspace(static_cast<unsigned char>(c)) != 0;
    words += !sp && !in;
    in = !sp;
  }
  if (words <= 6 && find_text_date(t)) out.emplace_back(collapse_ws(t));
}

// class="plp-headline", "l-headline" (not "subheadline"), read in place: runs on every
// <div> and <p>.
bool class_has_headline(const xmlNode* n) {
  for (const xmlAttr* a = n->properties; a != nullptr; a = a->next) {
    if (std::strcmp(reinterpret_cast<const char*>(a->name), "class") != 0) continue;
    if (a->children == nullptr || a->children->content == nullptr) return false;
    std::string_view v(reinterpret_cast<const char*>(a->children->content));
    size_t p = v.find("headline");
    return p != std::string_view::npos && (p < 3 || v.substr(p - 3, 3) != "sub");
  }
  return false;
}

}  // namespace newsd::extract::detail
