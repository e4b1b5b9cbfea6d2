#include "connectors/extract/title_site.h"

#include <cctype>
#include <string_view>

#include "connectors/extract/date_parse.h"
#include "connectors/extract/dom.h"
#include "connectors/extract/metadata.h"

namespace newsd::extract::detail {

// Lower-case ASCII letters and digits plus every non-ASCII byte: "Petri-Heil.ch" and
// "petri heil ch" compare equal.
std::string squash(std::string_view s) {
  std::string out;
  for (char c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u >= 0x80 || std::isalnum(u)) out.push_back(static_cast<char>(std::tolower(u)));
  }
  return out;
}

bool ci_contains(std::string_view hay, std::string_view needle) {
  return !needle.empty() && ascii_lower(hay).find(ascii_lower(needle)) != std::string::npos;
}

// Space-separated tokens holding a letter or digit ("OutdoorNews | Eintrag" has two).
size_t words(std::string_view s) {
  size_t n = 0;
  bool in = false, alnum = false;
  for (size_t i = 0; i <= s.size(); ++i) {
    bool sp = i == s.size() || s[i] == ' ';
    if (sp) {
      n += in && alnum;
      in = alnum = false;
      continue;
    }
    in = true;
    unsigned char u = static_cast<unsigned char>(s[i]);
    alnum = alnum || u >= 0x80 || std::isalnum(u);
  }
  return n;
}

namespace {

// The page's address; an archive copy (".../web/2008.../http://www.site.de/...") counts as
// the archived address.
std::string_view real_url(std::string_view url) {
  size_t p = url.rfind("http://");
  size_t q = url.rfind("https://");
  if (p == std::string_view::npos || (q != std::string_view::npos && q > p)) p = q;
  return p == std::string_view::npos ? url : url.substr(p);
}

}  // namespace

// Host name labels without "www" and the top-level domain, squashed: "petriheil".
std::vector<std::string> host_labels(std::string_view url) {
  url = real_url(url);
  size_t s = url.find("://");
  if (s == std::string_view::npos) return {};
  std::string_view host = url.substr(s + 3);
  host = host.substr(0, host.find_first_of("/?#:"));
  std::vector<std::string> out;
  while (!host.empty()) {
    size_t dot = host.find('.');
    if (dot == std::string_view::npos) break;  // the TLD
    std::string l = squash(host.substr(0, dot));
    if (l != "www" && l.size() >= 4) out.push_back(l);
    host.remove_prefix(dot + 1);
  }
  return out;
}

// A link to the site's home page ("/", "https://site.de", an archived copy of it).
bool home_href(const std::string& page_url, const std::string& href) {
  std::string u = resolve_url(page_url, href);
  std::string_view r = real_url(u);
  size_t s = r.find("://");
  if (s == std::string_view::npos) return false;
  size_t p = r.find_first_of("/?#", s + 3);
  if (p == std::string_view::npos) return true;
  std::string_view path = r.substr(p);
  return path == "/" || path.starts_with("/index.") || path.starts_with("/?") ||
         path.starts_with("/#");
}

bool site_test::operator()(std::string_view seg) const {
  std::string q = squash(seg);
  if (q.empty()) return false;
  for (const std::string& n : names)
    if (q == n) return true;
  if (words(seg) > 4) return false;
  for (const std::string& l : labels)
    if ((q.starts_with(l) || (suffix && q.find(l) != std::string::npos)) &&
        q.size() <= l.size() + 24)
      return true;
  return false;
}

namespace {

constexpr std::string_view kSeps[] = {" | ", " - ", " – ", " — ", " :: ", " · ", " » ",
                                      " « ", " / ", " : ", " • ", " │ ",  "|"};

// "Headline | AOC media - Analyse Opinion Critique": a site name that itself holds a
// separator goes first, whole.
// Blogger writes "Blog name: Post title".
constexpr std::string_view kNameSeps[] = {" | ", " - ", " – ", " — ", " :: ", " · ", " » ",
                                          " « ", " / ", " : ", " • ", " │ ",  "|",   ": "};

std::string drop_site_name(const std::string& title, const std::vector<std::string>& sites) {
  std::string lt = ascii_lower(title);
  for (const std::string& site : sites) {
    std::string ls = ascii_lower(site);
    if (ls.empty() || ls.size() + 3 >= lt.size()) continue;
    for (std::string_view sep : kNameSeps) {
      std::string sp(sep);
      if (lt.ends_with(sp + ls))
        return collapse_ws(title.substr(0, title.size() - ls.size() - sp.size()));
      if (lt.starts_with(ls + sp)) return collapse_ws(title.substr(ls.size() + sp.size()));
    }
  }
  return title;
}

bool generic_segment(std::string_view seg) {
  std::string q = squash(seg);
  if (q == "blogarchiv" || q == "blogarchive" || q == "archiv" || q == "archive" || q == "blog" ||
      q == "home" || q == "startseite" || q == "homepage")
    return true;
  // A bare date ("23.01.2022 - Headline").
  size_t digits = 0;
  for (char c : seg) digits += c >= '0' && c <= '9';
  return words(seg) <= 3 && digits * 2 >= q.size() && find_text_date(seg).has_value();
}

}  // namespace

// "Headline | Site", "Site » Blog Archiv » Headline", "Headline :: Site | tagline": drops
// the site's segment and what lies beyond it, then generic "Blog Archiv" segments.
std::string drop_site_segments(const std::string& title, const site_test& is_site) {
  std::vector<std::pair<size_t, size_t>> segs;  // [begin, end) byte ranges
  size_t begin = 0;
  for (size_t i = 0; i < title.size();) {
    size_t len = 0;
    for (std::string_view sep : kSeps)
      if (std::string_view(title).substr(i).starts_with(sep)) {
        len = sep.size();
        break;
      }
    if (len == 0) {
      ++i;
      continue;
    }
    segs.emplace_back(begin, i);
    i += len;
    begin = i;
  }
  segs.emplace_back(begin, title.size());
  if (segs.size() < 2) return title;
  auto text = [&](size_t k) {
    return collapse_ws(
        std::string_view(title).substr(segs[k].first, segs[k].second - segs[k].first));
  };
  // Exact site names first: a headline may contain the host name ("15 Jahre site.net").
  bool exact = false;
  for (size_t k = 0; k < segs.size() && !exact; ++k)
    for (const std::string& n : is_site.names) exact = exact || squash(text(k)) == n;
  site_test names_only{is_site.names, {}, {}};
  site_test with_suffix = is_site;
  with_suffix.suffix = true;
  const site_test& test = exact ? names_only : with_suffix;
  size_t lo = 0, hi = segs.size();
  for (size_t k = 0; k < hi; ++k) {
    if (!test(text(k))) continue;
    if (k == lo) {
      lo = k + 1;
    } else {
      hi = k;  // the site's name and a tagline after it
      break;
    }
  }
  while (hi - lo > 1 && generic_segment(text(lo))) ++lo;
  while (hi - lo > 1 && generic_segment(text(hi - 1))) --hi;
  // "Site - Headline - Section - News": after a leading site segment, short segments behind a
  // headline-length one are its section trail.
  if (lo > 0 && hi - lo >= 3 && words(text(lo)) >= 4) {
    bool trail = true;
    for (size_t k = lo + 1; k < hi && trail; ++k) trail = words(text(k)) <= 2;
    if (trail) hi = lo + 1;
  }
  if (lo >= hi || (lo == 0 && hi == segs.size())) return title;
  return collapse_ws(
      std::string_view(title).substr(segs[lo].first, segs[hi - 1].second - segs[lo].first));
}

std::string strip_site(const std::string& title, const std::string& h1, const site_test& is_site) {
  // The page's own headline repeats the whole title: " – Until Now" is part of it.
  if (!h1.empty() && ascii_lower(title) == ascii_lower(h1))
    return drop_site_segments(title, site_test{});  // only a date or "Blog" segment goes
  if (!h1.empty() && title != h1 && ci_contains(title, h1)) {
    size_t hl = utf8_len(h1), tl = utf8_len(title);
    if (hl * 2 >= tl) return h1;  // the title merely decorates the <h1> headline
    // "Kicker: Headline", "Headline - Section": the page's <h1> drops the kicker.
    std::string lt = ascii_lower(title), lh = ascii_lower(h1);
    for (std::string_view sep : {": ", " - ", " – ", " | "}) {
      bool pre = lt.starts_with(lh + std::string(sep));
      bool post = lt.ends_with(std::string(sep) + lh);
      if ((pre || post) && words(h1) >= 2 && hl * 100 >= tl * 35) return h1;
    }
  }
  std::string cut = drop_site_name(title, is_site.raw);
  cut = drop_site_segments(cut, is_site);
  if (cut != title) return cut;
  // CJK titles glue the site on without spaces: "武汉的声音：…城！-新华网".
  size_t dash = title.find_last_of("-_");
  if (dash != std::string::npos && dash > 0 && dash + 1 < title.size() &&
      static_cast<unsigned char>(title[dash - 1]) >= 0x80 &&
      static_cast<unsigned char>(title[dash + 1]) >= 0x80) {
    std::string right = title.substr(dash + 1);
    if (utf8_len(right) <= 8 && utf8_len(title) >= 3 * utf8_len(right) &&
        right.find_first_of(" -_") == std::string::npos)
      return collapse_ws(title.substr(0, dash));
  }
  // Else the shorter side of a single separator is the site.
  for (std::string_view sep : kSeps) {
    size_t p = title.rfind(sep);
    if (p == std::string::npos || p != title.find(sep) || sep == "|") continue;
    std::string left = collapse_ws(title.substr(0, p));
    std::string right = collapse_ws(title.substr(p + sep.size()));
    // A site name is no question and starts upper case ("– was lohnt sich?" is the headline's).
    bool name_like = !right.ends_with('?') && !right.ends_with('!') &&
                     (right.find('.') != std::string::npos ||
                      !std::islower(static_cast<unsigned char>(right[0])));
    if (name_like && utf8_len(right) * 2 < utf8_len(left) && utf8_len(right) < 40) return left;
  }
  return title;
}

}  // namespace newsd::extract::detail
