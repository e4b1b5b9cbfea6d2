#pragma once
// Boilerplate hints: which elements are page chrome (navigation, share bars,
// read-also boxes, embedded posts, comments, related lists, footers) by tag,
// class/id/role and by their opening words, in English, Arabic and the
// European languages of the dev set.
#include <libxml/tree.h>

#include <string_view>

namespace newsd::extract::detail {

// Tags never part of an article's text (scripts, forms controls, media, ...).
bool is_dropped_tag(std::string_view tag);

// Hidden by markup (hidden attribute, display:none, aria-hidden).
bool is_hidden(const xmlNode* n);

// Chrome by tag, role, class or id (blockquote.twitter-tweet, nav, footer, .share, ...).
// text_rich: the element holds real paragraph text, so only strong hints count.
bool is_chrome(const xmlNode* n, bool text_rich);

// Readability-style class/id weight: +25 article-like, -25 chrome-like.
int class_weight(const xmlNode* n);

// A short block opening with "Read also", "اقرأ أيضا", "Lesen Sie auch", ...
bool starts_with_read_also(std::string_view text);

// A whole line that is chrome on its own ("مشاركة :", "Advertisement", "تابعونا").
bool is_chrome_line(std::string_view line);

// A lead / teaser / standfirst paragraph by class, id or itemprop.
bool is_lead(const xmlNode* n);

// Block-level for text layout (a newline before and after).
bool is_block_tag(std::string_view tag);

}  // namespace newsd::extract::detail
