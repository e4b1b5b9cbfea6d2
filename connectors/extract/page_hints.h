#pragma once
// Element-level hints read while metadata.cc walks the page (page_hints.cc): byline- and
// date-classed elements, publication labels, dates in page-state scripts, standalone
// datelines, headline-classed blocks.
#include <libxml/tree.h>

#include <string>
#include <string_view>
#include <vector>

namespace newsd::extract::detail {

// A byline-classed element: "byline", "author" (class or id).
bool byline_hint(const xmlNode* n);

// class/id words of elements that show the publication date ("post-date", "entry-meta",
// "datum", "fecha", "byline"): their text is scanned when no markup gives a date.
bool date_hint(const xmlNode* n);

// The text from a publication label on ("Veröffentlicht am 16.08.2019"), appended to out;
// tries bounds the labels looked at.
void read_label(const xmlNode* n, std::vector<std::string>& out, int& tries);

// "publishedDate":"2016-11-04T20:37:27Z" in a page-state script ("" when none).
std::string script_date(std::string_view js);

// A text node that is nothing but a date, appended to out.
void read_standalone_date(const xmlNode* n, std::vector<std::string>& out);

// class="plp-headline", "l-headline" (not "subheadline").
bool class_has_headline(const xmlNode* n);

}  // namespace newsd::extract::detail
