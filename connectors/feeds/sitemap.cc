// Sitemaps (sitemaps.org 0.9), sitemap indexes and Google News sitemaps.
#include <string>

#include "connectors/feeds/dates.h"
#include "connectors/feeds/urls.h"
#include "connectors/feeds/xml_feeds.h"

namespace newsd::feeds {
namespace {

constexpr std::string_view kNews = "http://www.google.com/schemas/sitemap-news/0.9";

void read_news(const xmlNode* news, entry& e, feed_meta& f) {
  for (const xmlNode* c = news->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    std::string_view ln = local_name(c);
    std::string v = trimmed(text_content(c));
    if (ln == "title") {
      e.title = v;
    } else if (ln == "publication_date") {
      e.published_ms = parse_date(v);
    } else if (ln == "keywords") {
      size_t start = 0;
      while (start <= v.size()) {
        size_t end = v.find(',', start);
        if (end == std::string::npos) end = v.size();
        std::string k = trimmed(std::string_view(v).substr(start, end - start));
        if (!k.empty()) e.categories.push_back(k);
        start = end + 1;
      }
    } else if (ln == "publication") {
      for (const xmlNode* p = c->children; p; p = p->next) {
        if (p->type != XML_ELEMENT_NODE) continue;
        std::string pv = trimmed(text_content(p));
        if (local_name(p) == "name" && f.title.empty()) f.title = pv;
        if (local_name(p) == "language" && f.language.empty()) f.language = pv;
      }
    }
  }
}

}  // namespace

bool read_sitemap(const xmlDoc* doc, document& out) {
  const xmlNode* root = xmlDocGetRootElement(const_cast<xmlDoc*>(doc));
  std::string_view rn = local_name(root);
  if (rn != "urlset" && rn != "sitemapindex") return false;
  std::string_view item_name = rn == "urlset" ? "url" : "sitemap";
  out.format = "sitemap";
  for (const xmlNode* u = root->children; u; u = u->next) {
    if (u->type != XML_ELEMENT_NODE || local_name(u) != item_name) continue;
    entry e;
    for (const xmlNode* c = u->children; c; c = c->next) {
      if (c->type != XML_ELEMENT_NODE) continue;
      std::string_view ln = local_name(c);
      if (ns_uri(c) == kNews && ln == "news") {
        out.format = "newssitemap";
        read_news(c, e, out.feed);
      } else if (ln == "loc" && e.link.empty()) {
        e.link = resolve_link(node_base(c), trimmed(text_content(c)));
      } else if (ln == "lastmod") {
        e.updated_ms = parse_date(trimmed(text_content(c)));
      }
    }
    if (e.link.empty()) continue;
    e.id = e.link;
    out.entries.push_back(std::move(e));
  }
  return true;
}

}  // namespace newsd::feeds
