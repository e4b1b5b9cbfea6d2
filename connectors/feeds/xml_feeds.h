#pragma once
// Internal entry points of the per-format parsers (see parse.cc).
#include <string>
#include <string_view>

#include "common/result.h"
#include "connectors/feeds/feed_model.h"
#include "connectors/feeds/xml_doc.h"

namespace newsd::feeds {

// RSS 0.9x/1.0/2.0 and Atom 0.3/1.0 from a parsed tree; false when the root is none of them.
// Sets doc->URL to the feed's home page link when the document has no URL.
bool read_rss_atom(xmlDoc* doc, document& out);
// Sitemaps, sitemap indexes and Google News sitemaps; false when the root is none of them.
bool read_sitemap(const xmlDoc* doc, document& out);
// JSON Feed 1.0/1.1.
status read_json_feed(std::string_view utf8, const std::string& base_url, document& out);

// Shared field helpers (xml_text.cc).
enum class text_kind { text, html, xhtml };
// An Atom/RSS text construct as sanitised HTML or plain text.
std::string read_text_construct(const xmlNode* n, text_kind default_kind);
// "Name (email)", "email (Name)", "Name <email>" or a bare name/email.
person parse_person_string(std::string_view s);
// Atom 0.3/1.0 person construct.
person read_atom_person(const xmlNode* n);

}  // namespace newsd::feeds
