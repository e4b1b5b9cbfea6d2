#include <string>
#include <string_view>
#include <vector>

#include "connectors/extract/content_tree.h"

namespace newsd::extract::detail {
namespace {

size_t word_count(std::string_view l) {
  size_t words = 0;
  bool in_word = false;
  for (char c : l) {
    bool sp = c == ' ';
    if (!sp && !in_word) ++words;
    in_word = !sp;
  }
  return words;
}

bool ends_sentence(std::string_view l) {
  static constexpr std::string_view ends[] = {".", "!", "?", "\"", ")", "â", "â",
                                              "Â»", "Â«", ":", "Ø", "ã"};
  for (auto e : ends)
    if (l.ends_with(e)) return true;
  return false;
}

}  // namespace

// Baseline: every paragraph or text block with little link text, in document order.
// With `out` null only counts its non-space code points (cheap: no strings built).
size_t baseline_into(xmlNode* body, stats& st, std::string* out) {
  size_t count = 0;
  walk(body, [&](xmlNode* n) {
    if (!is_element(n)) return false;
    // Text blocks without inner blocks count too: many CMSes write paragraphs as <div>s.
    const info& i = st.of(n);
    bool leaf_block = i.own == i.text && i.own >= 25 &&
                      (is_tag(n, "div") || is_tag(n, "td") || is_tag(n, "section"));
    if (is_tag(n, "p") || is_tag(n, "pre") || is_tag(n, "blockquote") || leaf_block) {
      if (st.link_density(n) < 0.5f) {
        if (out == nullptr) {
          count += i.text;
          return false;
        }
        std::string t = text_of(n);
        if (!t.empty() && !is_chrome_line(t)) {
          if (!out->empty()) out->push_back('\n');
          *out += t;
        }
      }
      return false;
    }
    return true;
  });
  return count;
}

std::string baseline(xmlNode* body, stats& st) {
  std::string out;
  baseline_into(body, st, &out);
  return out;
}

size_t baseline_size(xmlNode* body, stats& st) { return baseline_into(body, st, nullptr); }

// Short label-like lines at the edges of the text ("Schon gelesen?", "23.10.2018",
// "Kontakt:") are chrome that sat next to the article inside its container.
std::string trim_edges(const std::string& text) {
  std::vector<std::string_view> lines;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t e = text.find('\n', pos);
    if (e == std::string::npos) e = text.size();
    lines.emplace_back(text.data() + pos, e - pos);
    pos = e + 1;
  }
  constexpr size_t kMaxWords = 4;
  auto label = [](std::string_view l) { return word_count(l) <= kMaxWords && !ends_sentence(l); };
  size_t b = 0, e = lines.size();
  for (int k = 0; k < 3 && e > b + 1 && label(lines[e - 1]); ++k) --e;
  for (int k = 0; k < 2 && e > b + 1 && label(lines[b]); ++k) ++b;
  std::string out;
  for (size_t i = b; i < e; ++i) {
    if (!out.empty()) out.push_back('\n');
    out.append(lines[i]);
  }
  return out;
}


}  // namespace newsd::extract::detail
