// Language identification with CLD2 (Debian libcld2): it covers Arabic, English and
// the other major languages, is fast, and needs no model files at run time.
#include <cstdio>  // compact_lang_det.h uses FILE without including it
// clang-format off
#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>
// clang-format on

#include <algorithm>
#include <cctype>

#include <string>

#include "connectors/extract/charset.h"
#include "connectors/extract/extract.h"

namespace newsd::extract {

std::string detect_language(std::string_view text, std::string_view hint) {
  std::string h(hint.substr(0, std::min<size_t>(hint.size(), 2)));
  for (char& c : h) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  // CLD2 wants valid UTF-8; a bounded prefix is plenty for a verdict (32 KB is several
  // thousand words; past that CLD2 only spends time: a quarter of a long page's extraction).
  std::string buf = detail::sanitize_utf8(text.substr(0, std::min<size_t>(text.size(), 32 * 1024)));
  CLD2::CLDHints hints{nullptr, nullptr, CLD2::UNKNOWN_ENCODING, CLD2::UNKNOWN_LANGUAGE};
  if (!h.empty()) hints.language_hint = CLD2::GetLanguageFromName(h.c_str());
  CLD2::Language lang3[3];
  int percent3[3];
  double scores3[3];
  int text_bytes = 0, valid_prefix = 0;
  bool reliable = false;
  CLD2::Language lang = CLD2::ExtDetectLanguageSummaryCheckUTF8(
      buf.data(), static_cast<int>(buf.size()), true, &hints, 0, lang3, percent3, scores3,
      nullptr, &text_bytes, &reliable, &valid_prefix);
  if (lang == CLD2::UNKNOWN_LANGUAGE || lang == CLD2::TG_UNKNOWN_LANGUAGE ||
      (!reliable && text_bytes < 40)) {
    return h;
  }
  std::string code = CLD2::LanguageCode(lang);
  // CLD2 uses some non-ISO 639-1 codes (zh-Hant, "iw", "xx-..."): map or keep the hint.
  if (code == "zh-Hant") return "zh";
  if (code == "iw") return "he";
  if (code == "jw") return "jv";
  if (code.size() != 2) return h.empty() ? std::string() : h;
  return code;
}

}  // namespace newsd::extract
