#include "connectors/extract/metadata.h"

#include <gtest/gtest.h>
#include <libxml/HTMLparser.h>

#include "connectors/extract/date_parse.h"

namespace newsd::extract::detail {
namespace {

metadata meta_of(const std::string& html, const std::string& url) {
  htmlDocPtr doc = htmlReadMemory(html.data(), static_cast<int>(html.size()), nullptr, "UTF-8",
                                  HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                      HTML_PARSE_NONET);
  metadata m = read_metadata(doc, url);
  xmlFreeDoc(doc);
  return m;
}

TEST(Metadata, JsonLdArticleBeatsWebPageAndMetaTags) {
  auto m = meta_of(
      "<html><head><title>Headline here - Site</title>"
      "<link rel=\"canonical\" href=\"/news/1\">"
      "<meta property=\"article:published_time\" content=\"2020-01-01T00:00:00Z\">"
      "<script type=\"application/ld+json\">{\"@graph\":[{\"@type\":\"WebPage\","
      "\"datePublished\":\"2019-01-01\",\"name\":\"Page\"},{\"@type\":\"NewsArticle\","
      "\"headline\":\"Headline here\",\"datePublished\":\"2023-09-06T14:15:00+03:00\","
      "\"author\":[{\"@type\":\"Person\",\"name\":\"Jane Roe\"},{\"@type\":\"Organization\","
      "\"name\":\"Wire\"}],\"publisher\":{\"@type\":\"Organization\",\"name\":\"Site\"}}]}"
      "</script></head><body><h1>Headline here</h1></body></html>",
      "https://e.example/section/page?x=1");
  EXPECT_EQ(m.title, "Headline here");
  EXPECT_EQ(m.site_name, "Site");
  ASSERT_EQ(m.authors.size(), 1u);
  EXPECT_EQ(m.authors[0], "Jane Roe");
  ASSERT_TRUE(m.published_ms);
  EXPECT_EQ(*m.published_ms, 1693998900000);
  EXPECT_EQ(m.canonical_url, "https://e.example/news/1");
}

TEST(Metadata, TitleSuffixStrippedAndTimeElementDate) {
  auto m = meta_of(
      "<html><head><title>Storm hits the coast | Daily Example</title>"
      "<meta property=\"og:site_name\" content=\"Daily Example\"></head>"
      "<body><time datetime=\"2021-03-04T05:06:07+01:00\">4 March</time></body></html>",
      "");
  EXPECT_EQ(m.title, "Storm hits the coast");
  ASSERT_TRUE(m.published_ms);
  EXPECT_EQ(*m.published_ms, 1614830767000);
}

TEST(DateParse, Formats) {
  EXPECT_EQ(parse_date("2023-09-06"), 1693958400000);
  EXPECT_EQ(parse_date("2023-09-06 14:15:00"), 1694009700000);
  EXPECT_EQ(parse_date("2023-09-06T14:15:00.000+0300"), 1693998900000);
  EXPECT_FALSE(parse_date("yesterday"));
  EXPECT_EQ(date_from_url("https://e.example/world/2023/09/06/story"), 1693958400000);
  EXPECT_EQ(date_from_url("https://e.example/2023-09-06-story"), 1693958400000);
  EXPECT_FALSE(date_from_url("https://e.example/id/12345678901"));
}

TEST(ResolveUrl, Forms) {
  EXPECT_EQ(resolve_url("https://a.example/x/y?q", "z"), "https://a.example/x/z");
  EXPECT_EQ(resolve_url("https://a.example/x/y", "/z"), "https://a.example/z");
  EXPECT_EQ(resolve_url("https://a.example/x/y", "//b.example/z"), "https://b.example/z");
  EXPECT_EQ(resolve_url("https://a.example/x/y", "http://c.example/"), "http://c.example/");
}

}  // namespace
}  // namespace newsd::extract::detail
