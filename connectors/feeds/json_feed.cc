// JSON Feed 1.0 / 1.1 (https://www.jsonfeed.org/version/1.1/).
#include <simdjson.h>

#include <string>

#include "connectors/feeds/dates.h"
#include "connectors/feeds/sanitize.h"
#include "connectors/feeds/urls.h"
#include "connectors/feeds/xml_feeds.h"

namespace newsd::feeds {
namespace {

std::string str(simdjson::dom::element obj, const char* key) {
  std::string_view v;
  if (obj[key].get_string().get(v) != simdjson::SUCCESS) return "";
  return trimmed(v);
}

void read_authors(simdjson::dom::element obj, const std::string& base, std::vector<person>& out) {
  auto add = [&](simdjson::dom::element a) {
    if (!a.is_object()) return;
    person p{str(a, "name"), "", str(a, "url")};
    if (!p.uri.empty()) p.uri = resolve_link(base, p.uri);
    if (p.uri.rfind("mailto:", 0) == 0) p.email = p.uri.substr(7), p.uri.clear();
    if (!p.name.empty() || !p.uri.empty() || !p.email.empty()) out.push_back(std::move(p));
  };
  simdjson::dom::array arr;
  if (obj["authors"].get_array().get(arr) == simdjson::SUCCESS) {
    for (auto a : arr) add(a);
  } else {
    simdjson::dom::element a;
    if (obj["author"].get(a) == simdjson::SUCCESS) add(a);
  }
}

}  // namespace

status read_json_feed(std::string_view utf8, const std::string& base_url, document& out) {
  simdjson::dom::parser parser;
  simdjson::padded_string padded(utf8);
  simdjson::dom::element root;
  if (parser.parse(padded).get(root) != simdjson::SUCCESS || !root.is_object())
    return make_error(errc::invalid_input, "not a JSON object");
  std::string version = str(root, "version");
  if (version.find("jsonfeed.org/version/") == std::string::npos)
    return make_error(errc::invalid_input, "not a JSON Feed (no jsonfeed.org version)");
  out.format = "jsonfeed";
  feed_meta& f = out.feed;
  f.title = str(root, "title");
  f.link = resolve_link(base_url, str(root, "home_page_url"));
  // Without a document URL, an absolute http(s) home page is the base for the
  // items' relative URLs; anything else leaves them as written.
  std::string base = base_url.empty() && is_http_url(f.link) ? f.link : base_url;
  f.subtitle = str(root, "description");
  f.language = str(root, "language");
  f.id = resolve_link(base_url, str(root, "feed_url"));
  read_authors(root, base, f.authors);
  simdjson::dom::array items;
  if (root["items"].get_array().get(items) != simdjson::SUCCESS) return ok_status();
  for (auto it : items) {
    if (!it.is_object()) continue;
    entry e;
    e.id = str(it, "id");
    if (e.id.empty()) {
      int64_t num;
      if (it["id"].get_int64().get(num) == simdjson::SUCCESS) e.id = std::to_string(num);
    }
    // No "url" means no page of the item's own: the link stays absent (an empty
    // reference would resolve to the feed itself). external_url and a URL-shaped
    // id are the only other sources, and only as absolute http(s) URLs.
    e.link = resolve_link(base, str(it, "url"));
    if (e.link.empty()) {
      std::string ext = resolve_link(base, str(it, "external_url"));
      if (is_http_url(ext)) e.link = std::move(ext);
      else if (is_http_url(e.id)) e.link = e.id;
    }
    e.title = str(it, "title");
    e.summary = str(it, "summary");
    std::string html = str(it, "content_html");
    e.content = html.empty() ? str(it, "content_text") : sanitize_html(html, e.link.empty() ? base : e.link);
    e.published_ms = parse_date(str(it, "date_published"));
    e.updated_ms = parse_date(str(it, "date_modified"));
    read_authors(it, base, e.authors);
    if (e.authors.empty()) e.authors = f.authors;
    simdjson::dom::array tags;
    if (it["tags"].get_array().get(tags) == simdjson::SUCCESS)
      for (auto t : tags) {
        std::string_view s;
        if (t.get_string().get(s) == simdjson::SUCCESS && !trimmed(s).empty())
          e.categories.push_back(trimmed(s));
      }
    simdjson::dom::array atts;
    if (it["attachments"].get_array().get(atts) == simdjson::SUCCESS)
      for (auto a : atts) {
        if (!a.is_object()) continue;
        enclosure enc{resolve_link(base, str(a, "url")), str(a, "mime_type"), std::nullopt};
        int64_t size;
        if (a["size_in_bytes"].get_int64().get(size) == simdjson::SUCCESS && size >= 0)
          enc.length = size;
        if (!enc.url.empty()) e.enclosures.push_back(std::move(enc));
      }
    out.entries.push_back(std::move(e));
  }
  return ok_status();
}

}  // namespace newsd::feeds
