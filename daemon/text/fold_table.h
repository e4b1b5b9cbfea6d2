#pragma once
// The per-code-point folding table behind normalise(): built once from ICU
// (NFKC, case folding, mark stripping) plus the Arabic folding rules, so the
// hot loop is one lookup per code point and ICU is never called per article.
#include <cstdint>
#include <string>
#include <vector>

namespace newsd::text::detail {

struct fold_entry {
  uint32_t offset : 24;  // into fold_table::pool
  uint32_t length : 8;   // bytes of UTF-8 replacement; 0 = drop the code point
};

struct fold_table {
  std::vector<fold_entry> bmp;  // 0x10000 entries
  std::string pool;             // concatenated UTF-8 replacements
};

// Built on first use (thread-safe static), about 20 ms.
const fold_table& table();

// The folding applied after NFKC to one code point; exposed for tests.
// Returns the folded code points (empty = dropped).
std::u32string fold_code_point(char32_t cp);

}  // namespace newsd::text::detail
