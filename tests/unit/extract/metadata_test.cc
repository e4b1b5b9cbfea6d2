#include "connectors/extract/metadata.h"
#include "tests/unit/extract/metadata_util.h"

#include <gtest/gtest.h>
#include <libxml/HTMLparser.h>

#include "common/time_util.h"
#include "connectors/extract/byline.h"
#include "connectors/extract/date_parse.h"

namespace newsd::extract::detail {
namespace {

TEST(Metadata, JsonLdArticleBeatsWebPageAndMetaTags) {
  auto m = metadata_of(
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
  auto m = metadata_of(
      "<html><head><title>Storm hits the coast | Daily Example</title>"
      "<meta property=\"og:site_name\" content=\"Daily Example\"></head>"
      "<body><time datetime=\"2021-03-04T05:06:07+01:00\">4 March</time></body></html>",
      "");
  EXPECT_EQ(m.title, "Storm hits the coast");
  ASSERT_TRUE(m.published_ms);
  EXPECT_EQ(*m.published_ms, 1614830767000);
}

TEST(TextDate, WrittenDatesInSeveralLanguages) {
  const int64_t day = 86400000LL;
  const int64_t sep6 = days_from_civil(2023, 9, 6) * day;
  EXPECT_EQ(find_text_date("Veröffentlicht am 06.09.2023 um 10:00"), sep6);
  EXPECT_EQ(find_text_date("6. September 2023"), sep6);
  EXPECT_EQ(find_text_date("Posted on September 6th, 2023 by Jane"), sep6);
  EXPECT_EQ(find_text_date("6 de septiembre de 2023"), sep6);
  EXPECT_EQ(find_text_date("le 6 sept. 2023"), sep6);
  EXPECT_EQ(find_text_date("Stand: 2023-09-06"), sep6);
  EXPECT_EQ(find_text_date("9/25/2023"), days_from_civil(2023, 9, 25) * day);
  EXPECT_FALSE(find_text_date("Marco kam am 45.13.2023 mit 12345 Euro"));
  EXPECT_FALSE(find_text_date("Maybe 2023"));
}

TEST(Metadata, DatelineUnderHeadlineAndConfirmedH1) {
  auto m = metadata_of(
      "<html><head><title>The real story - Blog</title></head><body>"
      "<h1>Blog</h1><div class=\"post\"><h1>The real story</h1>"
      "<span>Published May 3, 2022</span><p>Text.</p></div></body></html>",
      "https://blog.example/post");
  EXPECT_EQ(m.title, "The real story");
  ASSERT_TRUE(m.published_ms);
  EXPECT_EQ(*m.published_ms, days_from_civil(2022, 5, 3) * 86400000LL);
}

TEST(Metadata, DoublyEscapedOgTitle) {
  auto m = metadata_of(
      "<html><head><meta property=\"og:title\" content=\"A &amp;#8222;quoted&amp;#8220; "
      "title &amp;quot;x&amp;quot;\"></head><body></body></html>",
      "");
  EXPECT_EQ(m.title, "A \xE2\x80\x9Equoted\xE2\x80\x9C title \"x\"");
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

TEST(DateParse, LocalMidnightKeepsTheStatedDate) {
  // A date written as local midnight is a date, not an instant: no shift to the day before.
  EXPECT_EQ(parse_date("2022-01-28T00:00:00+01:00"), parse_date("2022-01-28"));
  EXPECT_EQ(parse_date("2022-01-28T00:00:00.000-05:00"), parse_date("2022-01-28"));
  // A real time keeps its offset (published_at is UTC).
  EXPECT_EQ(parse_date("2022-05-03T20:36:00-04:00"), parse_date("2022-05-04T00:36:00Z"));
  EXPECT_EQ(parse_date("2022-01-28T00:30:00+01:00"), parse_date("2022-01-27T23:30:00Z"));
}

TEST(Byline, NamesOnly) {
  using V = std::vector<std::string>;
  EXPECT_EQ(parse_byline("By Jane Roe and John Doe | 12 May 2022", false),
            (V{"Jane Roe", "John Doe"}));
  EXPECT_EQ(parse_byline("Von Max Muster, 12.01.2022", false), V{"Max Muster"});
  EXPECT_EQ(parse_byline("VON Ursula von der Leyen", false), V{"Ursula von der Leyen"});
  EXPECT_EQ(parse_byline("بقلم محمد علي", false), V{"محمد علي"});
  EXPECT_EQ(parse_byline("كتب: محمود غراب", false), V{"محمود غراب"});
  EXPECT_EQ(parse_byline("Sara Zinnecker Stand: 01.02.2022", true), V{"Sara Zinnecker"});
  EXPECT_EQ(parse_byline("Jane Roe Jane Roe", true), V{"Jane Roe"});
  // Not bylines: sentences, agencies, labels, lone words, too many words, no prefix.
  EXPECT_TRUE(parse_byline("By continuing to use this site you agree", false).empty());
  EXPECT_TRUE(parse_byline("Von Montag bis Freitag", false).empty());
  EXPECT_TRUE(parse_byline("By Reuters Staff", false).empty());
  EXPECT_TRUE(parse_byline("Method", true).empty());
  EXPECT_TRUE(parse_byline("By Jane Alice Maria Roe Smith", false).empty());
  EXPECT_TRUE(parse_byline("Jane Roe", false).empty());
}

TEST(Metadata, VisibleBylineWhenMetadataHasNoAuthor) {
  auto m = metadata_of(
      "<html><body><h1>Headline</h1><div class=\"byline\">By <a href=\"/a\">Jane Roe</a>"
      " &middot; 3 May 2022</div><p>Text.</p></body></html>",
      "");
  EXPECT_EQ(m.authors, std::vector<std::string>{"Jane Roe"});
  auto m2 = metadata_of(
      "<html><head><meta name=\"author\" content=\"Max Muster\"></head><body>"
      "<p class=\"author\">Von Erika Beispiel</p></body></html>",
      "");
  EXPECT_EQ(m2.authors, std::vector<std::string>{"Max Muster"});
}

TEST(ResolveUrl, Forms) {
  EXPECT_EQ(resolve_url("https://a.example/x/y?q", "z"), "https://a.example/x/z");
  EXPECT_EQ(resolve_url("https://a.example/x/y", "/z"), "https://a.example/z");
  EXPECT_EQ(resolve_url("https://a.example/x/y", "//b.example/z"), "https://b.example/z");
  EXPECT_EQ(resolve_url("https://a.example/x/y", "http://c.example/"), "http://c.example/");
}

}  // namespace
}  // namespace newsd::extract::detail
