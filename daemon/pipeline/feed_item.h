#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "connectors/feeds/feed_model.h"
#include "daemon/config/config.h"
#include "daemon/model/article.h"

namespace newsd::pipeline {

// Plain text of an HTML fragment: tags dropped, entities decoded, block
// elements become line breaks.
std::string html_to_text(std::string_view html);

// The feed's stable key for an entry: guid/id, else link, else a hash of title and date.
std::string entry_key(const feeds::entry& e);

// The article a feed entry describes (text from content, else summary).
model::article entry_to_article(const feeds::entry& e, const feeds::document& doc,
                                const config::feed& f, const std::string& feed_url, int64_t fetched_ms);

}  // namespace newsd::pipeline
