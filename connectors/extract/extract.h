#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace newsd::extract {

struct page {
  std::string url, canonical_url, title, text, language, site_name;
  std::vector<std::string> authors;
  std::optional<int64_t> published_ms;
  // The UTC offset the page wrote the time with: to_json prints the page's own local time
  // (the same instant), so "2022-05-03T20:36:00-04:00" keeps its calendar date.
  int published_offset_min = 0;
  std::string charset;  // the encoding the page was decoded from (diagnostics)
};

struct options {
  std::string url;           // the page address (for relative links, URL dates)
  std::string content_type;  // HTTP Content-Type, may carry charset=
  std::string language_hint;
  // Pages above this are refused with errc::too_large: real article pages are a few
  // hundred KB, and a parse tree of a 50 MB page would cost far more memory than it is worth.
  size_t max_bytes = 16u << 20;
};

// Extracts the article from raw HTML bytes. Never does I/O.
result<page> extract(std::string_view html, const options& opts);

// {"url","canonical_url","title","text","authors","published_at","language","site_name"}
std::string to_json(const page& p);

// ISO 639-1 code of the text's language ("" when unknown); hint may be "".
std::string detect_language(std::string_view text, std::string_view hint = {});

}  // namespace newsd::extract
