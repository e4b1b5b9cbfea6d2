#pragma once
// Lenient date parsing for feeds: RFC 822 and its common corruptions, RFC 3339 /
// ISO 8601 / W3C-DTF, asctime, and the localised formats of feedparser's table.
#include <cstdint>
#include <optional>
#include <string_view>

namespace newsd::feeds {

// Unix milliseconds (UTC), or nullopt when the string is not a date we trust.
std::optional<int64_t> parse_date(std::string_view s);

}  // namespace newsd::feeds
