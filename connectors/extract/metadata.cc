#include "connectors/extract/metadata.h"

#include <algorithm>
#include <cstring>
#include <map>

#include "connectors/extract/date_parse.h"
#include "connectors/extract/dom.h"

namespace newsd::extract::detail {
namespace {

struct raw_meta {
  std::string title_tag, h1, canonical, lang;
  std::map<std::string, std::string> meta;  // lower-cased name/property/itemprop -> content
  std::vector<std::string> jsonld;
  std::string time_pub, time_any, itemprop_date;
  std::vector<std::string> itemprop_authors, rel_authors;
};

void keep_first(std::map<std::string, std::string>& m, std::string key, std::string value) {
  if (key.empty() || value.empty()) return;
  m.emplace(ascii_lower(key), std::move(value));
}

raw_meta collect(xmlDoc* doc) {
  raw_meta r;
  xmlNode* root = xmlDocGetRootElement(doc);
  if (root != nullptr) r.lang = attr(root, "lang");
  walk(root, [&](xmlNode* n) {
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
    if (nm == "h1" && r.h1.empty()) r.h1 = text_of(n);
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

bool same_text(std::string_view a, std::string_view b) {
  return ascii_lower(a) == ascii_lower(b);
}

// "Headline | Site", "Site - Headline", "Headline :: Site": drop the site part.
std::string strip_site(const std::string& title, const std::string& site, const std::string& h1) {
  static const char* seps[] = {" | ", " - ", " – ", " — ", " :: ", " · ", " » ", " « ", " / ", " :"};
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

  std::string title = headline;
  if (title.empty()) title = meta_of(r, {"og:title", "twitter:title", "dc.title", "headline"});
  if (title.empty()) title = r.h1;
  if (title.empty()) title = r.title_tag;
  m.title = strip_site(title, m.site_name, r.h1);

  if (!m.published_ms) {
    for (const std::string& s :
         {meta_of(r, {"article:published_time", "og:published_time", "og:article:published_time"}),
          r.itemprop_date,
          meta_of(r, {"datepublished", "publishdate", "publish-date", "pubdate", "publish_date",
                      "date", "dc.date.issued", "dc.date", "dcterms.date", "dcterms.created",
                      "dc.date.created", "sailthru.date", "parsely-pub-date", "article.published",
                      "article_date_original", "cxenseparse:recs:publishtime", "date_published",
                      "originalpublicationdate", "release_date", "created"}),
          r.time_pub, r.time_any}) {
      if (s.empty()) continue;
      if (auto v = parse_date(s)) {
        m.published_ms = v;
        break;
      }
    }
  }
  if (!m.published_ms) m.published_ms = date_from_url(page_url);

  if (m.authors.empty()) {
    std::string a = meta_of(r, {"author", "article:author", "dc.creator", "parsely-author",
                                "sailthru.author", "byl"});
    if (a.starts_with("By ") || a.starts_with("by ")) a = a.substr(3);
    if (!a.empty()) m.authors.push_back(a);
  }
  if (m.authors.empty()) m.authors = r.itemprop_authors;
  if (m.authors.empty()) m.authors = r.rel_authors;
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
