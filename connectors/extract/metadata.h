#pragma once
// Page metadata: title, authors, publication date, canonical URL, site name,
// from JSON-LD, OpenGraph / meta tags, microdata, <time> and the URL.
#include <libxml/tree.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace newsd::extract::detail {

struct metadata {
  std::string title, site_name, canonical_url, html_lang;
  std::string article_body;  // JSON-LD articleBody, a fallback for the main text
  std::string description;   // og:description / meta description: often the visible lead
  std::vector<std::string> authors;
  std::optional<int64_t> published_ms;
  int published_offset_min = 0;        // the UTC offset the page stated with it
  std::vector<int64_t> modified_days;  // local calendar days (ms) of stated modification dates
};

metadata read_metadata(xmlDoc* doc, const std::string& page_url);

// JSON-LD part (jsonld.cc): fills what is still empty in m from the scripts' text.
void read_jsonld(const std::vector<std::string>& scripts, metadata& m, std::string& headline);

// Resolves href against base (absolute, scheme-relative, root-relative, relative).
std::string resolve_url(const std::string& base, const std::string& href);

}  // namespace newsd::extract::detail
