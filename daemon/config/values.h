#pragma once
// Checks of single config values whose mistakes would otherwise only show at
// run time (a listen address civetweb cannot bind, a feed URL libcurl will not
// fetch). Each returns "" when the value is fine, else the reason.
#include <string>
#include <string_view>

namespace newsd::config {

// "HOST:PORT" with HOST an IPv4 address, a [bracketed] IPv6 address or a host
// name, and PORT 1-65535.
std::string check_listen_address(std::string_view s);

// An absolute http:// or https:// URL with a host: the only schemes the fetcher speaks.
std::string check_feed_url(std::string_view url);

}  // namespace newsd::config
