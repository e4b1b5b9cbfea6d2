#pragma once
// Test helper: the metadata of an HTML string, parsed as the extractor parses pages.
#include <libxml/HTMLparser.h>

#include <string>

#include "connectors/extract/metadata.h"

namespace newsd::extract::detail {

inline metadata metadata_of(const std::string& html, const std::string& url) {
  htmlDocPtr doc = htmlReadMemory(
      html.data(), static_cast<int>(html.size()), nullptr, "UTF-8",
      HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
  metadata m = read_metadata(doc, url);
  xmlFreeDoc(doc);
  return m;
}

}  // namespace newsd::extract::detail
