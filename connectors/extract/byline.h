#pragma once
// Visible bylines ("By Jane Roe and John Doe", "Von Max Muster | 12.01.2022", "بقلم محمد علي",
// "كتب: ..."), read only when the page's metadata names no author. Internal to newsd_extract.
#include <string>
#include <string_view>
#include <vector>

namespace newsd::extract::detail {

// Author names in a byline text. `hinted`: the text comes from an element whose class/id
// says byline/author, so the "By"-style prefix is optional. Conservative: an empty result
// unless every name is 1-4 capitalised words without digits, dates or agency names.
std::vector<std::string> parse_byline(std::string_view text, bool hinted);

// An author name as metadata gives it, without a byline prefix ("بقلم", "كتب:", "By"), Arabic
// titles ("د.", "الدكتور") and a dateline city before a dash ("القاهرة - محمد علي").
std::string clean_author(std::string_view name);

// "دمشق - سامر الخطيب …": an Arabic dateline naming the reporter after the city (read as a
// byline from date/meta-classed elements, which hold it on Arabic pages).
bool arabic_dateline_byline(std::string_view text);

// Whether a text starts with a byline prefix ("By ", "Von ", "بقلم", "كتب").
bool starts_with_byline_prefix(std::string_view text);

}  // namespace newsd::extract::detail
