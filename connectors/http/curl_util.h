#pragma once
// libcurl glue shared by the client: URL resolution, the SSRF guard and
// error classification. Internal to connectors/http.
#include <curl/curl.h>

#include <cstdint>
#include <string>

#include "connectors/http/client.h"

namespace newsd::http::detail {

// Resolves a Location against the URL it came from (curl's own URL parser, with
// the leniency of curl's redirect following: spaces and raw bytes are encoded).
// Empty when it is not a URL.
std::string resolve(const std::string& base, const std::string& location);

// CURLOPT_OPENSOCKETFUNCTION: refuses loopback, private, link-local, CGNAT and
// unspecified addresses unless *clientp (a bool) allows them.
curl_socket_t open_socket(void* clientp, curlsocktype, curl_sockaddr* addr);

error_class classify(CURLcode rc);

int64_t steady_ms();

// 301, 302, 303, 307, 308: a status whose Location the client follows.
inline bool is_redirect_status(long code) {
  return code == 301 || code == 302 || code == 303 || code == 307 || code == 308;
}

}  // namespace newsd::http::detail
