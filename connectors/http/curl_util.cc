#include "connectors/http/curl_util.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <chrono>

namespace newsd::http::detail {

std::string resolve(const std::string& base, const std::string& location) {
  CURLU* u = curl_url();
  std::string out;
  if (curl_url_set(u, CURLUPART_URL, base.c_str(), 0) == CURLUE_OK &&
      curl_url_set(u, CURLUPART_URL, location.c_str(),
                   CURLU_NON_SUPPORT_SCHEME | CURLU_URLENCODE | CURLU_ALLOW_SPACE) == CURLUE_OK) {
    char* full = nullptr;
    if (curl_url_get(u, CURLUPART_URL, &full, 0) == CURLUE_OK) {
      out = full;
      curl_free(full);
    }
  }
  curl_url_cleanup(u);
  return out;
}

int64_t steady_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

curl_socket_t open_socket(void* clientp, curlsocktype, curl_sockaddr* addr) {
  bool allow_private = *static_cast<bool*>(clientp);
  if (!allow_private) {
    if (addr->family == AF_INET) {
      auto* sin = reinterpret_cast<sockaddr_in*>(&addr->addr);
      uint32_t a = ntohl(sin->sin_addr.s_addr);
      uint8_t b0 = a >> 24, b1 = (a >> 16) & 0xFF;
      if (b0 == 127 || b0 == 10 || b0 == 0 || (b0 == 172 && (b1 & 0xF0) == 16) ||
          (b0 == 192 && b1 == 168) || (b0 == 169 && b1 == 254) || (b0 == 100 && (b1 & 0xC0) == 64))
        return CURL_SOCKET_BAD;
    } else if (addr->family == AF_INET6) {
      auto* sin6 = reinterpret_cast<sockaddr_in6*>(&addr->addr);
      const auto& s6 = sin6->sin6_addr;
      if (IN6_IS_ADDR_LOOPBACK(&s6) || IN6_IS_ADDR_LINKLOCAL(&s6) || IN6_IS_ADDR_UNSPECIFIED(&s6) ||
          (s6.s6_addr[0] & 0xFE) == 0xFC || IN6_IS_ADDR_V4MAPPED(&s6))
        return CURL_SOCKET_BAD;
    }
  }
  return socket(addr->family, addr->socktype, addr->protocol);
}

error_class classify(CURLcode rc) {
  switch (rc) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
      return error_class::dns;
    case CURLE_COULDNT_CONNECT:
      return error_class::connect;
    case CURLE_OPERATION_TIMEDOUT:
      return error_class::timeout;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
      return error_class::tls;
    case CURLE_TOO_MANY_REDIRECTS:
      return error_class::redirect;
    case CURLE_FILESIZE_EXCEEDED:
      return error_class::too_large;
    default:
      return error_class::other;
  }
}

}  // namespace newsd::http::detail
