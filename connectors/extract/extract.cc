#include "connectors/extract/extract.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>

#include <cstdio>
#include <cstdlib>
#include <memory>

#include "common/json_writer.h"
#include "common/time_util.h"
#include "connectors/extract/charset.h"
#include "connectors/extract/content.h"
#include "connectors/extract/date_parse.h"
#include "connectors/extract/dom.h"
#include "connectors/extract/metadata.h"

namespace newsd::extract {
namespace {

// A dateline left above the article ("بغداد - الجمعة ١٩ أيار ٢٠٢٣ | ٠٩:١٥", "Published 6
// September 2023"): a short first line holding a date and no sentence.
bool dateline(std::string_view l) {
  return detail::words_in(l) <= 8 && !l.ends_with('.') && detail::find_text_date(l).has_value();
}

// True when an <h2>-<h6>, and no <h1>, spells the title: the page styles its headline as a
// lower heading, which the text then repeats. (Dev-set annotators keep a headline repeated in
// the body under an <h1> that already shows it, or as <strong>/<p>.)
bool headline_heading(xmlDoc* doc, const std::string& title) {
  bool lower = false, h1 = false;
  detail::walk(xmlDocGetRootElement(doc), [&](xmlNode* n) {
    std::string_view t = detail::name_of(n);
    if (t.size() == 2 && t[0] == 'h' && t[1] >= '1' && t[1] <= '6') {
      // text_of's text is already white-space collapsed.
      if (detail::text_of(n) == title) (t[1] == '1' ? h1 : lower) = true;
      return false;
    }
    return !h1;
  });
  return lower && !h1;
}

struct doc_deleter {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};

// libxml2 reports through a global handler by default; recovery messages are noise here.
void silent(void*, const char*, ...) {}

// JSON-LD articleBody as paragraphs (some CMSes put the whole body there).
std::string body_from_jsonld(const std::string& s) {
  if (s.find('<') != std::string::npos) return {};
  std::string out, line;
  for (char c : s + "\n") {
    if (c == '\n') {
      std::string l = detail::collapse_ws(line);
      line.clear();
      if (l.empty()) continue;
      if (!out.empty()) out.push_back('\n');
      out += l;
    } else {
      line.push_back(c);
    }
  }
  return out;
}

}  // namespace

result<page> extract(std::string_view html, const options& opts) {
  if (html.size() > opts.max_bytes) {
    return make_error(errc::too_large, "page is " + std::to_string(html.size()) +
                                           " bytes, above the " + std::to_string(opts.max_bytes) +
                                           "-byte limit");
  }
  page p;
  p.url = opts.url;
  detail::decoded dec = detail::decode_to_utf8(html, opts.content_type);
  p.charset = dec.charset;
  if (dec.text.find_first_not_of(" \t\r\n") == std::string::npos)
    return make_error(errc::invalid_input, "the page is empty");

  xmlSetGenericErrorFunc(nullptr, silent);
  // RECOVER: real pages are broken; NONET: never fetch a DTD; IGNORE_ENC: the text is
  // already UTF-8, whatever <meta charset> claims.
  int flags = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
              HTML_PARSE_COMPACT | HTML_PARSE_NOBLANKS | HTML_PARSE_IGNORE_ENC | XML_PARSE_HUGE;
  std::unique_ptr<xmlDoc, doc_deleter> doc(
      htmlReadMemory(dec.text.data(), static_cast<int>(dec.text.size()),
                     opts.url.empty() ? nullptr : opts.url.c_str(), "UTF-8", flags));
  if (!doc || xmlDocGetRootElement(doc.get()) == nullptr)
    return make_error(errc::invalid_input, "the page could not be parsed as HTML");

  detail::metadata m = detail::read_metadata(doc.get(), opts.url);
  p.title = m.title;
  p.site_name = m.site_name;
  p.canonical_url = m.canonical_url;
  p.authors = m.authors;
  p.published_ms = m.published_ms;
  p.published_offset_min = m.published_offset_min;

  // Before extraction, which unlinks chrome (headers holding the <h1>) from the tree.
  bool lower_headline = !m.title.empty() && headline_heading(doc.get(), m.title);
  p.text = detail::extract_main_text(doc.get(), m.description);
  // The headline as the first line: pages styling it as <h2>/<div> (only <h1> is dropped as
  // a heading) put it inside the article container.
  if (!p.title.empty() && p.text.starts_with(p.title) && p.text.size() > p.title.size() &&
      p.text[p.title.size()] == '\n' && lower_headline)
    p.text.erase(0, p.title.size() + 1);
  size_t nl = p.text.find('\n');
  if (nl != std::string::npos && dateline(std::string_view(p.text).substr(0, nl)))
    p.text.erase(0, nl + 1);
  std::string ld_body = body_from_jsonld(m.article_body);
  if (detail::utf8_len(ld_body) > 2 * detail::utf8_len(p.text) + 100) p.text = std::move(ld_body);

  std::string hint = opts.language_hint.empty() ? m.html_lang : opts.language_hint;
  p.language = detect_language(p.title + "\n" + p.text, hint);
  return p;
}

std::string to_json(const page& p) {
  std::string out;
  json_writer w(out);
  w.begin_object();
  w.field("url", p.url);
  w.field("canonical_url", p.canonical_url);
  w.field("title", p.title);
  w.field("text", p.text);
  w.key("authors").begin_array();
  for (const auto& a : p.authors) w.value(a);
  w.end_array();
  w.key("published_at");
  if (p.published_ms) {
    int off = p.published_offset_min;
    std::string t = format_rfc3339(*p.published_ms + off * 60000LL);
    if (off != 0 && off > -24 * 60 && off < 24 * 60 && t.ends_with('Z')) {
      char zone[8];
      std::snprintf(zone, sizeof zone, "%c%02d:%02d", off < 0 ? '-' : '+', std::abs(off) / 60,
                    std::abs(off) % 60);
      t.pop_back();
      t += zone;
    }
    w.value(t);
  } else {
    w.null();
  }
  w.field("language", p.language);
  w.field("site_name", p.site_name);
  w.end_object();
  return out;
}

}  // namespace newsd::extract
