#pragma once
#include <string>
#include <string_view>

#include "common/result.h"
#include "connectors/feeds/feed_model.h"

namespace newsd::feeds {

struct parse_options {
  std::string base_url;      // the document URL (after redirects) or --url
  std::string content_type;  // HTTP Content-Type, may carry charset=
};

// Parses any supported feed format. Never does I/O. Recoverable problems
// set bozo; an error is returned only when nothing usable could be read.
result<document> parse(std::string_view body, const parse_options& opts);

// interfaces.md section 4, one JSON object.
std::string to_json(const document& doc);

// A stable key for an entry: its guid/id, else its link, else a hash of
// title and date ("h:" + 32 hex digits).
std::string item_key(const entry& e);

}  // namespace newsd::feeds
