#include "connectors/extract/title.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string_view>

#include "connectors/extract/date_parse.h"
#include "connectors/extract/dom.h"
#include "connectors/extract/metadata.h"
#include "connectors/extract/title_site.h"

namespace newsd::extract::detail {
namespace {

// "1. Februar 2022 Bundesministerin Raab: …": a date written before the heading's words.
std::string drop_leading_date(const std::string& t) {
  if (t.empty() || !std::isdigit(static_cast<unsigned char>(t[0]))) return t;
  size_t end = 0;
  for (int k = 0; k < 3; ++k) {
    end = t.find(' ', end + 1);
    if (end == std::string::npos) return t;
    std::string rest = collapse_ws(std::string_view(t).substr(end));
    if (find_text_date(std::string_view(t).substr(0, end)) && words(rest) >= 3) {
      while (!rest.empty() && std::string_view(":|-/").find(rest[0]) != std::string_view::npos)
        rest = collapse_ws(rest.substr(1));
      return rest;
    }
  }
  return t;
}

// An <h2> inside <nav> is a menu's title ("Aktuell", "Fachgebiete"); any heading inside a
// newsletter box is its sign-up pitch ("Unser Newsletter!"). <h1>s inside <nav> or
// breadcrumb trails are not chrome: news sites end the trail with the headline <h1>
// (excluding them lost 4-5 dev pages; sidebar/widget/comment/li wrappers lost 6 to 20).
bool in_chrome(const xmlNode* h) {
  bool h2 = is_tag(h, "h2");
  int depth = 0;
  for (const xmlNode* p = h; p != nullptr && is_element(p) && ++depth <= 64; p = p->parent) {
    if (is_tag(p, "body")) break;
    if (h2 && is_tag(p, "nav")) return true;
    if (ascii_lower(attr(p, "class") + " " + attr(p, "id")).find("newsletter") != std::string::npos)
      return true;
  }
  return false;
}

}  // namespace

heading read_heading(const xmlNode* h, const std::string& page_url) {
  static constexpr std::string_view kKicker[] = {
      "kicker",    "dachzeile",  "overline",        "topline",   "roofline",      "eyebrow",
      "topic",     "label",      "visually-hidden", "sr-only",   "screen-reader", "spitzmarke",
      "invisible", "supertitle", "pretitle",        "overtitle", "small"};
  heading out;
  std::string raw;
  const xmlNode* part = nullptr;  // an inner span classed as the headline proper
  // Bounded: an unclosed heading or a "headline"-classed wrapper can hold the rest of the
  // page, and nested ones must not make the metadata pass quadratic.
  size_t visited = 0;
  walk(const_cast<xmlNode*>(h), [&](xmlNode* c) {
    if (++visited > 2000 || raw.size() > 2000) {
      out.truncated = true;
      return false;
    }
    if (c->type == XML_TEXT_NODE && c->content != nullptr) {
      raw += reinterpret_cast<const char*>(c->content);
      return false;
    }
    if (!is_element(c)) return false;
    std::string_view nm = name_of(c);
    if (nm == "script" || nm == "style" || nm == "noscript" || nm == "template") return false;
    if (nm == "a" && home_href(page_url, attr(c, "href"))) out.site = true;
    if (c != h) {
      if (nm == "small") return false;  // Bootstrap's secondary heading text
      std::string cls = ascii_lower(attr(c, "class") + " " + attr(c, "id"));
      for (std::string_view k : kKicker)
        if (cls.find(k) != std::string::npos) return false;
      if (part == nullptr && nm != "a" && cls.find("sub") == std::string::npos &&
          (cls.find("headline") != std::string::npos || cls.find("title") != std::string::npos))
        part = c;
    }
    if (nm == "br" || nm == "div" || nm == "span" || nm == "p") raw.push_back(' ');
    return true;
  });
  out.text = collapse_ws(raw);
  // <h1><span class="fake-h5">Kicker</span><span class="headline">Headline</span></h1>
  if (part != nullptr && !out.truncated) {
    std::string t = text_of(part);
    if (words(t) >= 3 && t.size() < out.text.size() && t.size() * 2 >= out.text.size() &&
        !t.ends_with(':'))
      out.text = t;  // not the first line of a two-line headline ("Krach vor …:")
  }
  out.text = drop_leading_date(out.text);
  // An emptied kicker leaves its separator behind (": Wie Firmen …").
  while (!out.text.empty() && std::string_view(":|-/").find(out.text[0]) != std::string_view::npos)
    out.text = collapse_ws(out.text.substr(1));
  if (out.text.empty()) out.text = text_of(h);  // the whole heading was one kicker-like span
  site_test t{{}, host_labels(page_url), {}};
  if (!out.site && words(out.text) <= 3 && t(out.text)) out.site = true;
  out.chrome = in_chrome(h);
  return out;
}

namespace {

// The headline h continues title with more words ("Ultium Cells erhöht Gigafactory-Kapazität"
// + " in Tennessee"), rather than adding a kicker, section, date or site behind a separator.
bool continues(const std::string& h, const std::string& title) {
  std::string lh = ascii_lower(h), lt = ascii_lower(title);
  if (lt.empty() || !lh.starts_with(lt) || lh.size() == lt.size()) return false;
  std::string rest = collapse_ws(std::string_view(h).substr(title.size()));
  if (rest.empty() || h[title.size()] != ' ') return false;
  unsigned char c = static_cast<unsigned char>(rest[0]);
  return (c >= 0x80 || std::isalnum(c)) && !find_text_date(rest);
}

// How many of a's words (squashed, 2+ characters) occur in b.
size_t shared_words(std::string_view a, std::string_view b) {
  std::string hay = " ";
  size_t start = 0;
  for (size_t i = 0; i <= b.size(); ++i)
    if (i == b.size() || b[i] == ' ') {
      hay += squash(b.substr(start, i - start)) + " ";
      start = i + 1;
    }
  size_t n = 0;
  start = 0;
  for (size_t i = 0; i <= a.size(); ++i)
    if (i == a.size() || a[i] == ' ') {
      std::string w = squash(a.substr(start, i - start));
      start = i + 1;
      n += w.size() >= 2 && hay.find(" " + w + " ") != std::string::npos;
    }
  return n;
}

bool starts_like_text(std::string_view s) {
  unsigned char c = s.empty() ? 0 : static_cast<unsigned char>(s[0]);
  return c >= 0x80 || std::isalnum(c) || c == '"' || c == '\'';
}

// squash() without typographic punctuation: „Aus“ and "Aus", – and -, compare equal.
std::string squash_words(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    auto n = i + 1 < s.size() ? static_cast<unsigned char>(s[i + 1]) : 0;
    if (c == 0xE2 && (n == 0x80 || n == 0x81)) {  // U+2000-U+207F: dashes, quotes, spaces
      i += 2;
      continue;
    }
    if (c == 0xC2 && (n == 0xAB || n == 0xBB || n == 0xA0)) {  // « » and no-break space
      ++i;
      continue;
    }
    if (c >= 0x80 || std::isalnum(c)) out.push_back(static_cast<char>(std::tolower(c)));
  }
  return out;
}

bool same_words(std::string_view a, std::string_view b) {
  return !a.empty() && squash_words(a) == squash_words(b);
}

// Corrections from the page's other headings once a headline is chosen:
// - an <h2> repeating the JSON-LD headline word for word names the article the way its
//   metadata does (og:title agreeing), where the <h1> is another wording (the <title>); not
//   og:title alone, which DuMont sites repeat as a teaser <h2> under the annotated <h1>;
// - "Kicker: Headline" whose "Headline" part is a heading of its own, or which the other of
//   <title>/og:title ends with behind another kicker ("Site | Vorschauen: Anno 1800 Beta"):
//   the kicker is not part of the headline;
// - an <h2> or headline-styled block that continues the chosen headline behind a dash
//   ("… Teil 49" + " – Büssing-NAG (Baujahre 1931 – 1945)") is its full form.
std::string refine(const title_inputs& in, std::string out, const std::string& h1) {
  if (words(in.headline) >= 3 && !same_words(out, in.headline) &&
      (in.og_title.empty() || same_words(in.og_title, in.headline)))
    for (const heading& h : in.h2s)
      if (!h.site && same_words(h.text, in.headline) && !same_words(h.text, h1)) return h.text;
  size_t colon = out.rfind(": ");
  if (colon != std::string::npos && colon > 0) {
    std::string kicker = out.substr(0, colon), rest = collapse_ws(out.substr(colon + 2));
    if (words(rest) >= 2 && words(kicker) <= 3) {
      for (const auto* v : {&in.h1s, &in.h2s})
        for (const heading& h : *v)
          if (!h.site && same_words(h.text, rest)) return h.text;
      for (const std::string* other : {&in.title_tag, &in.og_title}) {
        std::string lo = ascii_lower(*other), lr = ascii_lower(rest);
        if (lo.size() > lr.size() + 2 && lo.ends_with(": " + lr) && !ci_contains(*other, kicker))
          return rest;
      }
    }
  }
  if (words(out) >= 2) {
    std::string lo = ascii_lower(out);
    for (const auto* v : {&in.h2s, &in.styled})
      for (const heading& h : *v) {
        if (h.site || h.text.size() <= out.size() + 4) continue;
        std::string lh = ascii_lower(h.text);
        for (std::string_view sep : {" – ", " - ", " — "})
          if (lh.starts_with(lo + std::string(sep)) &&
              words(std::string_view(h.text).substr(out.size() + sep.size())) >= 2)
            return h.text;
      }
  }
  return out;
}

void trace(const title_inputs& in, const std::string& out) {
  if (!debug()) return;
  std::fprintf(stderr, "title: headline=%s | og=%s | <title>=%s | site=%s\n", in.headline.c_str(),
               in.og_title.c_str(), in.title_tag.c_str(), in.site_name.c_str());
  for (const auto* v : {&in.h1s, &in.h2s})
    for (const heading& h : *v)
      std::fprintf(stderr, "  h%d%s%s %s\n", v == &in.h1s ? 1 : 2, h.site ? " site" : "",
                   h.chrome ? " chrome" : "", h.text.c_str());
  std::fprintf(stderr, "  -> %s\n", out.c_str());
}

std::string choose_title_impl(const title_inputs& in) {
  site_test is_site{{}, host_labels(in.url), {}};
  if (!in.site_name.empty()) is_site.names.push_back(squash(in.site_name));
  if (!in.site_name.empty()) is_site.raw.push_back(in.site_name);
  for (const heading& h : in.h1s)
    if (h.site && !squash(h.text).empty()) {
      is_site.names.push_back(squash(h.text));
      is_site.raw.push_back(h.text);
    }
  // The headline <h1>: the longest one the <title> or og:title repeats (the site name is
  // repeated too, so logo headings are out first), or the only one.
  std::string confirm = in.title_tag + " \x1f " + in.og_title;
  std::vector<const heading*> real;  // no logo, no menu heading, each text once
  for (const heading& h : in.h1s)
    if (!h.site && !h.chrome &&
        std::none_of(real.begin(), real.end(), [&](const heading* r) { return r->text == h.text; }))
      real.push_back(&h);
  // A one-word <h1> after the headline is a section label in the body ("Anwendung").
  auto first_long =
      std::find_if(real.begin(), real.end(), [](const heading* r) { return words(r->text) >= 3; });
  if (first_long != real.end())
    real.erase(std::remove_if(first_long + 1, real.end(),
                              [](const heading* r) { return words(r->text) <= 1; }),
               real.end());
  auto confirmed = [&](const heading* h) {
    return words(h->text) >= 2 && utf8_len(h->text) >= 4 && ci_contains(confirm, h->text);
  };
  // No <h1> the <title> or og:title confirms, nor one worded like them ("ll Climate Clock …",
  // a typo): blogs and CMS pages style the headline as an <h2> ("entry-title",
  // "page-header"); the longest confirmed one outside navigation.
  // Else, on a page without any <h1>, an <h2> worded like the <title> ("Projektwettbewerb
  // Neubau Werkstattgebäude WSL Birmensdorf" for "Neubau Werkstattgebäude - Neubau WSL …").
  auto worded_like = [&](const heading* h, size_t num, size_t den) {
    return shared_words(h->text, confirm) * den > words(h->text) * num;
  };
  if (std::none_of(real.begin(), real.end(), [&](const heading* h) {
        return confirmed(h) || (words(h->text) >= 2 && worded_like(h, 1, 2));
      })) {
    const heading* best = nullptr;
    for (const heading& h : in.h2s)
      if (!h.chrome && !h.site && confirmed(&h) && (real.empty() || words(h.text) >= 3) &&
          (best == nullptr || utf8_len(h.text) > utf8_len(best->text)))
        best = &h;
    for (const heading& h : in.h2s)
      if (best == nullptr && real.empty() && !h.chrome && !h.site && words(h.text) >= 3 &&
          worded_like(&h, 2, 3))
        best = &h;
    // The page's only <h2> is the headline of a page the <title> names by its section or
    // page name ("der Schreibstil - Site" over "Schreiben Sie Informationen für Ihre
    // Zielgruppe", "BeginnersGuide/Download - Wiki") when there is no <h1> or only menu
    // labels (several one-word <h1>s: "Page", "User"; a lone one-word <h1> names the page,
    // "Chorgeschichte", and is what annotators take). One starting with decoration ("[> ")
    // is a styled label, not a headline; one under a logo <h1> is the site's tagline
    // ("<h1 class=site-title>" + "<h2 class=site-description>").
    bool logo = std::any_of(in.h1s.begin(), in.h1s.end(), [](const heading& h) { return h.site; });
    bool menu_h1s =
        !logo && real.size() != 1 &&
        std::all_of(real.begin(), real.end(), [](const heading* h) { return words(h->text) <= 1; });
    if (best == nullptr && menu_h1s && in.h2s.size() == 1 && !in.h2s[0].site &&
        words(in.h2s[0].text) >= 2 && starts_like_text(in.h2s[0].text) &&
        in.h2s[0].text.find(" | ") == std::string::npos && !is_site(in.h2s[0].text))
      best = &in.h2s[0];
    if (best != nullptr) real.assign(1, best);
  }
  // No <h1> or <h2> headline at all (or a one-word <h1>, a section name): a block styled as
  // the headline ("<p class=plp-headline>").
  if ((real.empty() || (real.size() == 1 && words(real[0]->text) <= 1)) && !in.styled.empty())
    real.assign(1, &in.styled[0]);
  std::string h1;
  size_t candidates = real.size();
  for (const heading* h : real)
    if (utf8_len(h->text) > utf8_len(h1) && confirmed(h)) h1 = h->text;
  if (h1.empty() && candidates == 1) h1 = real[0]->text;
  // A one-word og:title the <title> does not repeat is a section name ("Pressemitteilungen").
  bool og_weak = words(in.og_title) == 1 && words(in.title_tag) >= 3 &&
                 !ci_contains(in.title_tag, in.og_title);
  std::string title = in.headline;
  if (title.empty() || is_site(title)) title = og_weak ? std::string() : in.og_title;
  // The visible headline: the page's only real <h1>, when it reads like one.
  // Not when it only adds to that title (a kicker, a date, the site: "Politics | Headline").
  // It may also continue that title without a separator: og:title "Schneesport mit Rücksicht
  // auf Wildtiere", <h1> "… Wildtiere Verhaltenstipps für …" (the headline's second line).
  if (candidates == 1 && words(h1) >= 3 && !is_site(h1) &&
      (title.empty() || !ci_contains(h1, title) || continues(h1, title)))
    title = h1;
  if (title.empty() || is_site(title)) title = h1;
  if (title.empty()) title = in.title_tag;
  // og:title / JSON-LD cut at an unescaped quote ('… a Biden de "incapacitado"' written inside
  // content="…"): the <title> holds the whole headline.
  if (!title.empty() && in.title_tag.size() > title.size() + 2 &&
      ascii_lower(in.title_tag).starts_with(ascii_lower(title))) {
    std::string_view rest = std::string_view(in.title_tag).substr(title.size());
    while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
    for (std::string_view q : {"\"", "\u201e", "\u201c", "\u00ab", "'"})
      if (rest.starts_with(q)) title = in.title_tag;
  }
  if (title.empty() && !in.h1s.empty()) title = in.h1s[0].text;
  std::string out = drop_site_segments(strip_site(title, h1, is_site), site_test{});
  out = refine(in, out, h1);
  // An unconfirmed lone <h1> that wraps the whole <title> carries a kicker: the <title> is
  // the headline.
  if (out == h1 && !ci_contains(confirm, h1) && words(in.title_tag) >= 3 &&
      ci_contains(h1, in.title_tag))
    out = in.title_tag;
  if (!out.empty() && !is_site(out)) return out;
  // Only the site's name so far: the post's heading is an h2/h3 the <title> repeats.
  for (const std::string& s : in.subheads)
    if (words(s) >= 2 && ci_contains(in.title_tag, s) && !is_site(s)) return s;
  // ... else the first <h2> outside navigation when it reads like a headline.
  if (in.h1s.empty() && !in.h2s.empty() && words(in.h2s[0].text) >= 3 && !is_site(in.h2s[0].text))
    return in.h2s[0].text;
  std::string t = strip_site(in.title_tag, h1, is_site);
  return t.empty() || is_site(t) ? out : t;
}

}  // namespace

// Bidi controls (LRM/RLM, ALM, embeddings, isolates) that Arabic and Hebrew CMSes wrap
// headlines in: invisible to readers, so not part of the title.
std::string strip_bidi_marks(std::string s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    auto b1 = i + 1 < s.size() ? static_cast<unsigned char>(s[i + 1]) : 0;
    auto b2 = i + 2 < s.size() ? static_cast<unsigned char>(s[i + 2]) : 0;
    if (c == 0xD8 && b1 == 0x9C) {  // U+061C
      ++i;
      continue;
    }
    if (c == 0xE2 && ((b1 == 0x80 && (b2 == 0x8E || b2 == 0x8F || (b2 >= 0xAA && b2 <= 0xAE))) ||
                      (b1 == 0x81 && b2 >= 0xA6 && b2 <= 0xA9))) {
      i += 2;
      continue;
    }
    out.push_back(s[i]);
  }
  size_t b = out.find_first_not_of(' '), e = out.find_last_not_of(' ');
  return b == std::string::npos ? std::string() : out.substr(b, e - b + 1);
}

std::string choose_title(const title_inputs& in) {
  std::string out = strip_bidi_marks(choose_title_impl(in));
  trace(in, out);
  return out;
}

}  // namespace newsd::extract::detail
