#include "connectors/extract/charset.h"

#include "common/utf8.h"
#include "connectors/charset/charset.h"

#include <algorithm>
#include <cctype>
#include <memory>
#include <vector>

namespace newsd::extract::detail {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// WHATWG aliases: browsers decode latin1 and ascii labels as windows-1252, and
// pages rely on that (curly quotes in 0x80-0x9F).
std::string normalise_label(std::string name) {
  if (name == "utf8" || name == "unicode-1-1-utf-8") return "utf-8";
  if (name == "iso-8859-1" || name == "latin1" || name == "iso8859-1" || name == "us-ascii" ||
      name == "ascii" || name == "l1" || name == "cp1252" || name == "iso_8859-1")
    return "windows-1252";
  if (name == "gb2312" || name == "gbk" || name == "x-gbk") return "gb18030";
  if (name == "cp1256" || name == "x-cp1256") return "windows-1256";
  if (name == "iso-8859-9") return "windows-1254";
  if (name == "tis-620" || name == "iso-8859-11") return "windows-874";
  return name;
}

// Text outside tags where bytes above 0x7F outnumber ASCII letters: a non-Latin script
// (Arabic, Cyrillic, Greek, Hebrew) in a single-byte charset. Western European text in
// windows-1252 has a few accented letters among many ASCII ones.
bool mostly_high_bytes(std::string_view s) {
  size_t high = 0, ascii = 0;
  bool in_tag = false;
  for (char ch : s.substr(0, std::min<size_t>(s.size(), 256 * 1024))) {
    auto c = static_cast<unsigned char>(ch);
    if (c == '<') in_tag = true;
    if (!in_tag) {
      if (c >= 0x80)
        ++high;
      else if (std::isalpha(c))
        ++ascii;
    }
    if (c == '>') in_tag = false;
  }
  return high >= 200 && high > ascii;
}

bool single_byte_legacy(const std::string& cs) {
  return cs.starts_with("windows-") || cs.starts_with("iso-8859") || cs.starts_with("koi8");
}

// Non-ASCII multi-byte UTF-8 sequences present (so validity is meaningful evidence).
bool has_multibyte(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return (c & 0x80) != 0; });
}

// UTF-8 text with a few broken sequences (a teaser cut inside a character, "papieros\xC3..."):
// valid multi-byte sequences far outnumber invalid bytes. Legacy text read as UTF-8 is the
// other way round: almost every byte above 0x7F is followed by ASCII and is invalid.
bool mostly_utf8(std::string_view s) {
  const charset::utf8_profile p = charset::profile_utf8(s);
  return p.multibyte >= 20 && p.invalid_bytes * 20 <= p.multibyte;
}

// Converts with ICU (undecodable bytes become U+FFFD); false when the converter is unknown.
bool convert(std::string_view bytes, const std::string& cs, std::string& out) {
  if (!charset::to_utf8(bytes, cs, false, out)) return false;
  out.erase(std::remove(out.begin(), out.end(), '\0'), out.end());
  return true;
}

}  // namespace

std::string charset_from_content_type(std::string_view content_type) {
  return charset::param(content_type);
}

std::string sniff_meta_charset(std::string_view html) {
  // Declarations belong in the first 1024 bytes, but real heads are often much longer.
  std::string head = lower(html.substr(0, std::min<size_t>(html.size(), 64 * 1024)));
  size_t pos = 0;
  while ((pos = head.find("<meta", pos)) != std::string::npos) {
    size_t end = head.find('>', pos);
    if (end == std::string::npos) break;
    std::string_view tag(head.data() + pos, end - pos);
    pos = end;
    std::string cs = charset::param(tag);
    if (!cs.empty()) return cs;
  }
  return {};
}

bool is_valid_utf8(std::string_view s) { return newsd::is_valid_utf8(s); }

std::string sanitize_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  size_t i = 0, n = s.size();
  while (i < n) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if (c != 0) out.push_back(static_cast<char>(c));
      ++i;
      continue;
    }
    if (size_t len = utf8_sequence_length(s, i); len != 0) {
      out.append(s.substr(i, len));
      i += len;
    } else {
      out.append("\xEF\xBF\xBD");
      ++i;
    }
  }
  return out;
}

decoded decode_to_utf8(std::string_view bytes, std::string_view content_type) {
  decoded d;
  // A BOM outranks every declaration (WHATWG encoding sniffing).
  if (bytes.starts_with("\xEF\xBB\xBF")) {
    d.charset = "utf-8";
    d.text = sanitize_utf8(bytes.substr(3));
    return d;
  }
  if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF")) {
    d.charset = bytes[0] == '\xFF' ? "utf-16le" : "utf-16be";
    if (convert(bytes.substr(2), d.charset, d.text)) return d;
  }
  std::string cs = normalise_label(charset_from_content_type(content_type));
  if (cs.empty()) cs = normalise_label(sniff_meta_charset(bytes));
  bool valid = is_valid_utf8(bytes);
  // A page that is well-formed UTF-8 with multi-byte text but claims a single-byte
  // charset is almost always mislabelled: such byte runs are rare in legacy text.
  if (valid && (cs.empty() || cs == "utf-8" || (single_byte_legacy(cs) && has_multibyte(bytes)))) {
    d.charset = "utf-8";
    d.text = std::string(bytes);
    d.text.erase(std::remove(d.text.begin(), d.text.end(), '\0'), d.text.end());
    return d;
  }
  if ((cs.empty() || cs == "utf-8") && mostly_utf8(bytes)) {
    d.charset = "utf-8";
    d.text = sanitize_utf8(bytes);
    return d;
  }
  if (cs.empty() || cs == "utf-8" || cs.starts_with("utf-16")) {
    // Undeclared or wrongly declared as UTF-8: ask ICU, else keep what UTF-8 gives.
    std::string guess = normalise_label(charset::detect(bytes, {256 * 1024, true}));
    if (!guess.empty() && guess != "utf-8" && !guess.starts_with("utf-16") &&
        !guess.starts_with("utf-32") && convert(bytes, guess, d.text)) {
      d.charset = guess;
      return d;
    }
    d.charset = "utf-8";
    d.text = sanitize_utf8(bytes);
    return d;
  }
  // A Latin label left in a template over text in another script (an Arabic page in
  // windows-1256 under <meta charset="iso-8859-1">): the label is wrong, ask ICU.
  if (cs == "windows-1252" && mostly_high_bytes(bytes)) {
    std::string guess = normalise_label(charset::detect(bytes, {256 * 1024, true}));
    if (!guess.empty() && guess != "windows-1252" && single_byte_legacy(guess) &&
        convert(bytes, guess, d.text)) {
      d.charset = guess;
      return d;
    }
  }
  if (convert(bytes, cs, d.text)) {
    d.charset = cs;
    return d;
  }
  d.charset = "utf-8";
  d.text = sanitize_utf8(bytes);
  return d;
}

}  // namespace newsd::extract::detail
