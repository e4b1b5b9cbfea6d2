#include "common/json_writer.h"
#include "common/time_util.h"
#include "connectors/feeds/parse.h"

namespace newsd::feeds {
namespace {

void write_date(json_writer& w, const char* key, const std::optional<int64_t>& ms) {
  if (ms) w.field(key, format_rfc3339(*ms));
}

void write_authors(json_writer& w, const std::vector<person>& authors) {
  if (authors.empty()) return;
  w.key("authors").begin_array();
  for (const auto& p : authors) {
    w.begin_object();
    w.field_if("name", p.name).field_if("email", p.email).field_if("uri", p.uri);
    w.end_object();
  }
  w.end_array();
}

}  // namespace

std::string to_json(const document& doc) {
  std::string out;
  json_writer w(out);
  w.begin_object();
  w.field_if("format", doc.format);
  w.key("bozo").value(doc.bozo);
  if (doc.bozo) w.field_if("bozo_reason", doc.bozo_reason);
  w.field_if("encoding", doc.encoding);
  const feed_meta& f = doc.feed;
  w.key("feed").begin_object();
  w.field_if("title", f.title).field_if("link", f.link).field_if("subtitle", f.subtitle);
  w.field_if("language", f.language);
  write_date(w, "updated", f.updated_ms);
  w.field_if("id", f.id);
  write_authors(w, f.authors);
  w.end_object();
  w.key("entries").begin_array();
  for (const auto& e : doc.entries) {
    w.begin_object();
    w.field_if("id", e.id).field_if("title", e.title).field_if("link", e.link);
    write_date(w, "published", e.published_ms);
    write_date(w, "updated", e.updated_ms);
    w.field_if("summary", e.summary).field_if("content", e.content);
    write_authors(w, e.authors);
    if (!e.categories.empty()) {
      w.key("categories").begin_array();
      for (const auto& c : e.categories) w.value(c);
      w.end_array();
    }
    if (!e.enclosures.empty()) {
      w.key("enclosures").begin_array();
      for (const auto& x : e.enclosures) {
        w.begin_object().field_if("url", x.url).field_if("type", x.type);
        if (x.length) w.key("length").value(*x.length);
        w.end_object();
      }
      w.end_array();
    }
    w.end_object();
  }
  w.end_array();
  w.end_object();
  return out;
}

}  // namespace newsd::feeds
