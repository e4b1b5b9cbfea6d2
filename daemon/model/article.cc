#include "daemon/model/article.h"

#include <simdjson.h>

#include "common/hash.h"
#include "common/json_writer.h"
#include "common/time_util.h"

namespace newsd::model {

namespace {

// The ISO 639-1 codes: the contract's input language field (interfaces.md section 2).
constexpr std::string_view kIso6391 =
    "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy "
    "da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu "
    "hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb "
    "lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om "
    "or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw "
    "ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu";

// "en", "EN", and a BCP 47 tag whose language is a two-letter code ("en-US", "pt_BR")
// give the lower-case code; anything else gives "".
std::string iso639_1(std::string_view v) {
  if (v.size() != 2 && (v.size() < 4 || (v[2] != '-' && v[2] != '_'))) return "";
  std::string code;
  for (char c : v.substr(0, 2)) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c < 'a' || c > 'z') return "";
    code += c;
  }
  for (size_t i = 0; i + 2 <= kIso6391.size(); i += 3) {
    if (kIso6391.substr(i, 2) == code) return code;
  }
  return "";
}

// Unicode white space as UTF-8 (ASCII, NBSP, U+2000-U+200B, U+3000, ...): a text of only
// these is no text.
bool only_white_space(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == ' ' || (c >= '\t' && c <= '\r')) {
      ++i;
    } else if (s.compare(i, 2, "\xC2\xA0") == 0 || s.compare(i, 2, "\xC2\x85") == 0) {
      i += 2;
    } else if (c == 0xE2 && i + 2 < s.size() &&
               ((s[i + 1] == '\x80' && (static_cast<unsigned char>(s[i + 2]) <= 0x8B ||
                                        s[i + 2] == '\xA8' || s[i + 2] == '\xA9' ||
                                        s[i + 2] == '\xAF')) ||
                (s[i + 1] == '\x81' && s[i + 2] == '\x9F'))) {
      i += 3;
    } else if (s.compare(i, 3, "\xE3\x80\x80") == 0 || s.compare(i, 3, "\xEF\xBB\xBF") == 0) {
      i += 3;
    } else {
      return false;
    }
  }
  return true;
}

}  // namespace

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
  // A UTF-8 byte order mark (files saved by Windows editors) is not part of the JSON.
  if (json_line.substr(0, 3) == "\xEF\xBB\xBF") json_line.remove_prefix(3);
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
  // Every bad field is named, not only the first: one round trip fixes the line.
  std::vector<std::string> problems;
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
      problems.push_back("field \"" + std::string(key) + "\" must be a string");
      if (key == "text") has_text = false;
      if (key == "html") has_html = false;
      continue;
    }
    std::string_view sv;
    if (auto err = val.get_string().get(sv)) {
      return make_error(errc::invalid_input, std::string("invalid JSON: ") + simdjson::error_message(err));
    }
    target->assign(sv);
  }
  if (!has_text && !has_html && problems.empty()) {
    problems.push_back("the article has neither \"text\" nor \"html\"");
  }
  if (!published.empty()) {
    if (auto ms = parse_rfc3339(published)) {
      a.published_at_ms = *ms;
    } else {
      problems.push_back("field \"published_at\" is not an RFC 3339 date: \"" + published + "\"");
    }
  }
  // The contract says ISO 639-1; a name such as "english" would reach the tagger and the
  // records as is, so it is refused rather than silently replaced by detection.
  if (!a.language.empty()) {
    std::string code = iso639_1(a.language);
    if (code.empty()) {
      problems.push_back("field \"language\" must be an ISO 639-1 code such as \"en\" or \"ar\"; got \"" +
                         a.language + "\"");
    }
    a.language = code;
  }
  if (!problems.empty()) {
    std::string msg = problems[0];
    for (size_t i = 1; i < problems.size(); ++i) msg += "; " + problems[i];
    return make_error(errc::invalid_input, msg);
  }
  if (only_white_space(a.text)) a.text.clear();  // then "no text", as for ""
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
