#include "connectors/charset/charset.h"

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/ustring.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <memory>
#include <vector>

#include "common/utf8.h"

namespace newsd::charset {
namespace {

char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

bool label_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_' || c == ':' ||
         c == '.' || c == '+';
}

// TIS-620 (Thai) is absent from ICU's detector; Thai text is recognisable by its
// high density of bytes in the Thai block with tone marks and vowels, drawn from
// many letters (a Latin-1 text with only "é" is not Thai).
bool looks_thai(std::string_view b) {
  size_t high = 0, thai = 0, marks = 0;
  bool used[128] = {};
  size_t distinct = 0;
  for (unsigned char c : b) {
    if (c < 0x80) continue;
    ++high;
    if (!used[c - 0x80]) {
      used[c - 0x80] = true;
      ++distinct;
    }
    if ((c >= 0xA1 && c <= 0xDA) || (c >= 0xDF && c <= 0xFB)) ++thai;
    if ((c >= 0xD1 && c <= 0xD9) || (c >= 0xE7 && c <= 0xEE) || (c >= 0xE0 && c <= 0xE4)) ++marks;
  }
  return high >= 8 && distinct >= 8 && thai * 100 >= high * 98 && marks * 100 >= high * 25;
}

}  // namespace

std::string param(std::string_view decl) {
  std::string low(decl);
  std::transform(low.begin(), low.end(), low.begin(), lower);
  size_t p = 0;
  while ((p = low.find("charset", p)) != std::string::npos) {
    size_t q = p + 7;
    while (q < low.size() && (low[q] == ' ' || low[q] == '\t')) ++q;
    if (q < low.size() && low[q] == '=') {
      ++q;
      while (q < low.size() && (low[q] == ' ' || low[q] == '\t' || low[q] == '"' || low[q] == '\''))
        ++q;
      size_t e = q;
      while (e < low.size() && label_char(low[e])) ++e;
      return low.substr(q, e - q);
    }
    p = q;
  }
  return {};
}

std::string detect(std::string_view b, const detect_options& opts) {
  UErrorCode st = U_ZERO_ERROR;
  UCharsetDetector* det = ucsdet_open(&st);
  if (U_FAILURE(st)) return {};
  std::unique_ptr<UCharsetDetector, void (*)(UCharsetDetector*)> guard(det, ucsdet_close);
  std::string_view prefix = b.substr(0, std::min(b.size(), opts.max_bytes));
  if (opts.skip_markup) ucsdet_enableInputFilter(det, true);
  ucsdet_setText(det, prefix.data(), static_cast<int32_t>(prefix.size()), &st);
  const UCharsetMatch* m = U_SUCCESS(st) ? ucsdet_detect(det, &st) : nullptr;
  if (U_FAILURE(st) || m == nullptr) return {};
  const char* n = ucsdet_getName(m, &st);
  if (U_FAILURE(st) || n == nullptr) return {};
  std::string name(n);
  std::transform(name.begin(), name.end(), name.begin(), lower);
  if ((name.starts_with("iso-8859") || name.starts_with("windows-125")) && looks_thai(prefix))
    return "tis-620";
  return name;
}

std::string media_type(std::string_view ct) {
  std::string_view s = ct.substr(0, std::min(ct.find(';'), ct.size()));
  auto edge = [](char c) { return c == ' ' || c == '\t' || c == '"' || c == '\''; };
  while (!s.empty() && edge(s.front())) s.remove_prefix(1);
  while (!s.empty() && edge(s.back())) s.remove_suffix(1);
  std::string out(s);
  for (char& c : out) c = lower(c);
  return out;
}

utf8_profile profile_utf8(std::string_view s) {
  utf8_profile p;
  size_t i = 0;
  while (i < s.size()) {
    size_t len = utf8_sequence_length(s, i);
    if (len == 1) {
      ++i;
      continue;
    }
    if (len > 1) {
      ++p.multibyte;
      i += len;
      continue;
    }
    if (p.invalid_runs++ == 0) p.first_invalid = i;
    // A lead byte whose continuation bytes all arrived but the body ended early.
    auto c = static_cast<unsigned char>(s[i]);
    size_t want = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    size_t k = i + 1;
    while (k < s.size() && k < i + want && (static_cast<unsigned char>(s[k]) & 0xC0) == 0x80) ++k;
    p.truncated_tail = c >= 0xC2 && c <= 0xF4 && k == s.size() && p.invalid_runs == 1;
    p.invalid_bytes += k - i;  // continuation bytes cannot start a sequence: all invalid
    i = k;
  }
  return p;
}

bool known(const std::string& charset) {
  UErrorCode st = U_ZERO_ERROR;
  UConverter* cnv = ucnv_open(charset.c_str(), &st);
  if (cnv != nullptr) ucnv_close(cnv);
  return U_SUCCESS(st) && cnv != nullptr;
}

bool to_utf8(std::string_view bytes, const std::string& charset, bool strict, std::string& out) {
  if (charset == "utf-8" && is_valid_utf8(bytes)) {
    out.assign(bytes);
    return true;
  }
  // ICU counts in int32_t and the UTF-16 buffer is twice the input: refuse what
  // would overflow (bodies are capped far below this).
  if (bytes.size() > static_cast<size_t>(INT32_MAX) / 4) return false;
  UErrorCode st = U_ZERO_ERROR;
  UConverter* cnv = ucnv_open(charset.c_str(), &st);
  if (U_FAILURE(st) || cnv == nullptr) return false;
  std::unique_ptr<UConverter, void (*)(UConverter*)> guard(cnv, ucnv_close);
  if (strict) {
    ucnv_setToUCallBack(cnv, UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &st);
    if (U_FAILURE(st)) return false;
  }
  std::vector<UChar> u(bytes.size() * 2 + 16);
  int32_t ulen = ucnv_toUChars(cnv, u.data(), static_cast<int32_t>(u.size()), bytes.data(),
                               static_cast<int32_t>(bytes.size()), &st);
  if (U_FAILURE(st)) return false;
  out.resize(static_cast<size_t>(ulen) * 3 + 4);
  int32_t len = 0;
  st = U_ZERO_ERROR;
  u_strToUTF8WithSub(out.data(), static_cast<int32_t>(out.size()), &len, u.data(), ulen, 0xFFFD,
                     nullptr, &st);
  if (U_FAILURE(st)) return false;
  out.resize(static_cast<size_t>(len));
  return true;
}

}  // namespace newsd::charset
