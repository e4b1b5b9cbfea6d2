#pragma once
// OPML subscription lists, for `newsd feeds import-opml`.
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace newsd::feeds {

struct opml_feed {
  std::string id, url, name, language;
};

// Every outline with an xmlUrl, in document order; ids are slugs of the name
// (or the URL's host and path), made unique with -2, -3, ...
result<std::vector<opml_feed>> parse_opml(std::string_view body);

// [[feeds]] TOML tables (id, url, name, language when known).
std::string opml_to_toml(const std::vector<opml_feed>& feeds);

}  // namespace newsd::feeds
