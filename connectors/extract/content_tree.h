#pragma once
// Per-element statistics over the cleaned tree and the text renderer, shared by the
// main-text scorer (content.cc) and render.cc. Internal to newsd_extract.
#include <libxml/tree.h>

#include <cstdint>
#include <string>
#include <vector>

#include "connectors/extract/boilerplate.h"
#include "connectors/extract/dom.h"

namespace newsd::extract::detail {

struct info {
  uint32_t text = 0;    // non-space code points in the subtree
  uint32_t link = 0;    // of which inside <a>
  uint32_t own = 0;     // text whose nearest block ancestor is this element
  uint32_t commas = 0;  // commas in own text (Latin, Arabic and CJK)
  uint32_t ptext = 0;   // own text of paragraph-sized blocks in the subtree
  uint32_t anchor = 0;  // index of the nearest block ancestor-or-self
  float score = 0;
  float best = 0;  // highest score in the subtree (scored elements only)
  bool scored = false;
};

inline bool is_anchor_tag(std::string_view t) { return is_block_tag(t) || t == "td" || t == "th"; }

// Per-element statistics, indexed through xmlNode::_private (reserved for applications).
class stats {
 public:
  explicit stats(xmlNode* root) { compute(root); }
  info& of(const xmlNode* n) { return v_[reinterpret_cast<uintptr_t>(n->_private) - 1]; }
  bool has(const xmlNode* n) const {
    auto i = reinterpret_cast<uintptr_t>(n->_private);
    return i > 0 && i <= v_.size();
  }
  float link_density(const xmlNode* n) {
    const info& i = of(n);
    return i.text == 0 ? 0.f : static_cast<float>(i.link) / static_cast<float>(i.text);
  }

 private:
  void compute(xmlNode* root) {
    v_.clear();
    v_.reserve(4096);
    walk2(
        root,
        [&](xmlNode* n) {
          if (is_element(n)) {
            v_.emplace_back();
            n->_private = reinterpret_cast<void*>(static_cast<uintptr_t>(v_.size()));
            uint32_t self = static_cast<uint32_t>(v_.size() - 1);
            bool parent_known = n->parent != nullptr && is_element(n->parent) && has(n->parent);
            v_[self].anchor = is_anchor_tag(name_of(n)) || !parent_known ? self
                                                                         : of(n->parent).anchor;
            return true;
          }
          if (n->type == XML_TEXT_NODE && n->content != nullptr && n->parent != nullptr &&
              has(n->parent)) {
            uint32_t len = 0, commas = 0;
            for (const unsigned char* p = n->content; *p; ++p) {
              unsigned char c = *p;
              if ((c & 0xC0) == 0x80 || c == ' ' || c == '\n' || c == '\t' || c == '\r') continue;
              ++len;
              if (c == ',') ++commas;
              else if (c == 0xD8 && p[1] == 0x8C) ++commas;  // U+060C ARABIC COMMA
              else if (c == 0xEF && p[1] == 0xBC && p[2] == 0x8C) ++commas;
              else if (c == 0xE3 && p[1] == 0x80 && p[2] == 0x81) ++commas;
            }
            info& parent = of(n->parent);
            parent.text += len;
            info& anchor = v_[parent.anchor];
            anchor.own += len;
            anchor.commas += commas;
          }
          return false;
        },
        [&](xmlNode* n) {
          if (!is_element(n) || !has(n)) return;
          info& i = of(n);
          if (is_tag(n, "a")) i.link = i.text;
          if (i.own >= 25) i.ptext += i.own;
          if (n->parent != nullptr && is_element(n->parent) && has(n->parent)) {
            info& p = of(n->parent);
            p.text += i.text;
            p.link += i.link;
            p.ptext += i.ptext;
          }
        });
  }
  std::vector<info> v_;
};

// Renders a subtree as lines: blocks and <br> break lines; h1, figures, captions,
// link-heavy blocks, chrome lines and a heading left before a dropped list are skipped.
class renderer {
 public:
  explicit renderer(stats& st) : st_(st) {}
  void render(xmlNode* root) {
    walk2(
        root,
        [&](xmlNode* n) {
          if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            if (n->content != nullptr) line_ += reinterpret_cast<const char*>(n->content);
            return false;
          }
          if (!is_element(n)) return false;
          std::string_view t = name_of(n);
          if (t == "br") {
            flush();
            return false;
          }
          if (t == "h1" || t == "figure" || t == "figcaption" || t == "img") return false;
          if (t == "td" || t == "th") line_.push_back(' ');
          bool block = is_block_tag(t);
          if (block && n != root && link_heavy(n)) {
            drop_pending_heading();
            return false;
          }
          if (block) flush();
          if (t.size() == 2 && t[0] == 'h' && t[1] >= '2' && t[1] <= '6') heading_ = true;
          return true;
        },
        [&](xmlNode* n) {
          if (is_element(n) && is_block_tag(name_of(n))) flush();
        });
    flush();
    drop_pending_heading();  // a heading that ends the text introduces a dropped list
  }
  std::string take() { return std::move(out_); }

 private:
  bool link_heavy(xmlNode* n) {
    const info& i = st_.of(n);
    if (i.text == 0) return false;
    float ld = st_.link_density(n);
    // Tuned on the dev set: 0.35 beat 0.25/0.5/0.65 (menus and link lists inside bodies).
    return ld > 0.35f && !(is_tag(n, "p") && i.text > 200 && ld < 0.8f);
  }
  void flush() {
    std::string l = collapse_ws(line_);
    line_.clear();
    bool heading = heading_;
    heading_ = false;
    if (l.empty() || is_chrome_line(l)) return;
    pending_ = heading ? out_.size() : std::string::npos;
    if (!out_.empty()) out_.push_back('\n');
    out_ += l;
  }
  void drop_pending_heading() {
    if (pending_ != std::string::npos && line_.find_first_not_of(" \t\r\n") == std::string::npos)
      out_.resize(pending_);
    pending_ = std::string::npos;
  }
  stats& st_;
  std::string line_, out_;
  bool heading_ = false;
  size_t pending_ = std::string::npos;  // where the last line began, if it was a heading
};

// Every paragraph or leaf text block with little link text, in document order (baseline).
std::string baseline(xmlNode* body, stats& st);
// Its size in non-space code points, without building it.
size_t baseline_size(xmlNode* body, stats& st);

// Drops short label-like lines ("Schon gelesen?", "23.10.2018") at both edges of the text.
std::string trim_edges(const std::string& text);

}  // namespace newsd::extract::detail
