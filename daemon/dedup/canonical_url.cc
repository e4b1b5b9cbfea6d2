#include <algorithm>
#include <string>
#include <vector>

#include "daemon/dedup/dedup.h"

namespace newsd::dedup {
namespace {

std::string lower(std::string_view s) {
  std::string o(s);
  for (char& c : o) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return o;
}

// Query parameters that only say where a reader came from.
bool is_tracking_param(std::string_view name) {
  std::string n = lower(name);
  if (n.rfind("utm_", 0) == 0) return true;
  static const char* const kNames[] = {"fbclid", "gclid",  "dclid",   "msclkid", "yclid",
                                       "igshid", "mc_cid", "mc_eid",  "_ga",     "ref_src",
                                       "ocid",   "cmpid",  "ito",     "amp",     "outputtype",
                                       "xtor",   "__twitter_impression", "ns_mchannel",
                                       "ns_source", "ns_campaign", "ns_linkname", "at_medium",
                                       "at_campaign"};
  for (const char* k : kNames) {
    if (n == k) return true;
  }
  return false;
}

}  // namespace

std::string canonicalize_url(std::string_view url) {
  while (!url.empty() && static_cast<unsigned char>(url.front()) <= ' ') url.remove_prefix(1);
  while (!url.empty() && static_cast<unsigned char>(url.back()) <= ' ') url.remove_suffix(1);
  size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return std::string(url);
  std::string scheme = lower(url.substr(0, scheme_end));
  std::string_view rest = url.substr(scheme_end + 3);
  if (size_t h = rest.find('#'); h != std::string_view::npos) rest = rest.substr(0, h);
  size_t auth_end = rest.find_first_of("/?");
  std::string host = lower(rest.substr(0, auth_end));
  std::string_view path_q = auth_end == std::string_view::npos ? "" : rest.substr(auth_end);
  if (size_t at = host.rfind('@'); at != std::string::npos) host = host.substr(at + 1);
  if (size_t colon = host.rfind(':'); colon != std::string::npos && host.find(']') == std::string::npos) {
    std::string port = host.substr(colon + 1);
    if (port.empty() || (scheme == "http" && port == "80") || (scheme == "https" && port == "443")) {
      host.resize(colon);
    }
  }
  if (!host.empty() && host.back() == '.') host.pop_back();
  // AMP hosts: amp.example.com and the Google AMP cache name the same page.
  if (host.rfind("amp.", 0) == 0) host = host.substr(4);

  std::string_view path = path_q.substr(0, path_q.find('?'));
  std::string_view query =
      path_q.find('?') == std::string_view::npos ? "" : path_q.substr(path_q.find('?') + 1);
  std::string p(path);
  // AMP path variants: /amp/..., .../amp, ...amp.html, ?amp
  for (std::string_view suffix : {"/amp/", "/amp"}) {
    if (p.size() > suffix.size() && p.ends_with(suffix)) {
      p.resize(p.size() - suffix.size());
      break;
    }
  }
  if (p.rfind("/amp/", 0) == 0) p = p.substr(4);
  if (p.ends_with(".amp.html")) p = p.substr(0, p.size() - 9) + ".html";
  if (p.ends_with(".amp")) p.resize(p.size() - 4);
  while (p.size() > 1 && p.back() == '/') p.pop_back();
  if (p == "/") p.clear();

  std::vector<std::string_view> kept;
  while (!query.empty()) {
    size_t amp = query.find('&');
    std::string_view kv = query.substr(0, amp);
    query = amp == std::string_view::npos ? "" : query.substr(amp + 1);
    if (kv.empty()) continue;
    if (!is_tracking_param(kv.substr(0, kv.find('=')))) kept.push_back(kv);
  }
  std::sort(kept.begin(), kept.end());
  std::string out = scheme + "://" + host + p;
  for (size_t i = 0; i < kept.size(); ++i) {
    out += i == 0 ? '?' : '&';
    out += kept[i];
  }
  return out;
}

std::string url_key(std::string_view canonical) {
  size_t s = canonical.find("://");
  std::string_view rest = s == std::string_view::npos ? canonical : canonical.substr(s + 3);
  if (rest.rfind("www.", 0) == 0) rest.remove_prefix(4);
  return std::string(rest);
}

}  // namespace newsd::dedup
