#pragma once
// HTML sanitising for summary/content: the feed's markup is kept, but scripts,
// plugins, frames, metadata elements, event handlers and script URLs go.
#include <libxml/tree.h>

#include <string>
#include <string_view>

namespace newsd::feeds {

// Parses `html` with libxml2's HTML parser and re-serialises it safely;
// relative href/src are resolved against `base` when it is set.
std::string sanitize_html(std::string_view html, std::string_view base);

// Serialises the children of an (X)HTML or XML element safely (Atom xhtml
// content, inline markup in RSS), using local names.
void sanitize_children(const xmlNode* parent, std::string_view base, std::string& out);

// Appends s with &, <, > (and " when attr) escaped.
void escape_html(std::string& out, std::string_view s, bool attr);

}  // namespace newsd::feeds
