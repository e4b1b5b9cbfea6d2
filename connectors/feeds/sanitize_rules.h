#pragma once
// Tag and attribute rules shared by the libxml2 sanitiser (sanitize.cc) and
// the hand-written fast path (sanitize_fast.cc), so both apply one policy.
#include <cstdint>
#include <string>
#include <string_view>

#include "common/utf8.h"

namespace newsd::feeds::detail {

enum tag_flag : uint8_t {
  kDropWithContent = 1,  // dropped together with everything inside
  kDropTagOnly = 2,      // dropped, content kept (as feedparser does)
  kVoid = 4,             // serialised without an end tag
};

// Flags of a lower-case tag name (0 for ordinary tags). One hash lookup
// instead of scanning several name lists per element.
uint8_t tag_flags(std::string_view lower_name);

// Appends ` name="value"` when the (lower-case) attribute is safe; drops
// handlers, style, xmlns*, srcdoc, script URLs and value-less debris, and
// resolves relative URL attributes against `base`.
void append_safe_attribute(std::string& out, std::string_view base, std::string_view name,
                           std::string value);

// Strict UTF-8 without control characters (other than tab and newline), CR,
// surrogates or U+FFFE/U+FFFF: text libxml2's HTML parser passes through unchanged.
bool clean_text(std::string_view s);

// The libxml2 path (always correct, slower); exposed for differential tests.
std::string sanitize_html_libxml2(std::string_view html, std::string_view base);

// The fast path: returns false (out unspecified) when the fragment holds
// anything it does not handle exactly as the libxml2 path would.
bool sanitize_html_fast(std::string_view html, std::string_view base, std::string& out);

}  // namespace newsd::feeds::detail
