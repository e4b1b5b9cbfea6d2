#pragma once
// Token-level folding for matching names: light folding (what features and exact alias
// matching use), proclitic stripping, and the variant skeleton used to merge spellings.
#include <string>
#include <string_view>
#include <vector>

namespace newsd::entities {

// Drops Arabic marks and tatweel, unifies alef/ya/ta-marbuta/hamza seats and Persian
// letters, maps Arabic-Indic digits to ASCII and lower-cases Latin. Idempotent.
std::string fold(std::string_view token);

struct clitic_split {
  size_t prefix_cps = 0;  // code points of the stripped proclitic(s)
  std::string stem;       // folded stem; لل + stem becomes ال + stem
};

// Candidate readings of a folded Arabic token with its proclitics removed (و ف ب ك ل,
// their combinations, and the article ال), longest proclitic first. The token itself
// is not included. Stems shorter than two letters are not offered.
std::vector<clitic_split> strip_clitics(std::string_view folded);
// The same readings into `out` (resized to their number), reusing the stems' buffers
// (the linker calls this for every unlinked name).
void strip_clitics_to(std::string_view folded, std::vector<clitic_split>& out);

// The single most likely stem (longest prefix stripped, stem of at least 3 letters);
// the token itself when nothing is stripped. Used as a feature.
std::string clitic_stem(std::string_view folded);

// The definite article removed from a folded stem ("الكرملين" -> "كرملين").
std::string_view drop_article(std::string_view folded);

// Spelling-variant skeleton of a folded name: spaces, hyphens and dots removed;
// ج/غ/ق/ك/گ (the foreign g) merged; تش -> ش; long vowels, alef and hamza seats
// dropped except a leading one; Latin: ASCII letters and digits only.
std::string skeleton(std::string_view folded);
// The same into `out` (cleared first), reusing its buffer.
void skeleton_to(std::string_view folded, std::string& out);

// Cross-script consonant key of a folded person name: Arabic and Latin letters map to the same
// consonant classes (B: b p ب; F: f v ph ف; K: c g j k q ch gh kh ج غ ق ك خ; T: t d ت د ط ض;
// S: s z sh ث ذ ز س ش ص ظ; L M N R), vowels, h, w, y and ا و ي ء ح ع ه dropped, x = KS, repeated
// classes merged, spaces and marks ignored. "Christine Lagarde" and "كريستين لاغارد" both give
// KRSTNLKRT. Empty when the name mixes scripts or has a letter of neither.
std::string cross_script_key(std::string_view folded);

// Levenshtein distance over code points, capped at limit+1.
int edit_distance(std::string_view a, std::string_view b, int limit);

}  // namespace newsd::entities
