#pragma once
// The site's name in a title (title_site.cc): "Headline | Site", "Site » Blog Archiv »
// Headline", logo headings that spell the host name. Used by the headline choice (title.cc).
#include <string>
#include <string_view>
#include <vector>

namespace newsd::extract::detail {

// Lower-case ASCII letters and digits plus every non-ASCII byte: "Petri-Heil.ch" and
// "petri heil ch" compare equal.
std::string squash(std::string_view s);
bool ci_contains(std::string_view hay, std::string_view needle);
// Space-separated tokens holding a letter or digit ("OutdoorNews | Eintrag" has two).
size_t words(std::string_view s);

// Host name labels without "www" and the top-level domain, squashed: "petriheil".
std::vector<std::string> host_labels(std::string_view url);
// A link to the site's home page ("/", "https://site.de", an archived copy of it).
bool home_href(const std::string& page_url, const std::string& href);

struct site_test {
  std::vector<std::string> names;   // squashed site names
  std::vector<std::string> labels;  // squashed host labels
  std::vector<std::string> raw;     // site names as written
  // "European Championships Munich 2022" on munich2022.com, "EFC Bayrische Bembel Regensburg"
  // on bayrische-bembel.de: the label anywhere (title segments only, not headings).
  bool suffix = false;

  bool operator()(std::string_view seg) const;
};

// Drops the site's segment and what lies beyond it, then generic "Blog Archiv" segments.
std::string drop_site_segments(const std::string& title, const site_test& is_site);
// The headline part of a <title>/og:title, given the page's <h1> headline (may be empty).
std::string strip_site(const std::string& title, const std::string& h1, const site_test& is_site);

}  // namespace newsd::extract::detail
