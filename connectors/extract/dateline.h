#pragma once
// The date printed next to the headline (dateline.cc).
#include <libxml/tree.h>

#include <cstdint>
#include <optional>

namespace newsd::extract::detail {

// The first calendar date in the visible text right under the headline element (about 200
// bytes: the byline/date line), else in the text right over it (a kicker line "Kultur,
// 2.11.22"). Midnight UTC of that day. Readers and annotators take this date even where the
// markup says otherwise (a CMS's generation time in <meta name=date>, a sidebar's <time>).
std::optional<int64_t> dateline_date(const xmlNode* headline);

}  // namespace newsd::extract::detail
