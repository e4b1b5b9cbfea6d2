#include "daemon/model/article.h"

#include <simdjson.h>

#include "common/hash.h"
#include "common/json_writer.h"
#include "common/time_util.h"

namespace newsd::model {

const char* dedup_status_name(dedup_status s) {
  switch (s) {
    case dedup_status::unique: return "unique";
    case dedup_status::exact_duplicate: return "exact_duplicate";
    case dedup_status::near_duplicate: return "near_duplicate";
  }
  return "unique";
}

result<article> parse_input_article(std::string_view json_line) {
  // One parser per thread: simdjson parsers are reusable but not thread-safe.
  thread_local simdjson::ondemand::parser parser;
  simdjson::padded_string padded(json_line);
  simdjson::ondemand::document doc;
  if (auto err = parser.iterate(padded).get(doc)) {
    return make_error(errc::invalid_input, std::string("invalid JSON: ") + simdjson::error_message(err));
  }
  simdjson::ondemand::object obj;
  if (doc.get_object().get(obj) != simdjson::SUCCESS) {
    return make_error(errc::invalid_input, "invalid JSON: the line is not a JSON object");
  }
  article a;
  bool has_text = false, has_html = false;
  std::string published;
  for (auto field : obj) {
    std::string_view key;
    if (auto err = field.unescaped_key().get(key)) {
      return make_error(errc::invalid_input, std::string("invalid JSON: ") + simdjson::error_message(err));
    }
    auto val = field.value();
    simdjson::ondemand::json_type type;
    if (auto err = val.type().get(type)) {
      return make_error(errc::invalid_input, std::string("invalid JSON: ") + simdjson::error_message(err));
    }
    std::string* target = nullptr;
    if (key == "id") target = &a.id;
    else if (key == "url") target = &a.url;
    else if (key == "source") target = &a.source;
    else if (key == "title") target = &a.title;
    else if (key == "text") { target = &a.text; has_text = true; }
    else if (key == "html") { target = &a.html; has_html = true; }
    else if (key == "published_at") target = &published;
    else if (key == "language") target = &a.language;
    if (target == nullptr) continue;  // unknown fields are ignored (contract section 2)
    if (type == simdjson::ondemand::json_type::null) {
      if (key == "text") has_text = false;
      if (key == "html") has_html = false;
      continue;
    }
    if (type != simdjson::ondemand::json_type::string) {
      return make_error(errc::invalid_input, "field \"" + std::string(key) + "\" must be a string");
    }
    std::string_view sv;
    if (auto err = val.get_string().get(sv)) {
      return make_error(errc::invalid_input, std::string("invalid JSON: ") + simdjson::error_message(err));
    }
    target->assign(sv);
  }
  if (!has_text && !has_html) {
    return make_error(errc::invalid_input, "the article has neither \"text\" nor \"html\"");
  }
  if (!published.empty()) {
    auto ms = parse_rfc3339(published);
    if (!ms) {
      return make_error(errc::invalid_input,
                        "field \"published_at\" is not an RFC 3339 date: \"" + published + "\"");
    }
    a.published_at_ms = *ms;
  }
  return a;
}

void assign_id(article& a) {
  if (!a.id.empty()) return;
  if (!a.canonical_url.empty()) {
    a.id = hash_hex128("url:" + a.canonical_url);
  } else if (!a.url.empty()) {
    a.id = hash_hex128("url:" + a.url);
  } else {
    a.id = hash_hex128("text:" + a.title + "\n" + a.text);
  }
}

std::string to_json(const record& r) {
  const article& a = r.art;
  std::string out;
  out.reserve(a.text.size() + a.title.size() + 512);
  json_writer w(out);
  w.begin_object();
  w.key("schema_version").value(1);
  w.field("id", a.id);
  w.field_if("url", a.url);
  w.field_if("canonical_url", a.canonical_url);
  w.field_if("source", a.source);
  if (a.feed) {
    w.key("feed").begin_object().field("id", a.feed->id).field("url", a.feed->url).end_object();
  }
  w.field_if("title", a.title);
  w.field("text", a.text);
  w.field_if("language", a.language);
  if (a.published_at_ms) w.field("published_at", format_rfc3339(*a.published_at_ms));
  if (a.fetched_at_ms) w.field("fetched_at", format_rfc3339(*a.fetched_at_ms));
  if (!a.authors.empty()) {
    w.key("authors").begin_array();
    for (const auto& au : a.authors) w.value(au);
    w.end_array();
  }
  w.field_if("site_name", a.site_name);
  w.field_if("extraction", a.extraction);
  w.key("dedup").begin_object();
  w.field("status", dedup_status_name(r.dedup.status));
  if (r.dedup.status != dedup_status::unique) {
    w.field("duplicate_of", r.dedup.duplicate_of);
    w.key("similarity").value(r.dedup.similarity);
  }
  w.end_object();
  w.key("entities").begin_array();
  for (const auto& e : r.entities) {
    w.begin_object();
    w.field("id", e.id).field("name", e.name).field("type", e.type);
    w.field_if("wikidata", e.wikidata);
    w.key("count").value(static_cast<uint64_t>(e.mentions.size()));
    w.key("mentions").begin_array();
    for (const auto& m : e.mentions) {
      w.begin_object();
      w.key("start").value(static_cast<uint64_t>(m.start));
      w.key("end").value(static_cast<uint64_t>(m.end));
      w.field("text", m.text);
      w.end_object();
    }
    w.end_array();
    w.end_object();
  }
  w.end_array();
  w.end_object();
  return out;
}

std::string deadletter_json(std::string_view error, std::string_view stage, std::string_view feed_id,
                            std::string_view url, std::string_view raw) {
  std::string out;
  json_writer w(out);
  w.begin_object()
      .field("error", error)
      .field("stage", stage)
      .field("feed", feed_id)
      .field("url", url)
      .field("raw", raw)
      .end_object();
  return out;
}

std::string input_error_json(std::string_view error, uint64_t line) {
  std::string out;
  json_writer w(out);
  w.begin_object().field("error", error).key("line").value(line).end_object();
  return out;
}

}  // namespace newsd::model
