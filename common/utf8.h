#pragma once
// Strict UTF-8 (no overlong forms, surrogates or code points above U+10FFFF).
#include <cstddef>
#include <string>
#include <string_view>

namespace newsd {

// Length of the valid sequence starting at s[i], or 0 when it is invalid.
size_t utf8_sequence_length(std::string_view s, size_t i);

// Appends the UTF-8 encoding of a code point.
void append_utf8(std::string& out, char32_t cp);

// True when all of s is valid; ASCII runs are checked eight bytes at a time.
bool is_valid_utf8(std::string_view s);

}  // namespace newsd
