// Hand-written sanitiser for the common case: well-nested markup made of a
// small set of ordinary tags. It produces exactly what the libxml2 path in
// sanitize.cc would (the same decoding, the same attribute policy via
// sanitize_rules.h) and gives up, returning false, on anything where
// libxml2's HTML parser would repair, re-nest or guess: unknown or unsafe
// tags, implied end tags, stray '<', unusual entities, control characters.
// Giving up is always safe; the caller then runs the libxml2 path.
#include <libxml/HTMLparser.h>

#include <array>
#include <cstring>
#include <string>
#include <unordered_map>

#include "connectors/feeds/sanitize.h"
#include "connectors/feeds/sanitize_rules.h"

namespace newsd::feeds::detail {
namespace {

enum kind : uint8_t {
  kInline = 1,
  kBlock = 2,      // needs a container as its parent (else libxml2 may auto-close)
  kContainer = 4,  // blocks may start inside it
  kListItem = 8,   // needs ul/ol as its parent
  kList = 16,
  kEmpty = 32,    // libxml2 knows it as an empty element
  kDrop = 64,     // dropped with its attributes, content kept (kDropTagOnly)
  kScript = 128,  // dropped with its raw-text content (kDropWithContent)
};

// Only tags libxml2's start-tag auto-close table leaves alone in the
// positions the structural checks below allow.
const std::unordered_map<std::string_view, uint8_t>& fast_tags() {
  static const auto* t =
      new std::unordered_map<std::string_view, uint8_t>{{"a", kInline},
                                                        {"abbr", kInline},
                                                        {"b", kInline},
                                                        {"big", kInline},
                                                        {"cite", kInline},
                                                        {"code", kInline},
                                                        {"del", kInline},
                                                        {"dfn", kInline},
                                                        {"em", kInline},
                                                        {"font", kInline},
                                                        {"i", kInline},
                                                        {"ins", kInline},
                                                        {"kbd", kInline},
                                                        {"mark", kInline},
                                                        {"q", kInline},
                                                        {"s", kInline},
                                                        {"samp", kInline},
                                                        {"small", kInline},
                                                        {"span", kInline},
                                                        {"strike", kInline},
                                                        {"strong", kInline},
                                                        {"sub", kInline},
                                                        {"sup", kInline},
                                                        {"time", kInline},
                                                        {"tt", kInline},
                                                        {"u", kInline},
                                                        {"var", kInline},
                                                        {"br", kInline | kEmpty},
                                                        {"img", kInline | kEmpty},
                                                        {"hr", kBlock | kEmpty},
                                                        {"p", kBlock},
                                                        {"h1", kBlock},
                                                        {"h2", kBlock},
                                                        {"h3", kBlock},
                                                        {"h4", kBlock},
                                                        {"h5", kBlock},
                                                        {"h6", kBlock},
                                                        {"figcaption", kBlock},
                                                        {"ul", kBlock | kList},
                                                        {"ol", kBlock | kList},
                                                        {"li", kListItem | kContainer},
                                                        {"div", kBlock | kContainer},
                                                        {"blockquote", kBlock | kContainer},
                                                        {"figure", kBlock | kContainer},
                                                        {"section", kBlock | kContainer},
                                                        {"article", kBlock | kContainer},
                                                        {"iframe", kInline | kDrop},
                                                        {"script", kInline | kScript}};
  return *t;
}

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alnum(char c) { return is_alpha(c) || is_digit(c); }
bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\n'; }
char to_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

class fast_sanitizer {
 public:
  fast_sanitizer(std::string_view s, std::string_view base, std::string& out)
      : s_(s), base_(base), out_(out) {}

  bool run() {
    while (i_ < s_.size()) {
      char c = s_[i_];
      if (c == '<') {
        if (!markup()) return false;
      } else if (c == '&') {
        text_.clear();
        if (!reference(text_)) return false;
        escape_html(out_, text_, false);
      } else {
        size_t e = i_;
        while (e < s_.size() && s_[e] != '<' && s_[e] != '&' && s_[e] != '>') ++e;
        out_.append(s_.data() + i_, e - i_);
        if (e < s_.size() && s_[e] == '>') {
          out_ += "&gt;";
          ++e;
        }
        i_ = e;
      }
    }
    // What is still open is closed by the wrapper's </div> (or the end).
    for (int k = 0; k < depth_; ++k)
      if (stack_[k] == "div") return false;
    while (depth_ > 0) pop();
    return true;
  }

 private:
  static constexpr int kMaxDepth = 64;

  // `&...` as libxml2's htmlParseReference / htmlParseHTMLAttribute read it.
  bool reference(std::string& dst) {
    size_t j = i_ + 1;
    if (j >= s_.size()) return false;
    if (s_[j] == '#') {
      ++j;
      bool hex = j < s_.size() && (s_[j] == 'x' || s_[j] == 'X');
      if (hex) ++j;
      uint32_t v = 0;
      size_t digits = 0;
      for (; j < s_.size() && digits < 8; ++j, ++digits) {
        char d = s_[j];
        if (is_digit(d))
          v = v * (hex ? 16 : 10) + static_cast<uint32_t>(d - '0');
        else if (hex && d >= 'a' && d <= 'f')
          v = v * 16 + static_cast<uint32_t>(d - 'a' + 10);
        else if (hex && d >= 'A' && d <= 'F')
          v = v * 16 + static_cast<uint32_t>(d - 'A' + 10);
        else
          break;
      }
      if (digits == 0 || j >= s_.size() || s_[j] != ';') return false;
      bool is_char = v == 0x9 || v == 0xA || v == 0xD || (v >= 0x20 && v <= 0xD7FF) ||
                     (v >= 0xE000 && v <= 0xFFFD) || (v >= 0x10000 && v <= 0x10FFFF);
      if (!is_char) return false;
      append_utf8(dst, v);
      i_ = j + 1;
      return true;
    }
    if (!is_alpha(s_[j])) {
      if (s_[j] == '_' || s_[j] == ':' || static_cast<unsigned char>(s_[j]) >= 0x80) return false;
      dst += '&';  // a bare ampersand is text
      i_ = j;
      return true;
    }
    size_t start = j;
    while (j < s_.size() && is_alnum(s_[j])) ++j;
    if (j >= s_.size() || j - start > 32) return false;
    char next = s_[j];
    if (next == '_' || next == '-' || next == ':' || next == '.' ||
        static_cast<unsigned char>(next) >= 0x80)
      return false;
    if (next == ';') {
      std::array<char, 40> name{};
      std::memcpy(name.data(), s_.data() + start, j - start);
      const htmlEntityDesc* d = htmlEntityLookup(reinterpret_cast<const xmlChar*>(name.data()));
      if (d != nullptr && d->value > 0) {
        append_utf8(dst, d->value);
        i_ = j + 1;
        return true;
      }
    }
    dst.append(s_.data() + i_, j - i_);  // unknown or unterminated: literal text
    i_ = j;
    return true;
  }

  bool markup() {
    if (s_.compare(i_, 4, "<!--") == 0) return comment();
    if (i_ + 1 < s_.size() && s_[i_ + 1] == '/') return end_tag();
    if (i_ + 1 < s_.size() && is_alpha(s_[i_ + 1])) return start_tag();
    return false;
  }

  bool comment() {
    size_t e = s_.find("-->", i_ + 4);
    if (e == std::string_view::npos) return false;
    std::string_view body = s_.substr(i_ + 4, e - i_ - 4);
    if (body.starts_with(">") || body.starts_with("->") || body.find("--") != body.npos ||
        body.ends_with("-"))
      return false;
    i_ = e + 3;
    return true;
  }

  // Lower-cases an ASCII tag name starting at i_; false when too long.
  bool read_name(std::string& name) {
    name.clear();
    while (i_ < s_.size() && is_alnum(s_[i_])) {
      if (name.size() >= 16) return false;
      name += to_lower(s_[i_++]);
    }
    return true;
  }

  bool end_tag() {
    i_ += 2;
    if (depth_ == 0 || !read_name(name_)) return false;
    while (i_ < s_.size() && is_blank(s_[i_])) ++i_;
    if (i_ >= s_.size() || s_[i_] != '>') return false;
    ++i_;
    // libxml2 closes the elements left open inside, unless one of them ends
    // with a higher priority (div over the rest, htmlEndPriority).
    int at = depth_ - 1;
    while (at >= 0 && stack_[at] != name_) --at;
    if (at < 0) return false;
    for (int k = at + 1; k < depth_; ++k)
      if (stack_[k] == "div" && name_ != "div") return false;
    while (depth_ > at) pop();
    return true;
  }

  void pop() {
    --depth_;
    if (stack_[depth_] == "a") open_a_ = false;
    if (kinds_[depth_] & kDrop) return;
    out_ += "</";
    out_ += stack_[depth_];
    out_ += '>';
  }

  // libxml2's start-tag auto-close for the optional end tags: a block start
  // ends an open p, and li ends li.
  void implied_ends(std::string_view tag) {
    for (;;) {
      if (depth_ == 0) return;
      std::string_view top = stack_[depth_ - 1];
      bool closes_p = tag == "p" || tag == "div" || tag == "ul" || tag == "ol" || tag == "li" ||
                      tag == "hr" || tag == "blockquote" ||
                      (tag.size() == 2 && tag[0] == 'h' && tag[1] >= '1' && tag[1] <= '6');
      if ((top == "p" && closes_p) || (top == "li" && tag == "li")) pop();
      else return;
    }
  }

  // libxml2 (recover mode) reads a script's content as raw text up to the
  // first "</script", case-insensitively; all of it is dropped.
  bool skip_script() {
    // Anything else that looks like markup inside is left to libxml2 (and to
    // repair_fragment, which would treat a "<!--" there as a comment).
    size_t p = s_.find('<', i_);
    if (p == std::string_view::npos || p + 8 > s_.size() || s_[p + 1] != '/') return false;
    for (size_t k = 0; k < 6; ++k)
      if (to_lower(s_[p + 2 + k]) != "script"[k]) return false;
    size_t e = p + 8;
    while (e < s_.size() && is_blank(s_[e])) ++e;
    if (e >= s_.size() || s_[e] != '>') return false;
    i_ = e + 1;
    return true;
  }

  bool start_tag() {
    ++i_;
    if (!read_name(name_) || i_ >= s_.size()) return false;
    auto it = fast_tags().find(name_);
    if (it == fast_tags().end()) return false;
    std::string_view tag = it->first;
    uint8_t k = it->second;
    implied_ends(tag);
    uint8_t parent = depth_ == 0 ? uint8_t{kContainer} : kinds_[depth_ - 1];
    if ((k & kBlock) && !(parent & kContainer)) return false;
    if ((k & kListItem) && !(parent & kList)) return false;
    if (tag == "a" && open_a_) return false;
    if (!(k & kEmpty) && depth_ >= kMaxDepth) return false;
    char c = s_[i_];
    if (!is_blank(c) && c != '>' && c != '/') return false;
    bool drop = k & (kDrop | kScript);
    size_t mark = out_.size();
    out_ += '<';
    out_ += tag;
    if (!attributes(k)) return false;
    out_ += '>';
    if (drop) out_.resize(mark);  // attributes were still read, for the syntax checks
    if (k & kScript) return skip_script();
    if (k & kEmpty) return true;
    if (tag == "a") open_a_ = true;
    stack_[depth_] = tag;
    kinds_[depth_] = k;
    ++depth_;
    return true;
  }

  bool attributes(uint8_t k) {
    size_t seen = 0;
    std::array<std::string, 12> names;
    for (;;) {
      size_t before = i_;
      while (i_ < s_.size() && is_blank(s_[i_])) ++i_;
      if (i_ >= s_.size()) return false;
      if (s_[i_] == '>') {
        ++i_;
        return true;
      }
      if (s_[i_] == '/') {
        if (!(k & kEmpty) || s_.compare(i_, 2, "/>") != 0) return false;
        i_ += 2;
        return true;
      }
      if (i_ == before || seen == names.size() || !is_alpha(s_[i_])) return false;
      std::string& an = names[seen];
      while (i_ < s_.size() && (is_alnum(s_[i_]) || s_[i_] == '-')) {
        if (an.size() >= 64) return false;
        an += to_lower(s_[i_++]);
      }
      for (size_t n = 0; n < seen; ++n)
        if (names[n] == an) return false;  // libxml2 drops duplicates
      ++seen;
      size_t after_name = i_;
      while (i_ < s_.size() && is_blank(s_[i_])) ++i_;
      if (i_ >= s_.size()) return false;
      value_.clear();
      if (s_[i_] == '=') {
        ++i_;
        while (i_ < s_.size() && is_blank(s_[i_])) ++i_;
        if (!attribute_value()) return false;
      } else {
        i_ = after_name;  // a value-less attribute
        char c = s_[i_];
        if (!is_blank(c) && c != '>' && c != '/') return false;
      }
      append_safe_attribute(out_, base_, an, value_);
    }
  }

  bool attribute_value() {
    if (i_ >= s_.size()) return false;
    char q = s_[i_];
    size_t end;
    if (q == '"' || q == '\'') {
      end = s_.find(q, i_ + 1);
      if (end == std::string_view::npos) return false;
      ++i_;
    } else {
      end = i_;
      while (end < s_.size() && !is_blank(s_[end]) && s_[end] != '>') {
        char c = s_[end];
        if (c == '"' || c == '\'' || c == '=' || c == '`') return false;
        ++end;
      }
      if (end == i_ || end >= s_.size()) return false;
      q = 0;
    }
    while (i_ < end) {
      char c = s_[i_];
      if (c == '<') return false;
      if (c == '&') {
        if (!reference(value_) || i_ > end) return false;
      } else {
        size_t e = i_;
        while (e < end && s_[e] != '&' && s_[e] != '<') ++e;
        value_.append(s_.data() + i_, e - i_);
        i_ = e;
      }
    }
    if (q != 0) {
      ++i_;  // the closing quote
      if (i_ >= s_.size()) return false;
      char c = s_[i_];
      if (!is_blank(c) && c != '>' && c != '/') return false;
    }
    return true;
  }

  std::string_view s_;
  std::string_view base_;
  std::string& out_;
  size_t i_ = 0;
  std::array<std::string_view, kMaxDepth> stack_{};
  std::array<uint8_t, kMaxDepth> kinds_{};
  int depth_ = 0;
  bool open_a_ = false;
  std::string name_, value_, text_;
};

}  // namespace

bool sanitize_html_fast(std::string_view html, std::string_view base, std::string& out) {
  if (html.size() > (64u << 20) || !clean_text(html)) return false;
  size_t mark = out.size();
  fast_sanitizer f(html, base, out);
  if (f.run()) return true;
  out.resize(mark);
  return false;
}

}  // namespace newsd::feeds::detail
