#pragma once
// Headline choice (title.cc): JSON-LD headline, og:title, the <h1> and <title> checked
// against each other, with the site's name and section kickers taken off.
#include <libxml/tree.h>

#include <string>
#include <vector>

namespace newsd::extract::detail {

struct heading {
  std::string text;        // without kicker / screen-reader spans
  bool site = false;       // a logo heading: links to the home page or spells the host name
  bool chrome = false;     // an <h2> inside <nav>, a heading in a newsletter box
  bool truncated = false;  // more than 2,000 nodes or bytes: not read to the end
};

struct title_inputs {
  std::string headline, og_title, title_tag, site_name, url;
  std::vector<heading> h1s;
  std::vector<heading> h2s;           // the first <h2>s outside <nav>: the headline on some
                                      // pages without an <h1>
  std::vector<std::string> subheads;  // the first h2/h3 texts, document order
  std::vector<heading> styled;        // the first non-heading "…headline…"-classed blocks
};

std::string choose_title(const title_inputs& in);

// s without bidi control marks (U+200E/U+200F, U+061C, U+202A-U+202E, U+2066-U+2069),
// trimmed of the spaces they leave at the ends.
std::string strip_bidi_marks(std::string s);

// The <h1>'s text without kicker/overline spans ("Klimaschutz" over "Bohren, bis es heiß
// wird") and visually hidden separators; site is set when it is the site's logo heading.
heading read_heading(const xmlNode* h, const std::string& page_url);

// Meta contents are sometimes entity-escaped twice ("&#8211;", "&quot;"): libxml2 decoded
// one level only.
std::string decode_entities(const std::string& in);

}  // namespace newsd::extract::detail
