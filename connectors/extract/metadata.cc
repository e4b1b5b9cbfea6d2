#include "connectors/extract/metadata.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>

#include "common/time_util.h"
#include "connectors/extract/byline.h"
#include "connectors/extract/date_parse.h"
#include "connectors/extract/dateline.h"
#include "connectors/extract/dom.h"
#include "connectors/extract/page_hints.h"
#include "connectors/extract/title.h"

namespace newsd::extract::detail {
namespace {

struct raw_meta {
  std::string title_tag, h1, canonical, lang;
  std::vector<heading> h1s;                 // every <h1> (a few): logos and menus are h1s too
  std::vector<const xmlNode*> h1_nodes;     // the elements of h1s, same order
  std::vector<heading> h2s;                 // the first <h2>s
  std::vector<std::string> subheads;        // the first h2/h3 texts
  std::vector<heading> styled;              // "…headline…"-classed blocks that are no <hN>
  std::map<std::string, std::string> meta;  // lower-cased name/property/itemprop -> content
  std::vector<std::string> jsonld;
  std::string time_pub, time_any, itemprop_date;
  std::vector<std::string> itemprop_authors, rel_authors;
  std::vector<std::string> date_texts;  // visible text of date-like elements, document order
  std::string after_h1;                 // visible text from the first <h1> on (a prefix)
  std::string script_date;              // "publishedDate":"…" in a page-state script
  std::vector<std::string> standalone;  // short text nodes that are a date ("21.01.2022")
  std::vector<std::string> labelled;
  int label_tries = 0;  // text after "Veröffentlicht am", "Published on", ...
  std::vector<std::pair<std::string, bool>> bylines;  // text, from a byline/author class
};

void keep_first(std::map<std::string, std::string>& m, std::string key, std::string value) {
  if (key.empty() || value.empty()) return;
  m.emplace(ascii_lower(key), std::move(value));
}

raw_meta collect(xmlDoc* doc, const std::string& page_url) {
  raw_meta r;
  xmlNode* root = xmlDocGetRootElement(doc);
  if (root != nullptr) r.lang = attr(root, "lang");
  int h2_seen = 0, styled_tries = 0, subhead_tries = 0;  // bounded reads (each walks a subtree)
  walk(root, [&](xmlNode* n) {
    if (n->type == XML_TEXT_NODE && !r.h1.empty() && r.after_h1.size() < 1500 &&
        n->content != nullptr) {
      r.after_h1 += reinterpret_cast<const char*>(n->content);
      r.after_h1 += ' ';
    }
    if (n->type == XML_TEXT_NODE && n->content != nullptr && r.labelled.size() < 4 &&
        n->parent != nullptr)
      read_label(n, r.labelled, r.label_tries);
    if (n->type == XML_TEXT_NODE && n->content != nullptr && r.standalone.size() < 2)
      read_standalone_date(n, r.standalone);
    if (n->type == XML_TEXT_NODE && n->content != nullptr && r.bylines.size() < 4 &&
        n->parent != nullptr) {
      std::string_view t(reinterpret_cast<const char*>(n->content));
      while (!t.empty() && std::isspace(static_cast<unsigned char>(t.front()))) t.remove_prefix(1);
      if (t.size() < 150 && starts_with_byline_prefix(t))
        r.bylines.emplace_back(text_prefix(n->parent, 200), false);
    }
    if (!is_element(n)) return false;
    std::string_view nm = name_of(n);
    if (nm == "title") {
      if (r.title_tag.empty()) r.title_tag = text_of(n);
      return false;
    }
    if (nm == "meta") {
      std::string content = collapse_ws(attr(n, "content"));
      keep_first(r.meta, attr(n, "property"), content);
      keep_first(r.meta, attr(n, "name"), content);
      keep_first(r.meta, attr(n, "itemprop"), content);
      return false;
    }
    if (nm == "link") {
      std::string rel = ascii_lower(attr(n, "rel"));
      if (rel == "canonical" && r.canonical.empty()) r.canonical = collapse_ws(attr(n, "href"));
      return false;
    }
    if (nm == "script") {
      if (n->children == nullptr || n->children->content == nullptr) return false;
      std::string_view body(reinterpret_cast<const char*>(n->children->content));
      if (ascii_lower(attr(n, "type")).find("ld+json") != std::string::npos)
        r.jsonld.emplace_back(body);
      else if (r.script_date.empty())
        r.script_date = script_date(body);
      return false;
    }
    if (nm == "style" || nm == "template" || (nm == "noscript" && !swallowing_noscript(n)))
      return false;
    if (nm == "h1" && r.h1s.size() < 8) {
      heading h = read_heading(n, page_url);
      if (r.h1.empty()) r.h1 = h.text;
      if (!h.text.empty()) {
        r.h1s.push_back(std::move(h));
        r.h1_nodes.push_back(n);
      }
    }
    if (nm == "h2" && r.h2s.size() < 8 && ++h2_seen <= 40) {  // menus have dozens
      heading h = read_heading(n, page_url);
      if (!h.text.empty() && !h.chrome) r.h2s.push_back(std::move(h));
    }
    if (r.styled.size() < 4 && (nm == "div" || nm == "p") && styled_tries < 16 &&
        class_has_headline(n)) {
      ++styled_tries;
      heading h = read_heading(n, page_url);
      if (!h.chrome && !h.truncated && words_in(h.text) >= 3 && h.text.size() < 200)
        r.styled.push_back(std::move(h));
    }
    // Tries are counted: a long (unclosed, nested) heading is read whole and refused, and
    // 20,000 nested ones must not each be read to the end of the page.
    if ((nm == "h2" || nm == "h3") && r.subheads.size() < 8 && ++subhead_tries <= 16) {
      std::string t = text_of(n);
      if (!t.empty() && t.size() < 300) r.subheads.push_back(std::move(t));
    }
    // RDFa on any element: <span property="schema:dateCreated" content="2022-01-28T12:45">.
    if (has_attr(n, "property") && has_attr(n, "content"))
      keep_first(r.meta, attr(n, "property"), collapse_ws(attr(n, "content")));
    std::string itemprop = attr(n, "itemprop");
    if (itemprop == "datePublished" && r.itemprop_date.empty()) {
      r.itemprop_date = attr(n, "content");
      if (r.itemprop_date.empty()) r.itemprop_date = attr(n, "datetime");
    }
    if (itemprop == "author" && r.itemprop_authors.size() < 5) {
      std::string a = text_of(n);
      if (!a.empty() && a.size() < 80) r.itemprop_authors.push_back(a);
      return false;
    }
    if ((r.date_texts.size() < 12 || r.bylines.size() < 4) && (nm == "time" || date_hint(n))) {
      std::string t = text_prefix(n, 300);
      if (r.bylines.size() < 4 && !t.empty() && t.size() < 200 &&
          (byline_hint(n) || arabic_dateline_byline(t)))
        r.bylines.emplace_back(t, true);
      if (r.date_texts.size() < 12 && !t.empty() && t.size() < 300)
        r.date_texts.push_back(std::move(t));
    }
    if (nm == "time") {
      std::string dt = attr(n, "datetime");
      std::string hint = ascii_lower(attr(n, "class") + " " + attr(n, "pubdate") +
                                     (has_attr(n, "pubdate") ? " pubdate" : ""));
      if (!dt.empty() && r.time_any.empty()) r.time_any = dt;
      if (!dt.empty() && r.time_pub.empty() &&
          (hint.find("pub") != std::string::npos || hint.find("published") != std::string::npos))
        r.time_pub = dt;
    }
    if (nm == "a" && ascii_lower(attr(n, "rel")) == "author" && r.rel_authors.size() < 5) {
      std::string a = text_of(n);
      if (!a.empty() && a.size() < 80) r.rel_authors.push_back(a);
    }
    return true;
  });
  return r;
}

std::string meta_of(const raw_meta& r, std::initializer_list<const char*> keys) {
  for (const char* k : keys) {
    auto it = r.meta.find(k);
    if (it != r.meta.end() && !it->second.empty()) return it->second;
  }
  return {};
}

bool same_text(std::string_view a, std::string_view b) { return ascii_lower(a) == ascii_lower(b); }

// "2023-11-09T05:30:59Z" on a page at /2023/11/08/: the URL keeps the newsroom's calendar
// date, the markup only the UTC instant. Print the instant at the whole-hour offset that
// gives the URL's date (same instant; -06:00 here), within real zone limits.
void local_day_from_url(metadata& m, int64_t url_ms) {
  constexpr int64_t kDay = 86400000, kHour = 3600000;
  const int64_t day = local_day(*m.published_ms, 0);
  const int64_t into = *m.published_ms - day;
  if (url_ms == day - kDay) {
    int64_t back = into / kHour + 1;
    if (back <= 12) m.published_offset_min = static_cast<int>(-back * 60);
  } else if (url_ms == day + kDay) {
    int64_t ahead = (kDay - into + kHour - 1) / kHour;
    if (ahead <= 14) m.published_offset_min = static_cast<int>(ahead * 60);
  }
}

bool looks_like_person(const std::string& a, const std::string& site) {
  if (a.empty() || a.size() > 100 || a.starts_with("http")) return false;
  if (!site.empty() && same_text(a, site)) return false;
  return true;
}

// The headline's <h1> (h1s[i] is the text of nodes[i]), else the first non-logo one.
const xmlNode* headline_node(const std::vector<heading>& h1s,
                             const std::vector<const xmlNode*>& nodes, const std::string& title) {
  for (size_t i = 0; i < h1s.size(); ++i)
    if (!h1s[i].site && !title.empty() &&
        (h1s[i].text.find(title) != std::string::npos ||
         (h1s[i].text.size() > 10 && title.find(h1s[i].text) != std::string::npos)))
      return nodes[i];
  for (size_t i = 0; i < h1s.size(); ++i)
    if (!h1s[i].site) return nodes[i];
  return nullptr;
}

// The date printed at the headline is what readers (and annotators) take as the article's
// date. It replaces a weak source's date, and a strong source's when it is the page's
// stated modification date (the page shows its update as its date: "Last updated 04 Jun
// 2020", "Stand: 07.11.2023").
void prefer_dateline(std::optional<int64_t> shown, metadata& m, bool weak_source) {
  if (debug())
    std::fprintf(stderr, "date: %s%s (offset %d), dateline %s\n",
                 format_rfc3339(*m.published_ms).c_str(), weak_source ? " weak" : "",
                 m.published_offset_min, shown ? format_rfc3339(*shown).c_str() : "-");
  if (!shown || local_day(*m.published_ms, m.published_offset_min) == *shown) return;
  bool take = weak_source;
  for (int64_t d : m.modified_days) take = take || d == *shown;
  if (!take) return;
  m.published_ms = shown;
  m.published_offset_min = 0;
}

}  // namespace

std::string resolve_url(const std::string& base, const std::string& href) {
  if (href.empty()) return {};
  if (href.find("://") != std::string::npos) return href;
  size_t scheme_end = base.find("://");
  if (scheme_end == std::string::npos) return href;
  if (href.starts_with("//")) return base.substr(0, scheme_end + 1) + href;
  size_t host_end = base.find_first_of("/?#", scheme_end + 3);
  std::string origin = host_end == std::string::npos ? base : base.substr(0, host_end);
  if (href.starts_with("/")) return origin + href;
  std::string path = host_end == std::string::npos ? "/" : base.substr(host_end);
  size_t q = path.find_first_of("?#");
  if (q != std::string::npos) path.resize(q);
  path.resize(path.rfind('/') + 1);
  return origin + path + href;
}

metadata read_metadata(xmlDoc* doc, const std::string& page_url) {
  metadata m;
  raw_meta r = collect(doc, page_url);
  m.html_lang = r.lang;
  std::string headline;
  read_jsonld(r.jsonld, m, headline);

  m.description = meta_of(r, {"og:description", "description", "twitter:description"});
  std::string og_site = meta_of(r, {"og:site_name", "application-name", "twitter:site:name"});
  if (!og_site.empty()) m.site_name = og_site;

  title_inputs ti;
  ti.og_title = decode_entities(meta_of(r, {"og:title", "twitter:title", "dc.title", "headline"}));
  ti.title_tag = decode_entities(r.title_tag);
  ti.headline = decode_entities(headline);
  ti.site_name = m.site_name;
  ti.url = page_url;
  ti.h1s = std::move(r.h1s);
  ti.h2s = std::move(r.h2s);
  ti.subheads = std::move(r.subheads);
  ti.styled = std::move(r.styled);
  m.title = choose_title(ti);

  // JSON-LD, article:published_time and itemprop name the publication; <meta name=date>,
  // <time> elements and page-state scripts are often a generation time or a sidebar's.
  bool weak_source = false;
  if (!m.published_ms) {
    int k = 0;
    for (const std::string& s :
         {meta_of(r, {"article:published_time", "og:published_time", "og:article:published_time"}),
          r.itemprop_date,
          meta_of(r, {"datepublished",
                      "publishdate",
                      "publication_date",
                      "schema:datepublished",
                      "schema:datecreated",
                      "publish-date",
                      "pubdate",
                      "publish_date",
                      "date",
                      "dc.date.issued",
                      "dc.date",
                      "dcterms.date",
                      "dcterms.created",
                      "dc.date.created",
                      "sailthru.date",
                      "parsely-pub-date",
                      "article.published",
                      "article_date_original",
                      "cxenseparse:recs:publishtime",
                      "date_published",
                      "originalpublicationdate",
                      "release_date",
                      "created"}),
          r.time_pub, r.time_any, r.script_date}) {
      ++k;
      if (s.empty()) continue;
      if (auto v = parse_date(s, &m.published_offset_min)) {
        m.published_ms = v;
        weak_source = k > 2;
        break;
      }
    }
  }
  std::optional<int64_t> url_day = date_from_url(page_url);
  if (!url_day && !r.canonical.empty()) url_day = date_from_url(resolve_url(page_url, r.canonical));
  if (m.published_ms && m.published_offset_min == 0 && url_day) local_day_from_url(m, *url_day);
  // "2022-11-06T23:00:00.000Z": a date-only field stored as local midnight in Central Europe
  // (UTC+1/+2) and serialised as UTC. Printed at that offset (same instant) it is the date the
  // page means; a real publication time is hardly ever on the hour to the millisecond.
  if (m.published_ms && m.published_offset_min == 0 && !url_day) {
    int64_t into = *m.published_ms - local_day(*m.published_ms, 0);
    if (into == 23 * 3600000LL || into == 22 * 3600000LL)
      m.published_offset_min = static_cast<int>((86400000LL - into) / 60000);
  }
  for (const std::string& s :
       {meta_of(r, {"article:modified_time"}), meta_of(r, {"og:updated_time"}),
        meta_of(r, {"datemodified"}), meta_of(r, {"dc.date.modified", "dcterms.modified"})}) {
    int off = 0;
    if (auto mod = parse_date(s, &off)) m.modified_days.push_back(local_day(*mod, off));
  }
  std::optional<int64_t> shown = dateline_date(headline_node(ti.h1s, r.h1_nodes, m.title));
  // "Veröffentlicht am 16.08.2019": a labelled date says which date it is.
  for (size_t i = 0; i < r.labelled.size() && !shown && weak_source; ++i)
    shown = find_text_date(r.labelled[i].substr(0, 60));
  if (m.published_ms) prefer_dateline(shown, m, weak_source);
  if (!m.published_ms) m.published_ms = url_day;
  if (!m.published_ms) m.published_ms = shown;
  for (size_t i = 0; i < r.labelled.size() && !m.published_ms; ++i)
    m.published_ms = find_text_date(r.labelled[i].substr(0, 60));
  for (size_t i = 0; i < r.date_texts.size() && !m.published_ms; ++i)
    m.published_ms = find_text_date(r.date_texts[i]);
  // The dateline under the headline ("Veröffentlicht am 12.01.2022", "May 3, 2022").
  if (!m.published_ms) m.published_ms = find_text_date(r.after_h1);
  for (size_t i = 0; i < r.standalone.size() && !m.published_ms; ++i)
    m.published_ms = find_text_date(r.standalone[i]);

  if (m.authors.empty()) {
    std::string a = meta_of(
        r, {"author", "article:author", "dc.creator", "parsely-author", "sailthru.author", "byl"});
    if (a.starts_with("By ") || a.starts_with("by ")) a = a.substr(3);
    if (!a.empty()) m.authors.push_back(a);
  }
  if (m.authors.empty()) m.authors = r.itemprop_authors;
  if (m.authors.empty()) m.authors = r.rel_authors;
  for (size_t i = 0; i < r.bylines.size() && m.authors.empty(); ++i)
    m.authors = parse_byline(r.bylines[i].first, r.bylines[i].second);
  std::vector<std::string> people;
  for (auto& raw : m.authors) {
    std::string a = clean_author(raw);
    if (looks_like_person(a, m.site_name) &&
        std::find(people.begin(), people.end(), a) == people.end())
      people.push_back(a);
  }
  m.authors = std::move(people);

  std::string canon = r.canonical;
  if (canon.empty()) canon = meta_of(r, {"og:url"});
  if (!canon.empty()) m.canonical_url = resolve_url(page_url, canon);
  return m;
}

}  // namespace newsd::extract::detail
