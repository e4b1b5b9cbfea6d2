#include "connectors/feeds/parse.h"

#include "common/hash.h"
#include "connectors/feeds/encoding.h"
#include "connectors/feeds/xml_feeds.h"

namespace newsd::feeds {
namespace {

// Far beyond any real feed; keeps a hostile body from pinning a worker.
constexpr size_t kMaxBody = 64u << 20;

void flag(document& doc, const std::string& reason) {
  if (!doc.bozo) doc.bozo_reason = reason;
  doc.bozo = true;
}

// The feed's own URL is never an item's page: following it would fetch the
// feed again and publish its raw markup as an article.
void drop_self_links(document& doc, const std::string& url) {
  if (url.empty()) return;
  for (entry& e : doc.entries)
    if (e.link == url) e.link.clear();
}

}  // namespace

result<document> parse(std::string_view body, const parse_options& opts) {
  if (body.size() > kMaxBody) return make_error(errc::too_large, "feed document over 64 MiB");
  document doc;
  decoded_text text = decode_document(body, opts.content_type);
  doc.encoding = text.encoding;
  if (text.bozo) flag(doc, text.reason);

  size_t first = text.utf8.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return make_error(errc::invalid_input, "empty document");
  if (text.utf8[first] == '{') {
    if (auto st = read_json_feed(text.utf8, opts.base_url, doc); !st) return st.err();
    drop_self_links(doc, opts.base_url);
    return doc;
  }
  auto xml = parse_xml(text.utf8, opts.base_url);
  if (!xml) return xml.err();
  if (xml->bozo) flag(doc, xml->reason);
  if (!read_rss_atom(xml->doc.get(), doc) && !read_sitemap(xml->doc.get(), doc))
    return make_error(errc::invalid_input, "not a feed: unknown root element");
  if (doc.format != "sitemap" && doc.format != "newssitemap") drop_self_links(doc, opts.base_url);
  return doc;
}

std::string item_key(const entry& e) {
  if (!e.id.empty()) return e.id;
  if (!e.link.empty()) return e.link;
  std::string basis = e.title;
  basis += '\n';
  if (auto d = e.published_ms ? e.published_ms : e.updated_ms) basis += std::to_string(*d);
  basis += '\n';
  if (e.title.empty()) basis += e.summary.empty() ? e.content : e.summary;
  return "h:" + hash_hex128(basis);
}

}  // namespace newsd::feeds
