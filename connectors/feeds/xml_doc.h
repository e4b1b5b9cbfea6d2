#pragma once
// libxml2 plumbing shared by the XML formats (RSS/Atom/RDF, sitemaps, OPML).
#include <libxml/tree.h>

#include <memory>
#include <string>
#include <string_view>

#include "common/result.h"

namespace newsd::feeds {

struct xml_doc_deleter {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
using xml_doc_ptr = std::unique_ptr<xmlDoc, xml_doc_deleter>;

struct parsed_xml {
  xml_doc_ptr doc;
  bool bozo = false;
  std::string reason;
};

// Parses UTF-8 XML in recover mode, without network, DTD loading or entity
// substitution. The DOCTYPE is removed first (keeping only its plain-text
// entities) and HTML named entities are turned into character references, so
// no entity can expand into more than its own short text.
result<parsed_xml> parse_xml(std::string_view utf8, const std::string& url);

// Local name, namespace URI ("" when none), attribute (no namespace) and text helpers.
std::string_view local_name(const xmlNode* n);
std::string_view ns_uri(const xmlNode* n);
std::string attr(const xmlNode* n, const char* name);
bool has_attr(const xmlNode* n, const char* name);
std::string text_content(const xmlNode* n);  // text and CDATA of the subtree
std::string trimmed(std::string_view s);
std::string node_base(const xmlNode* n);  // effective xml:base, document URL included
bool has_element_children(const xmlNode* n);

}  // namespace newsd::feeds
