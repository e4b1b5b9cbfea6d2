#include "connectors/feeds/encoding.h"

#include "common/utf8.h"
#include "connectors/charset/charset.h"

#include <algorithm>
#include <cstring>
#include <memory>
#include <vector>

namespace newsd::feeds {
namespace {

std::string lower_trim(std::string_view s) {
  while (!s.empty() &&
         (s.front() == ' ' || s.front() == '\t' || s.front() == '"' || s.front() == '\''))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '"' || s.back() == '\''))
    s.remove_suffix(1);
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Labels ICU does not know, or that should be read as their superset (as
// browsers and feedparser do: gb2312 content is routinely gbk/gb18030).
std::string canonical_label(std::string name) {
  static const std::pair<const char*, const char*> kAliases[] = {
      {"u16", "utf-16"},
      {"utf16", "utf-16"},
      {"utf_16", "utf-16"},
      {"ucs-2", "utf-16"},
      {"iso-10646-ucs-2", "utf-16"},
      {"csunicode", "utf-16"},
      {"u32", "utf-32"},
      {"utf32", "utf-32"},
      {"utf_32", "utf-32"},
      {"ucs-4", "utf-32"},
      {"iso-10646-ucs-4", "utf-32"},
      {"csucs4", "utf-32"},
      {"gb2312", "gb18030"},
      {"gbk", "gb18030"},
      {"x-gbk", "gb18030"},
      {"utf8", "utf-8"},
      {"utf_8", "utf-8"},
      {"x-sjis", "shift_jis"},
      {"ascii", "us-ascii"},
  };
  for (const auto& [from, to] : kAliases)
    if (name == from) return to;
  return name;
}

bool is_unicode_multibyte(const std::string& n) {
  return n.rfind("utf-16", 0) == 0 || n.rfind("utf-32", 0) == 0;
}

// BOM or, without one, the XML 1.0 Appendix F patterns of "<?" in UTF-16/32.
std::string sniff(std::string_view b, size_t& bom_len) {
  auto at = [&](const char* p, size_t n) { return b.size() >= n && b.compare(0, n, p, n) == 0; };
  bom_len = 0;
  if (at("\x00\x00\xFE\xFF", 4)) return bom_len = 4, "utf-32be";
  if (at("\xFF\xFE\x00\x00", 4)) return bom_len = 4, "utf-32le";
  if (at("\xEF\xBB\xBF", 3)) return bom_len = 3, "utf-8";
  if (at("\xFE\xFF", 2)) return bom_len = 2, "utf-16be";
  if (at("\xFF\xFE", 2)) return bom_len = 2, "utf-16le";
  if (at("\x00\x00\x00\x3C", 4)) return "utf-32be";
  if (at("\x3C\x00\x00\x00", 4)) return "utf-32le";
  if (at("\x00\x3C\x00\x3F", 4)) return "utf-16be";
  if (at("\x3C\x00\x3F\x00", 4)) return "utf-16le";
  return "";
}

// encoding="..." of a leading XML declaration, read from `head` (already ASCII-compatible).
std::string xml_decl_encoding(std::string_view head) {
  if (head.substr(0, 5) != "<?xml") return "";
  size_t end = head.find("?>");
  if (end == std::string_view::npos) return "";
  std::string_view decl = head.substr(0, end);
  size_t p = decl.find("encoding");
  if (p == std::string_view::npos) return "";
  p = decl.find_first_of("\"'", p);
  if (p == std::string_view::npos) return "";
  size_t q = decl.find(decl[p], p + 1);
  if (q == std::string_view::npos) return "";
  return lower_trim(decl.substr(p + 1, q - p - 1));
}

bool xml_media_type(const std::string& mt) {
  auto ends_with = [&](std::string_view s) {
    return mt.size() >= s.size() && mt.compare(mt.size() - s.size(), s.size(), s) == 0;
  };
  return mt == "application/xml" || mt == "application/xml-dtd" ||
         mt == "application/xml-external-parsed-entity" || mt == "text/xml" ||
         mt == "text/xml-external-parsed-entity" || ends_with("+xml") || mt == "application/json" ||
         ends_with("+json");
}

// A body that is mostly valid UTF-8 is UTF-8 with a few damaged bytes (a bad
// byte pasted into one title, a body cut inside a character); re-reading all of
// it as windows-1252 would turn every correct non-ASCII character into
// mojibake. Only text without valid multi-byte sequences to speak of falls
// through to the other candidates.
bool plausibly_utf8(const charset::utf8_profile& p) {
  if (p.invalid_runs == 0) return true;
  if (p.truncated_tail) return true;
  return p.multibyte > 0 && p.invalid_runs * 4 <= p.multibyte;
}

}  // namespace

std::string media_type(std::string_view ct) { return charset::media_type(ct); }

std::string charset_param(std::string_view ct) { return charset::param(ct); }

bool convert_to_utf8(std::string_view bytes, const std::string& cs, bool strict, std::string& out) {
  return charset::to_utf8(bytes, cs, strict, out);
}

decoded_text decode_document(std::string_view body, std::string_view content_type) {
  decoded_text r;
  size_t bom_len = 0;
  std::string bom = sniff(body, bom_len);
  std::string_view data = body.substr(bom_len);

  std::string head_utf8;
  std::string_view head = data.substr(0, 1024);
  if (!bom.empty() && bom != "utf-8" && convert_to_utf8(head, bom, false, head_utf8))
    head = head_utf8;
  std::string xml_enc = canonical_label(xml_decl_encoding(head));
  // A UTF-16/32 document's declaration can only be telling us the byte order
  // it lacks; a single-byte label there is simply wrong.
  if (!bom.empty() && bom != "utf-8" && !xml_enc.empty()) xml_enc = bom;
  if (!bom.empty() && bom != "utf-8" && is_unicode_multibyte(xml_enc)) xml_enc = bom;

  std::string http = canonical_label(charset_param(content_type));
  std::string mt = media_type(content_type);
  if (!mt.empty() && !xml_media_type(mt)) {
    r.bozo = true;
    r.reason = mt + " is not an XML media type";
  }

  std::string declared;
  if (!bom.empty())
    declared = bom;  // a BOM is authoritative (RFC 7303 section 8.5)
  else if (!http.empty())
    declared = http;
  else if (!xml_enc.empty())
    declared = xml_enc;
  else
    declared = "utf-8";
  if (is_unicode_multibyte(declared) && declared.size() == 6) declared += "be";

  if (declared == "utf-8") {
    if (convert_to_utf8(data, "utf-8", true, r.utf8)) {
      r.encoding = "utf-8";
      return r;
    }
    charset::utf8_profile p = charset::profile_utf8(data);
    if (plausibly_utf8(p) && convert_to_utf8(data, "utf-8", false, r.utf8)) {
      r.encoding = "utf-8";
      r.bozo = true;
      r.reason = "invalid utf-8 byte sequence at byte offset " +
                 std::to_string(p.first_invalid + bom_len) + " (" + std::to_string(p.invalid_runs) +
                 " in all), replaced with U+FFFD";
      return r;
    }
  }

  std::vector<std::string> tries = {declared, xml_enc, bom};
  bool detected_tried = false;
  for (size_t i = 0;; ++i) {
    if (i == tries.size()) {
      if (!detected_tried) {
        detected_tried = true;
        tries.push_back(canonical_label(charset::detect(data)));
        tries.insert(tries.end(), {"utf-8", "windows-1252", "iso-8859-2"});
      } else {
        break;
      }
    }
    const std::string& cand = tries[i];
    if (cand.empty()) continue;
    // A strict conversion that failed fails again: each candidate is tried once
    // (utf-8 already was, above, when it was the declared one).
    if (std::find(tries.begin(), tries.begin() + static_cast<std::ptrdiff_t>(i), cand) !=
        tries.begin() + static_cast<std::ptrdiff_t>(i))
      continue;
    if (cand == "utf-8" && declared == "utf-8") continue;
    if (convert_to_utf8(data, cand, true, r.utf8)) {
      r.encoding = cand;
      if (cand != declared) {
        r.bozo = true;
        r.reason = "document declared as " + declared + ", but parsed as " + cand;
      }
      return r;
    }
  }
  convert_to_utf8(data, "windows-1252", false, r.utf8);
  r.encoding = "windows-1252";
  r.bozo = true;
  r.reason = "document encoding unknown; decoded as windows-1252 with substitutions";
  return r;
}

}  // namespace newsd::feeds
