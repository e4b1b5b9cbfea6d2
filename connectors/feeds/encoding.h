#pragma once
// Character-encoding resolution for feed documents (RFC 7303 order, with
// feedparser's fallbacks) and conversion to UTF-8 through ICU.
#include <string>
#include <string_view>

namespace newsd::feeds {

struct decoded_text {
  std::string utf8;      // the document in UTF-8, BOM removed
  std::string encoding;  // the encoding actually used, lower-case
  bool bozo = false;
  std::string reason;
};

// The media type of a Content-Type value, lower-cased, without parameters.
std::string media_type(std::string_view content_type);
// The charset= parameter (quotes removed), or "".
std::string charset_param(std::string_view content_type);

// BOM, HTTP charset, XML declaration, detection (ucsdet), then fallbacks.
// Never fails: the last fallback (windows-1252 with substitution) always decodes.
decoded_text decode_document(std::string_view body, std::string_view content_type);

// Converts bytes in `charset` to UTF-8; false when the converter is unknown or,
// with strict, when the bytes are not valid in that charset.
bool convert_to_utf8(std::string_view bytes, const std::string& charset, bool strict,
                     std::string& out);

}  // namespace newsd::feeds
