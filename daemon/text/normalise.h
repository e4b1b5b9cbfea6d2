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

}  // namespace newsd::text
