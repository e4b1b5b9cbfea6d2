#pragma once
// Decoding of HTML bytes to UTF-8: HTTP charset, BOM, <meta> declarations,
// then ICU detection. Internal to newsd_extract.
#include <string>
#include <string_view>

namespace newsd::extract::detail {

// The charset parameter of an HTTP Content-Type value, lower-cased ("" when absent).
std::string charset_from_content_type(std::string_view content_type);

// The charset declared by <meta charset> or <meta http-equiv> in the first bytes ("" if none).
std::string sniff_meta_charset(std::string_view html);

// True when s is entirely well-formed UTF-8.
bool is_valid_utf8(std::string_view s);

// Replaces every ill-formed UTF-8 sequence with U+FFFD and drops NUL bytes.
std::string sanitize_utf8(std::string_view s);

struct decoded {
  std::string text;     // valid UTF-8
  std::string charset;  // what it was decoded from
};

// Never fails: undecodable bytes become U+FFFD.
decoded decode_to_utf8(std::string_view bytes, std::string_view content_type);

}  // namespace newsd::extract::detail
