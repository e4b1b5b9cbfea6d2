// RSS 0.9x/1.0/2.0 and Atom 0.3/1.0 onto the feed model. Elements are matched
// by local name within the "core" namespaces (none, RSS 0.90/1.0, the RSS 2.0
// namespaces, Atom 0.3/1.0), as feedparser does, so mixed feeds work.
#include <algorithm>
#include <cctype>
#include <cstring>
#include <string>

#include "connectors/feeds/dates.h"
#include "connectors/feeds/urls.h"
#include "connectors/feeds/xml_feeds.h"

namespace newsd::feeds {
namespace {

constexpr std::string_view kAtom10 = "http://www.w3.org/2005/Atom";
constexpr std::string_view kAtom03 = "http://purl.org/atom/ns#";
constexpr std::string_view kRss090 = "http://my.netscape.com/rdf/simple/0.9/";
constexpr std::string_view kRss10 = "http://purl.org/rss/1.0/";
constexpr std::string_view kDc = "http://purl.org/dc/elements/1.1/";
constexpr std::string_view kDcTerms = "http://purl.org/dc/terms/";
constexpr std::string_view kContent = "http://purl.org/rss/1.0/modules/content/";
constexpr std::string_view kSy = "http://purl.org/rss/1.0/modules/syndication/";
constexpr std::string_view kXhtml = "http://www.w3.org/1999/xhtml";

enum class ns { core, dc, dcterms, content, sy, xhtml, other };

ns classify(const xmlNode* n) {
  std::string_view u = ns_uri(n);
  if (u.empty() || u == kAtom10 || u == kAtom03 || u == kRss090 || u == kRss10 ||
      u == "http://backend.userland.com/rss2" || u == "http://backend.userland.com/rss" ||
      u == "http://blogs.law.harvard.edu/tech/rss" || u == "http://purl.org/net/rss1.1#" ||
      u == "http://purl.org/pie/" || u == "http://purl.org/echo/")
    return ns::core;
  if (u == kDc) return ns::dc;
  if (u == kDcTerms) return ns::dcterms;
  if (u == kContent) return ns::content;
  if (u == kSy) return ns::sy;
  if (u == kXhtml) return ns::xhtml;
  // An unknown default namespace ("rss2.1", typos) still holds the core elements.
  return n->ns->prefix == nullptr ? ns::core : ns::other;
}

std::string lang_of(const xmlNode* n) {
  xmlChar* l = xmlNodeGetLang(n);
  if (l == nullptr) return "";
  std::string out(reinterpret_cast<const char*>(l));
  xmlFree(l);
  return trimmed(out);
}

void set_if_empty(std::string& dst, std::string v) {
  if (dst.empty()) dst = std::move(v);
}

// The last date element wins, as in feedparser (issued then published, repeated updated).
void set_date(std::optional<int64_t>& dst, const xmlNode* n) {
  if (auto v = parse_date(text_content(n))) dst = v;
}

// Links resolve against xml:base / the document URL; an empty one stays absent.
std::string url_of(const xmlNode* n, std::string_view v) {
  return resolve_link(node_base(n), trimmed(v));
}

// An Atom <link href>, or RSS <link>text</link>. Returns the rel ("" for RSS).
std::string link_rel(const xmlNode* n) {
  std::string rel = trimmed(attr(n, "rel"));
  if (!has_attr(n, "href") && rel.empty()) return "";
  return rel.empty() ? "alternate" : rel;
}

// Atom 0.3 links sometimes carry the URL as text instead of href.
std::string link_href(const xmlNode* n) {
  return has_attr(n, "href") ? attr(n, "href") : text_content(n);
}

void add_categories(const xmlNode* n, std::vector<std::string>& cats) {
  std::string v = trimmed(has_attr(n, "term") ? attr(n, "term") : text_content(n));
  if (!v.empty()) cats.push_back(v);
}

void read_entry(const xmlNode* item, entry& e) {
  std::string guid_link;
  bool dc_date = false;
  for (const xmlNode* c = item->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    ns k = classify(c);
    std::string_view ln = local_name(c);
    if (k == ns::core) {
      if (ln == "title") {
        set_if_empty(e.title, read_text_construct(c, text_kind::text));
      } else if (ln == "link") {
        std::string rel = link_rel(c);
        if (rel.empty()) {
          set_if_empty(e.link, url_of(c, text_content(c)));
        } else if (rel == "alternate") {
          set_if_empty(e.link, url_of(c, link_href(c)));
        } else if (rel == "enclosure" && has_attr(c, "href")) {
          enclosure enc{url_of(c, attr(c, "href")), trimmed(attr(c, "type")), std::nullopt};
          std::string len = trimmed(attr(c, "length"));
          if (!len.empty() && len.find_first_not_of("0123456789") == std::string::npos && len.size() < 18)
            enc.length = std::stoll(len);
          if (!enc.url.empty()) e.enclosures.push_back(std::move(enc));
        }
      } else if (ln == "guid" || ln == "id") {
        if (e.id.empty()) {
          // Ids are opaque strings: never resolved. A guid is a link only when it
          // says so and is a URL already (a relative "guid" is just a name).
          e.id = trimmed(text_content(c));
          if (ln == "guid" && trimmed(attr(c, "isPermaLink")) != "false" && is_http_url(e.id))
            guid_link = e.id;
        }
      } else if (ln == "description" || ln == "summary" || ln == "abstract") {
        set_if_empty(e.summary, read_text_construct(c, ln == "description" ? text_kind::html
                                                                            : text_kind::text));
      } else if (ln == "content" || ln == "fullitem" || ln == "body") {
        set_if_empty(e.content, read_text_construct(c, ln == "content" ? text_kind::text
                                                                        : text_kind::html));
      } else if (ln == "pubDate" || ln == "issued" || ln == "published") {
        set_date(e.published_ms, c);
      } else if (ln == "updated" || ln == "modified") {
        set_date(e.updated_ms, c);
      } else if (ln == "author") {
        person p = has_element_children(c) ? read_atom_person(c) : parse_person_string(text_content(c));
        if (!p.name.empty() || !p.email.empty() || !p.uri.empty()) e.authors.push_back(p);
      } else if (ln == "category") {
        add_categories(c, e.categories);
      } else if (ln == "tags" || ln == "keywords") {
        std::string v = text_content(c);
        for (size_t start = 0; start <= v.size();) {
          size_t end = std::min(v.find(',', start), v.size());
          std::string t = trimmed(std::string_view(v).substr(start, end - start));
          if (!t.empty()) e.categories.push_back(t);
          start = end + 1;
        }
      } else if (ln == "enclosure") {
        enclosure enc{url_of(c, attr(c, "url")), trimmed(attr(c, "type")), std::nullopt};
        std::string len = trimmed(attr(c, "length"));
        if (!len.empty() && len.find_first_not_of("0123456789") == std::string::npos && len.size() < 18)
          enc.length = std::stoll(len);
        if (!enc.url.empty()) e.enclosures.push_back(std::move(enc));
      }
    } else if (k == ns::dc || k == ns::dcterms) {
      if (ln == "title") set_if_empty(e.title, read_text_construct(c, text_kind::text));
      else if (ln == "description" || ln == "abstract")
        set_if_empty(e.summary, read_text_construct(c, text_kind::html));
      else if (ln == "date" && k == ns::dc) dc_date = true, set_date(e.updated_ms, c);
      else if (ln == "modified") set_date(e.updated_ms, c);
      else if (ln == "issued" || ln == "created") set_date(e.published_ms, c);
      else if (ln == "creator" || ln == "author") {
        person p = parse_person_string(text_content(c));
        if (!p.name.empty() || !p.email.empty()) e.authors.push_back(p);
      } else if (ln == "subject") add_categories(c, e.categories);
      else if (ln == "identifier") set_if_empty(e.id, trimmed(text_content(c)));
    } else if (k == ns::content && ln == "encoded") {
      set_if_empty(e.content, read_text_construct(c, text_kind::html));
    } else if (k == ns::xhtml && ln == "body") {
      set_if_empty(e.content, read_text_construct(c, text_kind::xhtml));
    }
  }
  if (e.link.empty()) e.link = guid_link;
  // dc:date usually means the publication date when nothing else says so.
  if (dc_date && !e.published_ms) e.published_ms = e.updated_ms;
  if (e.link.empty()) {
    std::string about;
    for (const xmlAttr* a = item->properties; a; a = a->next)
      if (std::strcmp(reinterpret_cast<const char*>(a->name), "about") == 0 && a->children &&
          a->children->content)
        about = reinterpret_cast<const char*>(a->children->content);
    if (!about.empty()) e.link = url_of(item, about);
  }
}

void read_channel(const xmlNode* ch, feed_meta& f) {
  int64_t period_ms = 0, frequency = 1;
  for (const xmlNode* c = ch->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    ns k = classify(c);
    std::string_view ln = local_name(c);
    if (k == ns::core) {
      if (ln == "title") set_if_empty(f.title, read_text_construct(c, text_kind::text));
      else if (ln == "link") {
        std::string rel = link_rel(c);
        if (rel.empty()) set_if_empty(f.link, url_of(c, text_content(c)));
        else if (rel == "alternate") set_if_empty(f.link, url_of(c, link_href(c)));
      } else if (ln == "description" || ln == "subtitle" || ln == "tagline")
        set_if_empty(f.subtitle, read_text_construct(c, ln == "description" ? text_kind::html
                                                                            : text_kind::text));
      else if (ln == "language") set_if_empty(f.language, trimmed(text_content(c)));
      else if (ln == "lastBuildDate" || ln == "updated" || ln == "modified") set_date(f.updated_ms, c);
      // The feed's own id is resolved as feedparser does (the conformance suite
      // checks it; nothing keys on it). Entry ids never are: see read_entry.
      else if (ln == "id") set_if_empty(f.id, url_of(c, text_content(c)));
      else if (ln == "author" || ln == "managingEditor") {
        person p = has_element_children(c) ? read_atom_person(c) : parse_person_string(text_content(c));
        if (!p.name.empty() || !p.email.empty() || !p.uri.empty()) f.authors.push_back(p);
      } else if (ln == "ttl") {
        std::string t = trimmed(text_content(c));
        if (!t.empty() && t.size() < 9 && t.find_first_not_of("0123456789") == std::string::npos)
          f.ttl_ms = std::stoll(t) * 60000;
      }
    } else if (k == ns::dc || k == ns::dcterms) {
      if (ln == "title") set_if_empty(f.title, read_text_construct(c, text_kind::text));
      else if (ln == "description") set_if_empty(f.subtitle, read_text_construct(c, text_kind::html));
      else if (ln == "language") set_if_empty(f.language, trimmed(text_content(c)));
      else if (ln == "date" || ln == "modified") set_date(f.updated_ms, c);
      else if (ln == "creator" || ln == "author") {
        person p = parse_person_string(text_content(c));
        if (!p.name.empty() || !p.email.empty()) f.authors.push_back(p);
      }
    } else if (k == ns::sy) {
      std::string t = trimmed(text_content(c));
      if (ln == "updatePeriod") {
        static const std::pair<const char*, int64_t> kPeriods[] = {
            {"hourly", 3600000}, {"daily", 86400000}, {"weekly", 7 * 86400000LL},
            {"monthly", 30 * 86400000LL}, {"yearly", 365 * 86400000LL}};
        for (const auto& [name, ms] : kPeriods)
          if (t == name) period_ms = ms;
      } else if (ln == "updateFrequency" && !t.empty() && t.size() < 6 &&
                 t.find_first_not_of("0123456789") == std::string::npos && std::stoll(t) > 0) {
        frequency = std::stoll(t);
      }
    }
  }
  if (period_ms > 0) f.update_period_ms = period_ms / frequency;
  if (f.language.empty()) f.language = lang_of(ch);
}

const xmlNode* child(const xmlNode* n, std::string_view name) {
  for (const xmlNode* c = n->children; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE && classify(c) == ns::core && local_name(c) == name) return c;
  return nullptr;
}

void read_items(const xmlNode* parent, std::string_view name, document& out) {
  for (const xmlNode* c = parent->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE || classify(c) != ns::core || local_name(c) != name) continue;
    out.entries.emplace_back();
    read_entry(c, out.entries.back());
  }
}

// Without a document URL, the feed's own absolute http(s) home page link is
// the best base for the items' relative links (xmlNodeGetBase ends at doc->URL).
void use_feed_link_as_base(xmlDoc* doc, const feed_meta& f) {
  if (doc->URL == nullptr && is_http_url(f.link))
    doc->URL = xmlStrdup(reinterpret_cast<const xmlChar*>(f.link.c_str()));
}

}  // namespace

bool read_rss_atom(xmlDoc* doc, document& out) {
  const xmlNode* root = xmlDocGetRootElement(doc);
  std::string_view rn = local_name(root), uri = ns_uri(root);
  if (rn == "feed" && classify(root) == ns::core) {
    std::string version = trimmed(attr(root, "version"));
    out.format = uri == kAtom03 || (uri != kAtom10 && !version.empty()) ? "atom03" : "atom10";
    read_channel(root, out.feed);
    use_feed_link_as_base(doc, out.feed);
    read_items(root, "entry", out);
    return true;
  }
  if (rn == "rss" || rn == "RDF" || rn == "channel") {
    const xmlNode* ch = rn == "channel" ? root : child(root, "channel");
    if (rn == "RDF") {
      bool rss090 = (ch && ns_uri(ch) == kRss090) || uri == kRss090;
      for (const xmlNs* d = root->nsDef; d && !rss090; d = d->next)
        rss090 = d->href && std::string_view(reinterpret_cast<const char*>(d->href)) == kRss090;
      for (const xmlNode* c = root->children; c && !rss090; c = c->next)
        if (c->type == XML_ELEMENT_NODE && ns_uri(c) == kRss090) rss090 = true;
      out.format = rss090 ? "rss09x" : "rss10";
    } else {
      std::string v = trimmed(attr(root, "version"));
      out.format = v.rfind("0.9", 0) == 0 ? "rss09x" : "rss20";
    }
    if (ch) {
      read_channel(ch, out.feed);
      use_feed_link_as_base(doc, out.feed);
      read_items(ch, "item", out);
    }
    if (out.feed.language.empty()) out.feed.language = lang_of(root);
    read_items(root, "item", out);
    return true;
  }
  return false;
}

}  // namespace newsd::feeds
