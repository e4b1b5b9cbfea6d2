#pragma once
// The item types as they move through the pipeline:
//   connectors' feed entry -> article (text + metadata) -> record (+ verdicts) -> Kafka.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace newsd::model {

struct feed_ref {
  std::string id;
  std::string url;
};

struct article {
  std::string id;  // input id, else derived (see assign_id)
  std::string url;
  std::string canonical_url;
  std::string source;
  std::string title;
  std::string text;
  std::string html;  // raw page when the text must still be extracted
  std::string language;
  // The feed's <language> or the feed config's language: often wrong for some items
  // (a channel declared "en" carrying Arabic wire copy), so a hint for detection only.
  std::string language_hint;
  std::vector<std::string> authors;
  std::string site_name;
  std::optional<feed_ref> feed;
  std::optional<int64_t> published_at_ms;
  std::optional<int64_t> fetched_at_ms;
  std::string extraction;        // "" (not attempted), "ok", "failed"
  std::string extraction_error;  // why the page gave no text (for the dead letter), not published
};

struct mention {
  uint32_t start = 0;  // code points into text, end exclusive
  uint32_t end = 0;
  std::string text;
};

struct entity {
  std::string id;
  std::string name;
  std::string type;  // PERSON | ORGANIZATION | LOCATION | MISC
  std::string wikidata;
  std::vector<mention> mentions;
};

enum class dedup_status { unique, exact_duplicate, near_duplicate };
const char* dedup_status_name(dedup_status s);

struct dedup_verdict {
  dedup_status status = dedup_status::unique;
  std::string duplicate_of;
  double similarity = 0.0;
};

struct record {
  article art;
  dedup_verdict dedup;
  std::vector<entity> entities;
};

// Parses one JSON Lines input article (interfaces.md section 2).
result<article> parse_input_article(std::string_view json_line);

// The stable record id: the input id, else a hash of the canonical URL, else of the content.
void assign_id(article& a);

// The output record (interfaces.md section 3), one JSON object, no trailing newline.
std::string to_json(const record& r);

// The dead-letter value (interfaces.md section 5).
std::string deadletter_json(std::string_view error, std::string_view stage,
                            std::string_view feed_id, std::string_view url, std::string_view raw);

// {"error": "...", "line": N} for `newsd process`.
std::string input_error_json(std::string_view error, uint64_t line);

}  // namespace newsd::model
