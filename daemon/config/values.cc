#include "daemon/config/values.h"

#include <arpa/inet.h>

#include <cctype>

namespace newsd::config {

namespace {

bool is_host_name(std::string_view h) {
  if (h.empty() || h.size() > 253) return false;
  size_t label = 0;
  for (size_t i = 0; i < h.size(); ++i) {
    char c = h[i];
    if (c == '.') {
      if (label == 0) return false;
      label = 0;
      continue;
    }
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') return false;
    if (++label > 63) return false;
  }
  return label > 0;
}

bool looks_numeric(std::string_view h) {
  for (char c : h)
    if (!std::isdigit(static_cast<unsigned char>(c)) && c != '.') return false;
  return true;
}

// "" when port is a decimal TCP port number.
std::string check_port(std::string_view port, std::string_view hint) {
  if (port.empty() || port.size() > 5)
    return "invalid port \"" + std::string(port) + "\"" + std::string(hint);
  long p = 0;
  for (char c : port) {
    if (!std::isdigit(static_cast<unsigned char>(c)))
      return "invalid port \"" + std::string(port) + "\"" + std::string(hint);
    p = p * 10 + (c - '0');
  }
  if (p < 1 || p > 65535) return "port " + std::string(port) + " is not between 1 and 65535";
  return "";
}

}  // namespace

std::string check_listen_address(std::string_view s) {
  const std::string hint = " (expected HOST:PORT, e.g. \"127.0.0.1:9464\")";
  size_t colon = s.rfind(':');
  if (colon == std::string_view::npos) return "\"" + std::string(s) + "\" has no port" + hint;
  std::string_view host = s.substr(0, colon), port = s.substr(colon + 1);
  if (auto e = check_port(port, hint); !e.empty()) return e;
  if (host.empty()) return "\"" + std::string(s) + "\" has no host" + hint;
  if (host.front() == '[') {
    if (host.size() < 3 || host.back() != ']')
      return "invalid IPv6 address \"" + std::string(host) + "\"" + hint;
    std::string h(host.substr(1, host.size() - 2));
    in6_addr a6{};
    if (inet_pton(AF_INET6, h.c_str(), &a6) != 1) return "invalid IPv6 address \"" + h + "\"";
    return "";
  }
  std::string h(host);
  in_addr a4{};
  if (inet_pton(AF_INET, h.c_str(), &a4) == 1) return "";
  // 300.1.2.3 is a broken address, not a host name.
  if (looks_numeric(host) || !is_host_name(host)) return "invalid host \"" + h + "\"" + hint;
  return "";
}

std::string check_feed_url(std::string_view url) {
  size_t sep = url.find("://");
  if (sep == std::string_view::npos) return "is not an absolute URL";
  std::string scheme;
  for (char c : url.substr(0, sep))
    scheme += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (scheme != "http" && scheme != "https")
    return "has the scheme \"" + scheme + "\"; only http and https feeds can be fetched";
  std::string_view rest = url.substr(sep + 3);
  std::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
  if (size_t at = authority.rfind('@'); at != std::string_view::npos)
    authority.remove_prefix(at + 1);
  std::string_view host = authority;
  if (!host.empty() && host.front() == '[') {
    size_t close = host.find(']');
    if (close == std::string_view::npos) return "has an unclosed IPv6 address";
    host = host.substr(0, close + 1);
  } else {
    host = host.substr(0, host.find(':'));
  }
  if (host.empty() || host == "[]") return "has no host";
  if (host.front() != '[' && host.find_first_of(" \t") != std::string_view::npos)
    return "has an invalid host";
  std::string_view after = authority.substr(host.size());
  if (!after.empty()) {
    if (after.front() != ':') return "has text after the host \"" + std::string(host) + "\"";
    // "host:" with no digits means the scheme's default port (RFC 3986 3.2.3).
    if (after.size() > 1) {
      if (auto e = check_port(after.substr(1), ""); !e.empty()) return "has a bad port (" + e + ")";
    }
  }
  return "";
}

}  // namespace newsd::config
