#pragma once
// Unicode + Arabic normalisation shared by dedup and entities.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace newsd::text {

struct normalised {
  std::string text;                // NFKC + folding, UTF-8
  std::vector<uint32_t> offsets;   // per byte of `text`: code point offset into the original
};

normalised normalise(std::string_view utf8);

// The same text without the offset map (for dedup, which never maps back).
std::string normalise_text(std::string_view utf8);

// The code points of normalise_text(utf8), decoded, written to `out` (resized to their
// count): the same folding without building the UTF-8 string, for callers that walk
// code points (dedup's shingles). One table lookup per code point.
void normalise_code_points(std::string_view utf8, std::vector<char32_t>& out);

}  // namespace newsd::text
