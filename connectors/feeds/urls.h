#pragma once
#include <string>
#include <string_view>

namespace newsd::feeds {

// RFC 3986 reference resolution (libxml2's xmlBuildURI); `ref` unchanged when
// the base is empty or either side does not parse.
std::string resolve_url(std::string_view base, std::string_view ref);

// True for javascript:, vbscript: and data: (other than images) URLs, after
// removing the whitespace and control characters browsers ignore in schemes.
bool dangerous_url(std::string_view url);

}  // namespace newsd::feeds
