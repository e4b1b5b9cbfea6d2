#include <gtest/gtest.h>

#include "connectors/feeds/parse.h"
#include "tests/unit/feeds/must_parse.h"

namespace newsd::feeds {
namespace {

TEST(FeedParse, Rss20) {
  auto d = must_parse(R"(<?xml version="1.0"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>
<title>Example</title><link>http://example.com/</link><description>Desc</description>
<language>en-gb</language><ttl>30</ttl>
<item><title>One</title><link>http://example.com/1</link><guid isPermaLink="false">g1</guid>
<pubDate>Thu, 01 Jan 2004 19:48:21 GMT</pubDate><description>&lt;b&gt;Hi&lt;/b&gt;</description>
<author>jo@example.com (Jo Smith)</author><category>World</category>
<enclosure url="http://example.com/a.mp3" type="audio/mpeg" length="1234"/></item>
</channel></rss>)");
  EXPECT_EQ(d.format, "rss20");
  EXPECT_FALSE(d.bozo);
  EXPECT_EQ(d.feed.title, "Example");
  EXPECT_EQ(d.feed.language, "en-gb");
  EXPECT_EQ(d.feed.ttl_ms, 30 * 60000);
  ASSERT_EQ(d.entries.size(), 1u);
  const entry& e = d.entries[0];
  EXPECT_EQ(e.id, "g1");
  EXPECT_EQ(e.link, "http://example.com/1");
  EXPECT_EQ(e.summary, "<b>Hi</b>");
  ASSERT_TRUE(e.published_ms);
  EXPECT_EQ(*e.published_ms, 1072986501000);
  ASSERT_EQ(e.authors.size(), 1u);
  EXPECT_EQ(e.authors[0].name, "Jo Smith");
  EXPECT_EQ(e.authors[0].email, "jo@example.com");
  ASSERT_EQ(e.enclosures.size(), 1u);
  EXPECT_EQ(e.enclosures[0].length, 1234);
  EXPECT_EQ(e.categories, std::vector<std::string>{"World"});
  std::string json = to_json(d);
  EXPECT_NE(json.find("\"published\":\"2004-01-01T19:48:21Z\""), std::string::npos);
  EXPECT_EQ(json.find("\"\""), std::string::npos) << "absent values must be omitted: " << json;
}

TEST(FeedParse, Atom10WithXmlBaseAndXhtml) {
  auto d = must_parse(R"(<feed xmlns="http://www.w3.org/2005/Atom" xml:base="http://example.org/a/">
<title type="html">A &amp;lt;b&amp;gt; title</title><id>urn:x</id><updated>2020-02-03T04:05:06+01:00</updated>
<entry xml:base="/b/"><id>e1</id><title>E</title><link href="post.html"/>
<link rel="enclosure" href="x.mp3" length="12" type="audio/mpeg"/>
<author><name>N</name><uri>me</uri></author>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Hi <a href="rel">x</a></p></div></content>
</entry></feed>)");
  EXPECT_EQ(d.format, "atom10");
  ASSERT_TRUE(d.feed.updated_ms);
  EXPECT_EQ(*d.feed.updated_ms, 1580699106000);
  ASSERT_EQ(d.entries.size(), 1u);
  EXPECT_EQ(d.entries[0].link, "http://example.org/b/post.html");
  EXPECT_EQ(d.entries[0].authors[0].uri, "http://example.org/b/me");
  EXPECT_EQ(d.entries[0].enclosures[0].url, "http://example.org/b/x.mp3");
  EXPECT_NE(d.entries[0].content.find("href=\"http://example.org/b/rel\""), std::string::npos)
      << d.entries[0].content;
}

TEST(FeedParse, RelativeLinksAgainstUrlOption) {
  auto d = must_parse("<rss version=\"2.0\"><channel><link>/home</link><item><link>p/1</link>"
                      "</item></channel></rss>",
                      {"http://example.net/feeds/main.xml", "application/rss+xml"});
  EXPECT_EQ(d.feed.link, "http://example.net/home");
  EXPECT_EQ(d.entries[0].link, "http://example.net/feeds/p/1");
}

TEST(FeedParse, Rdf) {
  auto d = must_parse(R"(<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
 xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="http://e.com/"><title>R</title><link>http://e.com/</link></channel>
<item rdf:about="http://e.com/1"><title>I</title><link>http://e.com/1</link>
<dc:date>2004-01-01T19:48:21Z</dc:date><dc:creator>Ann</dc:creator></item></rdf:RDF>)");
  EXPECT_EQ(d.format, "rss10");
  ASSERT_EQ(d.entries.size(), 1u);
  EXPECT_TRUE(d.entries[0].published_ms);
  EXPECT_EQ(d.entries[0].authors[0].name, "Ann");
}

TEST(FeedParse, JsonFeed) {
  auto d = must_parse(R"({"version":"https://jsonfeed.org/version/1.1","title":"J",
"home_page_url":"https://j.example/","items":[{"id":"1","url":"/p/1","title":"T",
"content_html":"<p onclick=\"x()\">Hi</p><script>bad()</script>","date_published":"2021-05-06T07:08:09Z",
"tags":["a","b"],"authors":[{"name":"Z"}]}]})",
                      {"https://j.example/feed.json", "application/feed+json"});
  EXPECT_EQ(d.format, "jsonfeed");
  ASSERT_EQ(d.entries.size(), 1u);
  EXPECT_EQ(d.entries[0].link, "https://j.example/p/1");
  EXPECT_EQ(d.entries[0].content, "<p>Hi</p>");
  EXPECT_EQ(d.entries[0].categories.size(), 2u);
  EXPECT_EQ(d.entries[0].authors[0].name, "Z");
}

TEST(FeedParse, NewsSitemap) {
  auto d = must_parse(R"(<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
 xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>https://n.example/a</loc>
<news:news><news:publication><news:name>N</news:name><news:language>fr</news:language></news:publication>
<news:publication_date>2022-03-04T05:06:07+00:00</news:publication_date><news:title>Titre</news:title>
<news:keywords>a, b</news:keywords></news:news></url></urlset>)");
  EXPECT_EQ(d.format, "newssitemap");
  EXPECT_EQ(d.feed.language, "fr");
  ASSERT_EQ(d.entries.size(), 1u);
  EXPECT_EQ(d.entries[0].title, "Titre");
  EXPECT_EQ(d.entries[0].link, "https://n.example/a");
  EXPECT_EQ(d.entries[0].categories.size(), 2u);
  EXPECT_TRUE(d.entries[0].published_ms);
}

TEST(FeedParse, Windows1256FromHttpCharsetOnly) {
  // "مرحبا" in windows-1256, with no XML declaration.
  std::string body = "<rss version=\"2.0\"><channel><title>\xE3\xD1\xCD\xC8\xC7</title></channel></rss>";
  auto d = must_parse(body, {"", "application/rss+xml; charset=windows-1256"});
  EXPECT_EQ(d.encoding, "windows-1256");
  EXPECT_FALSE(d.bozo);
  EXPECT_EQ(d.feed.title, "\xD9\x85\xD8\xB1\xD8\xAD\xD8\xA8\xD8\xA7");
}

TEST(FeedParse, MalformedIsRecoveredWithBozo) {
  auto d = must_parse("<rss version=\"2.0\"><channel><title>T</title><item><title>A & B</title>"
                      "<description>unclosed <b>bold</description></item></channel>");
  EXPECT_TRUE(d.bozo);
  EXPECT_FALSE(d.bozo_reason.empty());
  ASSERT_EQ(d.entries.size(), 1u);
  EXPECT_EQ(d.entries[0].title, "A & B");
}

TEST(FeedParse, BillionLaughsIsNotExpanded) {
  std::string body = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY lol \"lol\">";
  for (int i = 1; i <= 9; ++i) {
    body += "<!ENTITY lol" + std::to_string(i) + " \"";
    for (int k = 0; k < 10; ++k) body += "&lol" + (i == 1 ? std::string() : std::to_string(i - 1)) + ";";
    body += "\">";
  }
  body += "]><rss version=\"2.0\"><channel><title>&lol9;</title></channel></rss>";
  auto r = parse(body, {});
  if (r.ok()) {
    EXPECT_TRUE(r->bozo);
    EXPECT_LT(r->feed.title.size(), 100u);
  }
}

TEST(FeedParse, RejectsNonFeeds) {
  EXPECT_FALSE(parse("", {}).ok());
  EXPECT_FALSE(parse("<html><body>hi</body></html>", {}).ok());
  EXPECT_FALSE(parse("{\"a\":1}", {}).ok());
}

TEST(FeedParse, ItemKey) {
  entry e;
  e.title = "T";
  std::string h = item_key(e);
  EXPECT_EQ(h.rfind("h:", 0), 0u);
  e.published_ms = 1;
  EXPECT_NE(item_key(e), h);
  e.link = "http://l/";
  EXPECT_EQ(item_key(e), "http://l/");
  e.id = "guid";
  EXPECT_EQ(item_key(e), "guid");
}

}  // namespace
}  // namespace newsd::feeds
