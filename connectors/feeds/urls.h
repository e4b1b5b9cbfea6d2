#pragma once
#include <string>
#include <string_view>

namespace newsd::feeds {

// RFC 3986 reference resolution (libxml2's xmlBuildURI); `ref` unchanged when
// the base is empty or either side does not parse.
std::string resolve_url(std::string_view base, std::string_view ref);

// resolve_url for a link a feed gives as a value of its own (item and feed
// links, enclosures, author URIs): "" when `ref` is empty or blank, since RFC
// 3986 would turn that into the base itself, i.e. the feed's own URL.
std::string resolve_link(std::string_view base, std::string_view ref);

// True for an absolute http:// or https:// URL (scheme case-insensitive) with a host.
bool is_http_url(std::string_view url);

// True for javascript:, vbscript: and data: (other than images) URLs, after
// removing the whitespace and control characters browsers ignore in schemes.
bool dangerous_url(std::string_view url);

}  // namespace newsd::feeds
