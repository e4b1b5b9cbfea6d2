#include <simdjson.h>

#include <string>
#include <string_view>

#include "connectors/extract/date_parse.h"
#include "connectors/extract/dom.h"
#include "connectors/extract/metadata.h"

namespace newsd::extract::detail {
namespace {

using simdjson::dom::element;

std::string str(element e) {
  std::string_view s;
  if (e.get_string().get(s) == simdjson::SUCCESS) return collapse_ws(s);
  return {};
}

std::string field(element obj, const char* key) {
  element v;
  if (obj.at_key(key).get(v) != simdjson::SUCCESS) return {};
  if (v.is_array()) {
    for (element x : v.get_array()) {
      std::string s = str(x);
      if (!s.empty()) return s;
    }
    return {};
  }
  if (v.is_object()) {
    std::string s = field(v, "name");
    return s;
  }
  return str(v);
}

bool type_is(element obj, std::initializer_list<std::string_view> names) {
  element t;
  if (obj.at_key("@type").get(t) != simdjson::SUCCESS) return false;
  auto match = [&](element x) {
    std::string_view s;
    if (x.get_string().get(s) != simdjson::SUCCESS) return false;
    for (auto n : names)
      if (s == n) return true;
    return false;
  };
  if (t.is_array()) {
    for (element x : t.get_array())
      if (match(x)) return true;
    return false;
  }
  return match(t);
}

void add_authors(element v, std::vector<std::string>& out) {
  if (v.is_array()) {
    for (element x : v.get_array()) add_authors(x, out);
    return;
  }
  if (v.is_object()) {
    if (type_is(v, {"Organization", "NewsMediaOrganization", "Corporation"})) return;
    std::string n = field(v, "name");
    if (!n.empty()) out.push_back(n);
    return;
  }
  std::string s = str(v);
  if (!s.empty() && !s.starts_with("http")) out.push_back(s);
}

void visit_article(element obj, metadata& m, std::string& headline) {
  if (headline.empty()) headline = field(obj, "headline");
  if (headline.empty() && type_is(obj, {"NewsArticle", "Article", "ReportageNews"}))
    headline = field(obj, "name");
  if (!m.published_ms) {
    std::string d = field(obj, "datePublished");
    if (d.empty()) d = field(obj, "dateCreated");
    if (!d.empty()) m.published_ms = parse_date(d, &m.published_offset_min);
  }
  int off = 0;
  if (auto mod = parse_date(field(obj, "dateModified"), &off))
    m.modified_days.push_back(local_day(*mod, off));
  element v;
  if (m.authors.empty() && obj.at_key("author").get(v) == simdjson::SUCCESS)
    add_authors(v, m.authors);
  if (m.site_name.empty() && obj.at_key("publisher").get(v) == simdjson::SUCCESS && v.is_object())
    m.site_name = field(v, "name");
  if (m.article_body.empty()) {
    std::string_view body;
    if (obj.at_key("articleBody").get(v) == simdjson::SUCCESS &&
        v.get_string().get(body) == simdjson::SUCCESS)
      m.article_body = std::string(body);
  }
}

// Breadth over the JSON-LD graph with an explicit stack: arrays and @graph nest freely.
void visit(element root, metadata& m, std::string& headline, bool weak) {
  std::vector<std::pair<element, int>> stack{{root, 0}};
  while (!stack.empty()) {
    auto [e, depth] = stack.back();
    stack.pop_back();
    if (depth > 8) continue;
    if (e.is_array()) {
      auto arr = e.get_array();
      std::vector<element> items(arr.begin(), arr.end());
      for (auto it = items.rbegin(); it != items.rend(); ++it) stack.push_back({*it, depth + 1});
      continue;
    }
    if (!e.is_object()) continue;
    bool article =
        type_is(e, {"NewsArticle", "Article", "BlogPosting", "ReportageNews", "AnalysisNewsArticle",
                    "OpinionNewsArticle", "BackgroundNewsArticle", "LiveBlogPosting", "TechArticle",
                    "ScholarlyArticle", "Report", "SocialMediaPosting", "Blog", "HowTo", "Recipe"});
    bool page = type_is(e, {"WebPage", "ItemPage"});
    if (weak ? page : article) {
      visit_article(e, m, headline);
    } else if (type_is(e, {"WebSite", "Organization", "NewsMediaOrganization"}) &&
               m.site_name.empty()) {
      m.site_name = field(e, "name");
    }
    element g;
    if (e.at_key("@graph").get(g) == simdjson::SUCCESS) stack.push_back({g, depth + 1});
  }
}

}  // namespace

void read_jsonld(const std::vector<std::string>& scripts, metadata& m, std::string& headline) {
  static thread_local simdjson::dom::parser parser;
  for (int weak = 0; weak < 2; ++weak) {
    for (const std::string& json : scripts) {
      std::string_view s = json;
      // Some CMSes wrap the data in HTML comments or CDATA markers.
      while (!s.empty() && s.front() != '{' && s.front() != '[') s.remove_prefix(1);
      while (!s.empty() && s.back() != '}' && s.back() != ']') s.remove_suffix(1);
      if (s.empty()) continue;
      simdjson::padded_string padded(s);
      element root;
      if (parser.parse(padded).get(root) != simdjson::SUCCESS) continue;
      // Article objects first (all scripts), then WebPage objects for what is still missing.
      visit(root, m, headline, weak == 1);
    }
  }
}

}  // namespace newsd::extract::detail
