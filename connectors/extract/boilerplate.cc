#include "connectors/extract/boilerplate.h"

#include <array>
#include <string>
#include <vector>

#include "connectors/extract/dom.h"

namespace newsd::extract::detail {
namespace {

template <size_t N>
bool in(std::string_view s, const std::array<std::string_view, N>& list) {
  for (auto x : list)
    if (s == x) return true;
  return false;
}

// Words of class/id values split at non-alphanumerics: "share-bar_top" -> share, bar, top.
std::vector<std::string> words_of(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (alnum) {
      cur.push_back(c);
    } else if (!cur.empty()) {
      out.push_back(std::move(cur));
      cur.clear();
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

// Words that mark chrome whatever the element holds.
constexpr std::array<std::string_view, 48> kStrongWords = {
    "share",      "shares",      "sharing",         "sharebar",   "social",
    "socials",    "comment",     "comments",        "kommentare", "related",
    "newsletter", "cookie",      "cookies",         "consent",    "gdpr",
    "breadcrumb", "breadcrumbs", "sidebar",         "sidebars",   "outbrain",
    "taboola",    "recommended", "recommendations", "trending",   "subscribe",
    "modal",      "popup",       "masthead",        "nav",        "navbar",
    "navigation", "menu",        "footer",          "ticker",     "byline",
    "pagination", "pager",       "toolbar",         "disqus",     "respond",
    "replies",    "addthis",     "mostread",        "readmore",   "readalso",
    "dfp",        "promo",       "promos"};

// Words that mark chrome only on elements with little paragraph text: they also
// appear as modifiers on content blocks ("Section--Ads", "field--label-hidden").
constexpr std::array<std::string_view, 42> kWeakWords = {
    "widget",  "widgets",       "ad",          "ads",     "adv",      "advert",
    "adverts", "advertisement", "advertising", "banner",  "sponsor",  "sponsored",
    "popular", "subscription",  "author",      "authors", "tags",     "tag",
    "taglist", "keywords",      "print",       "skip",    "rating",   "credit",
    "credits", "copyright",     "meta",        "date",    "login",    "signin",
    "search",  "follow",        "donate",      "sticky",  "latest",   "urgent",
    "gpt",     "caption",       "figcaption",  "source",  "lightbox", "header"};

constexpr std::array<std::string_view, 16> kChromePhrases = {
    "read-also",  "read_also",     "readalso",        "read-more",
    "readmore",   "more-news",     "most-read",       "most-viewed",
    "mostviewed", "twitter-tweet", "instagram-media", "tiktok-embed",
    "fb-post",    "sr-only",       "visually-hidden", "screen-reader"};

constexpr std::array<std::string_view, 13> kGoodWords = {
    "article", "articlebody", "body", "content", "entry",     "hentry", "main",
    "post",    "story",       "text", "blog",    "storytext", "prose"};

constexpr std::array<std::string_view, 22> kBadWords = {
    "banner",  "comment",    "comments", "contact",  "foot",    "footer", "footnote", "masthead",
    "media",   "meta",       "outbrain", "promo",    "related", "scroll", "share",    "shoutbox",
    "sidebar", "skyscraper", "sponsor",  "shopping", "tags",    "widget"};

std::string hints_of(const xmlNode* n) {
  return ascii_lower(attr(n, "class") + " " + attr(n, "id"));
}

}  // namespace

bool is_dropped_tag(std::string_view t) {
  // nav/aside/footer are chrome too, but judged in is_chrome: libxml2's HTML4 parser can
  // nest the whole article inside an unclosed <aside>.
  static constexpr std::array<std::string_view, 24> k = {
      "rt",     "rp",     "script", "style",  "noscript", "template", "svg",    "math",
      "iframe", "object", "embed",  "canvas", "button",   "input",    "select", "textarea",
      "dialog", "video",  "audio",  "map",    "head",     "link",     "meta",   "menu"};
  return in(t, k);
}

bool is_hidden(const xmlNode* n) {
  if (has_attr(n, "hidden")) return true;
  if (attr(n, "aria-hidden") == "true") return true;
  std::string style = ascii_lower(attr(n, "style"));
  if (style.empty()) return false;
  std::string s;
  for (char c : style)
    if (c != ' ') s.push_back(c);
  return s.find("display:none") != std::string::npos ||
         s.find("visibility:hidden") != std::string::npos;
}

bool is_chrome(const xmlNode* n, bool text_rich) {
  std::string_view tag = name_of(n);
  if (tag == "html" || tag == "body" || tag == "main" || tag == "article") return false;
  if (tag == "nav" || tag == "aside" || tag == "footer") return true;
  std::string role = ascii_lower(attr(n, "role"));
  if (role == "navigation" || role == "banner" || role == "contentinfo" ||
      role == "complementary" || role == "dialog" || role == "search" || role == "menu" ||
      role == "menubar" || role == "alertdialog")
    return true;
  std::string h = hints_of(n);
  if (h.size() <= 1) return false;
  if (h.find("articlebody") != std::string::npos || attr(n, "itemprop") == "articleBody")
    return false;
  for (auto p : kChromePhrases)
    if (h.find(p) != std::string::npos) return true;
  bool strong = false, weak = false, good = false;
  for (const std::string& w : words_of(h)) {
    strong = strong || in(w, kStrongWords);
    weak = weak || in(w, kWeakWords);
    good = good || in(w, kGoodWords);
  }
  // "entry themeform share" holds the article: a content word on a text-rich block wins.
  if (text_rich && good) return false;
  // WordPress article wrappers carry "tag-xyz category-abc" classes: not chrome words there.
  bool wp_post = h.find("hentry") != std::string::npos || h.find("type-post") != std::string::npos;
  return strong || (!text_rich && !wp_post && weak);
}

int class_weight(const xmlNode* n) {
  std::string h = hints_of(n);
  int w = 0;
  if (attr(n, "itemprop") == "articleBody") w += 50;
  if (h.size() <= 1) return w;
  bool good = false, bad = false;
  for (const std::string& word : words_of(h)) {
    good = good || in(word, kGoodWords);
    bad = bad || in(word, kBadWords);
  }
  if (h.find("articlebody") != std::string::npos || h.find("article-body") != std::string::npos ||
      h.find("entry-content") != std::string::npos || h.find("post-content") != std::string::npos ||
      h.find("story-body") != std::string::npos)
    w += 25;
  return w + (good ? 25 : 0) - (bad ? 25 : 0);
}

bool starts_with_read_also(std::string_view t) {
  static constexpr std::array<std::string_view, 34> k = {
      "اقرأ أيضا",      "اقرأ أيضًا",      "اقرأ أيضاً",      "إقرأ أيضا",        "إقرأ أيضًا",
      "إقرأ أيضاً",      "اقرأ كذلك",      "اقرأ المزيد",    "شاهد أيضا",        "شاهد أيضًا",
      "طالع أيضا",      "طالع أيضًا",      "مواضيع ذات صلة", "أخبار ذات صلة",    "موضوعات ذات صلة",
      "اقرأ ايضا",      "Read also",      "Read more",      "READ MORE",        "Read More",
      "See also",       "Also read",      "ALSO READ",      "Related:",         "RELATED:",
      "Lesen Sie auch", "Lesen Sie mehr", "Mehr zum Thema", "Auch interessant", "Lire aussi",
      "À lire aussi",   "Lire également", "Leggi anche",    "Zobacz też"};
  for (auto p : k)
    if (t.starts_with(p)) return true;
  return false;
}

bool is_chrome_line(std::string_view l) {
  static constexpr std::array<std::string_view, 24> exact = {"مشاركة",
                                                             "مشاركة :",
                                                             "مشاركة:",
                                                             "شارك",
                                                             "شارك الخبر",
                                                             "شارك الخبر:",
                                                             "تابعونا",
                                                             "تابعونا على",
                                                             "إعلان",
                                                             "اعلان",
                                                             "Share",
                                                             "Share this",
                                                             "Share this article",
                                                             "Advertisement",
                                                             "ADVERTISEMENT",
                                                             "Anzeige",
                                                             "Werbung",
                                                             "Teilen",
                                                             "Tweet",
                                                             "Print",
                                                             "Email",
                                                             "Drucken",
                                                             "Publicité",
                                                             "Reklama"};
  if (in(l, exact)) return true;
  // Source and picture credit lines, as the Arabic "المصدر:" ones.
  static constexpr std::array<std::string_view, 17> prefix = {
      "رئيس التحرير", "المصدر:",     "المصدر :",      "تابعونا على",    "Quelle:",   "Quelle :",
      "Titelbild:",   "Bildquelle:", "Bildnachweis:", "Fotonachweis:",  "Foto:",     "Fotos:",
      "Photo:",       "Source:",     "Credit:",       "Crédits photos", "Category :"};
  for (auto p : prefix)
    if (l.starts_with(p) && utf8_len(l) < 80) return true;
  return false;
}

bool is_lead(const xmlNode* n) {
  if (attr(n, "itemprop") == "description") return true;
  static constexpr std::array<std::string_view, 14> k = {
      "lead",     "leadtext", "intro",    "introduction", "teaser", "standfirst", "summary",
      "abstract", "excerpt",  "subtitle", "subheadline",  "deck",   "dek",        "sapo"};
  for (const std::string& w : words_of(hints_of(n)))
    if (in(w, k)) return true;
  return false;
}

bool is_block_tag(std::string_view t) {
  static constexpr std::array<std::string_view, 36> k = {
      "p",      "div",        "section", "article", "main",     "header", "footer", "aside",
      "h1",     "h2",         "h3",      "h4",      "h5",       "h6",     "ul",     "ol",
      "li",     "dl",         "dt",      "dd",      "table",    "tr",     "pre",    "blockquote",
      "figure", "figcaption", "address", "form",    "fieldset", "hr",     "center", "body",
      "tbody",  "thead",      "details", "summary"};
  return in(t, k);
}

}  // namespace newsd::extract::detail
