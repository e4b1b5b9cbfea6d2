#pragma once
// Character-set helpers shared by the feed parser and the article extractor:
// the charset= parameter of a declaration, ICU detection and ICU conversion
// to UTF-8. Each caller keeps its own precedence rules (RFC 7303 for feeds,
// WHATWG sniffing for HTML); only the mechanics live here.
#include <cstddef>
#include <string>
#include <string_view>

namespace newsd::charset {

// The charset= parameter of a Content-Type value or of a <meta> tag's text:
// lower-cased, quotes and spaces removed; "" when absent.
std::string param(std::string_view declaration);

// The media type of a Content-Type value ("Text/HTML; charset=x" -> "text/html"):
// lower-cased, parameters, spaces and quotes around it removed.
std::string media_type(std::string_view content_type);

// How UTF-8-like bytes are, for telling UTF-8 with a few damaged bytes from text in
// another encoding: valid multi-byte sequences, and the invalid ones, counted both as
// runs (a bad byte and the continuation bytes after it count once) and as bytes.
struct utf8_profile {
  size_t multibyte = 0, invalid_runs = 0, invalid_bytes = 0, first_invalid = 0;
  bool truncated_tail = false;  // the only invalid run is a sequence cut off at the very end
};
utf8_profile profile_utf8(std::string_view s);

// True when ICU can convert from this charset label.
bool known(const std::string& charset);

struct detect_options {
  size_t max_bytes = 64 * 1024;  // detection reads a bounded prefix: bounded time
  bool skip_markup = false;      // let ICU ignore <...> (HTML pages)
};

// ICU's best guess (lower-case ICU name, e.g. "windows-1256"), or "" when it has
// none. Thai in TIS-620, which ICU's detector does not know, is recognised here.
std::string detect(std::string_view bytes, const detect_options& opts = {});

// Converts bytes in `charset` to UTF-8 into out; false when ICU does not know the
// charset or, with strict, when the bytes are not valid in it. Without strict,
// undecodable bytes become U+FFFD.
bool to_utf8(std::string_view bytes, const std::string& charset, bool strict, std::string& out);

}  // namespace newsd::charset
