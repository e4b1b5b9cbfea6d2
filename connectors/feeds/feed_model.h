#pragma once
// The feed model of interfaces.md section 4.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace newsd::feeds {

struct person {
  std::string name, email, uri;
};

struct enclosure {
  std::string url, type;
  std::optional<int64_t> length;
};

struct entry {
  std::string id, title, link;
  std::optional<int64_t> published_ms, updated_ms;  // unix ms, UTC
  std::string summary, content;                     // sanitised HTML or text
  std::vector<person> authors;
  std::vector<std::string> categories;
  std::vector<enclosure> enclosures;
};

struct feed_meta {
  std::string title, link, subtitle, language, id;
  std::optional<int64_t> updated_ms;
  std::vector<person> authors;
  // Publisher's polling hints, for the scheduler (0 = none given).
  int64_t ttl_ms = 0;             // RSS <ttl>
  int64_t update_period_ms = 0;   // sy:updatePeriod / sy:updateFrequency
};

struct document {
  std::string format;  // rss20 | rss10 | rss09x | atom10 | atom03 | jsonfeed | sitemap | newssitemap
  bool bozo = false;
  std::string bozo_reason;
  std::string encoding = "utf-8";
  feed_meta feed;
  std::vector<entry> entries;
};

}  // namespace newsd::feeds
