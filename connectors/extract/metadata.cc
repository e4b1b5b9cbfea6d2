#include "connectors/extract/metadata.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <map>

#include "connectors/extract/byline.h"
#include "connectors/extract/date_parse.h"
#include "connectors/extract/dom.h"

namespace newsd::extract::detail {
namespace {

struct raw_meta {
  std::string title_tag, h1, canonical, lang;
  std::vector<std::string> h1s;             // every <h1> text (a few): logos and menus are h1s too
  std::map<std::string, std::string> meta;  // lower-cased name/property/itemprop -> content
  std::vector<std::string> jsonld;
  std::string time_pub, time_any, itemprop_date;
  std::vector<std::string> itemprop_authors, rel_authors;
  std::vector<std::string> date_texts;  // visible text of date-like elements, document order
  std::string after_h1;                 // visible text from the first <h1> on (a prefix)
  std::vector<std::pair<std::string, bool>> bylines;  // text, from a byline/author class
};

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
  static constexpr std::string_view k[] = {"date",   "datum", "time", "publish", "posted", "meta",
                                           "byline", "fecha", "data", "info",    "author"};
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

void keep_first(std::map<std::string, std::string>& m, std::string key, std::string value) {
  if (key.empty() || value.empty()) return;
  m.emplace(ascii_lower(key), std::move(value));
}

raw_meta collect(xmlDoc* doc) {
  raw_meta r;
  xmlNode* root = xmlDocGetRootElement(doc);
  if (root != nullptr) r.lang = attr(root, "lang");
  walk(root, [&](xmlNode* n) {
    if (n->type == XML_TEXT_NODE && !r.h1.empty() && r.after_h1.size() < 1500 &&
        n->content != nullptr) {
      r.after_h1 += reinterpret_cast<const char*>(n->content);
      r.after_h1 += ' ';
    }
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
      if (ascii_lower(attr(n, "type")).find("ld+json") != std::string::npos && n->children &&
          n->children->content)
        r.jsonld.emplace_back(reinterpret_cast<const char*>(n->children->content));
      return false;
    }
    if (nm == "style" || nm == "noscript" || nm == "template") return false;
    if (nm == "h1" && r.h1s.size() < 8) {
      std::string t = text_of(n);
      if (!t.empty()) r.h1s.push_back(t);
      if (r.h1.empty()) r.h1 = t;
    }
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
      if (r.bylines.size() < 4 && !t.empty() && t.size() < 200 && byline_hint(n))
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

// "Headline | Site", "Site - Headline", "Headline :: Site": drop the site part.
std::string strip_site(const std::string& title, const std::string& site, const std::string& h1) {
  static const char* seps[] = {
      " | ", " - ", " – ", " — ", " :: ", " · ", " » ", " « ", " / ", " :"};
  if (!h1.empty() && title != h1 && title.find(h1) != std::string::npos &&
      utf8_len(h1) * 2 >= utf8_len(title)) {
    return h1;  // the title merely decorates the <h1> headline
  }
  for (const char* sep : seps) {
    size_t p = title.rfind(sep);
    if (p != std::string::npos) {
      std::string left = collapse_ws(title.substr(0, p));
      std::string right = collapse_ws(title.substr(p + std::strlen(sep)));
      if (!site.empty() && same_text(right, site)) return left;
      if (!site.empty() && same_text(left, site)) return right;
      // Without a site name, the shorter side of a single separator is the site.
      if (title.find(sep) == p && utf8_len(right) * 2 < utf8_len(left) && utf8_len(right) < 40)
        return left;
    }
  }
  return title;
}

// Meta contents are sometimes entity-escaped twice ("&#8211;", "&quot;"): libxml2 decoded
// one level only.
std::string decode_entities(const std::string& in) {
  if (in.find('&') == std::string::npos) return in;
  std::string out;
  for (size_t i = 0; i < in.size(); ++i) {
    size_t semi = in[i] == '&' ? in.find(';', i) : std::string::npos;
    if (semi == std::string::npos || semi - i > 10) {
      out.push_back(in[i]);
      continue;
    }
    std::string_view e(in.data() + i + 1, semi - i - 1);
    uint32_t cp = 0;
    if (e.size() > 1 && e[0] == '#') {
      bool hex = e[1] == 'x' || e[1] == 'X';
      for (size_t k = hex ? 2 : 1; k < e.size() && cp <= 0x10FFFF; ++k) {
        char c = static_cast<char>(std::tolower(static_cast<unsigned char>(e[k])));
        int v = c >= '0' && c <= '9' ? c - '0' : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
        if (v < 0) {
          cp = 0;
          break;
        }
        cp = cp * (hex ? 16 : 10) + static_cast<uint32_t>(v);
      }
    } else if (e == "quot") {
      cp = '"';
    } else if (e == "amp") {
      cp = '&';
    } else if (e == "apos") {
      cp = '\'';
    } else if (e == "lt") {
      cp = '<';
    } else if (e == "gt") {
      cp = '>';
    } else if (e == "nbsp") {
      cp = ' ';
    }
    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      out.push_back(in[i]);
      continue;
    }
    if (cp < 0x80) {
      out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
    i = semi;
  }
  return out;
}

// The headline <h1>: the first one that the <title> or og:title repeats (site logos and
// "Menu" headings are h1s on many pages); "" when several h1s and none is confirmed.
std::string pick_h1(const raw_meta& r, const std::string& og_title) {
  std::string t = ascii_lower(r.title_tag + " \x1f " + og_title);
  std::string best;  // the longest confirmed one: the site name is confirmed too
  for (const std::string& h : r.h1s)
    if (utf8_len(h) >= 4 && utf8_len(h) > utf8_len(best) &&
        t.find(ascii_lower(h)) != std::string::npos)
      best = h;
  if (!best.empty()) return best;
  return r.h1s.size() == 1 ? r.h1s[0] : std::string();
}

bool looks_like_person(const std::string& a, const std::string& site) {
  if (a.empty() || a.size() > 100 || a.starts_with("http")) return false;
  if (!site.empty() && same_text(a, site)) return false;
  return true;
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
  raw_meta r = collect(doc);
  m.html_lang = r.lang;
  std::string headline;
  read_jsonld(r.jsonld, m, headline);

  std::string og_site = meta_of(r, {"og:site_name", "application-name", "twitter:site:name"});
  if (!og_site.empty()) m.site_name = og_site;

  std::string og_title =
      decode_entities(meta_of(r, {"og:title", "twitter:title", "dc.title", "headline"}));
  r.title_tag = decode_entities(r.title_tag);
  std::string h1 = pick_h1(r, og_title);
  std::string title = decode_entities(headline);
  if (title.empty() || same_text(title, m.site_name)) title = og_title;
  if (title.empty() || same_text(title, m.site_name)) title = h1;
  if (title.empty()) title = r.title_tag;
  if (title.empty()) title = r.h1;
  m.title = strip_site(title, m.site_name, h1);

  if (!m.published_ms) {
    for (const std::string& s :
         {meta_of(r, {"article:published_time", "og:published_time", "og:article:published_time"}),
          r.itemprop_date, meta_of(r, {"datepublished",         "publishdate",
                                       "publish-date",          "pubdate",
                                       "publish_date",          "date",
                                       "dc.date.issued",        "dc.date",
                                       "dcterms.date",          "dcterms.created",
                                       "dc.date.created",       "sailthru.date",
                                       "parsely-pub-date",      "article.published",
                                       "article_date_original", "cxenseparse:recs:publishtime",
                                       "date_published",        "originalpublicationdate",
                                       "release_date",          "created"}),
          r.time_pub, r.time_any}) {
      if (s.empty()) continue;
      if (auto v = parse_date(s)) {
        m.published_ms = v;
        break;
      }
    }
  }
  if (!m.published_ms) m.published_ms = date_from_url(page_url);
  for (size_t i = 0; i < r.date_texts.size() && !m.published_ms; ++i)
    m.published_ms = find_text_date(r.date_texts[i]);
  // The dateline under the headline ("Veröffentlicht am 12.01.2022", "May 3, 2022").
  if (!m.published_ms) m.published_ms = find_text_date(r.after_h1);

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
  for (auto& a : m.authors)
    if (looks_like_person(a, m.site_name) &&
        std::find(people.begin(), people.end(), a) == people.end())
      people.push_back(a);
  m.authors = std::move(people);

  std::string canon = r.canonical;
  if (canon.empty()) canon = meta_of(r, {"og:url"});
  if (!canon.empty()) m.canonical_url = resolve_url(page_url, canon);
  return m;
}

}  // namespace newsd::extract::detail
