// Item links and ids: an absent link stays absent (never the feed's own URL),
// ids are never resolved, a guid is a link only when it is a permalink URL, and
// without a document URL the feed's own home page is the base.
#include <gtest/gtest.h>

#include "connectors/feeds/parse.h"
#include "tests/unit/feeds/must_parse.h"
#include "connectors/feeds/urls.h"

namespace newsd::feeds {
namespace {

TEST(FeedLinks, JsonFeedItemWithoutUrlHasNoLink) {
  const char* kUrl = "http://127.0.0.1:18080/feed10.json";
  auto d = must_parse(R"({"version":"https://jsonfeed.org/version/1","title":"J",
"items":[{"id":"jf-1","url":"/a/1","content_text":"one"},
{"id":"jf-2","content_text":"Second item text."},
{"id":"jf-3","external_url":"https://other.example/x","content_text":"three"},
{"id":"https://j.example/p/4","content_html":"<p>four</p>"},
{"id":"jf-5","external_url":"mailto:a@b.example","content_text":"five",
 "attachments":[{"url":"","mime_type":"audio/mpeg"}]}]})",
                      {kUrl, "application/json"});
  ASSERT_EQ(d.entries.size(), 5u);
  EXPECT_EQ(d.entries[0].link, "http://127.0.0.1:18080/a/1");
  EXPECT_EQ(d.entries[1].id, "jf-2");
  EXPECT_EQ(d.entries[1].link, "");
  EXPECT_EQ(d.entries[1].content, "Second item text.");
  EXPECT_EQ(d.entries[2].link, "https://other.example/x");
  EXPECT_EQ(d.entries[3].link, "https://j.example/p/4");
  EXPECT_EQ(d.entries[4].link, "");
  EXPECT_TRUE(d.entries[4].enclosures.empty());
  EXPECT_EQ(to_json(d).find(std::string("\"link\":\"") + kUrl), std::string::npos) << to_json(d);
}

TEST(FeedLinks, XmlItemsWithoutLinkNeverGetTheFeedUrl) {
  const char* kUrl = "http://127.0.0.1:18080/feeds/rss.xml";
  auto rss = must_parse(R"(<rss version="2.0"><channel><title>T</title>
<item><title>a</title><link></link></item>
<item><title>b</title><link>  </link><enclosure url="" type="audio/mpeg"/></item>
<item><title>c</title><description>no link</description></item>
<item><title>d</title><link>http://127.0.0.1:18080/feeds/rss.xml</link></item>
<item><title>e</title><link>p/5</link></item>
</channel></rss>)",
                        {kUrl, "application/rss+xml"});
  ASSERT_EQ(rss.entries.size(), 5u);
  for (size_t i = 0; i < 4; ++i) EXPECT_EQ(rss.entries[i].link, "") << i;
  EXPECT_TRUE(rss.entries[1].enclosures.empty());
  EXPECT_EQ(rss.entries[4].link, "http://127.0.0.1:18080/feeds/p/5");

  auto atom = must_parse(R"(<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>
<entry><id>urn:a:1</id><title>no link</title><author><name>N</name><uri></uri></author></entry>
<entry><id>urn:a:2</id><title>empty href</title><link rel="alternate" href=""/></entry>
<entry><id>urn:a:3</id><title>rel</title><link href="x/3"/></entry>
</feed>)",
                         {kUrl, "application/atom+xml"});
  ASSERT_EQ(atom.entries.size(), 3u);
  EXPECT_EQ(atom.entries[0].link, "");
  EXPECT_EQ(atom.entries[0].authors.at(0).uri, "");
  EXPECT_EQ(atom.entries[1].link, "");
  EXPECT_EQ(atom.entries[2].link, "http://127.0.0.1:18080/feeds/x/3");
}

TEST(FeedLinks, IdsAreNeverResolved) {
  const char* kUrl = "http://127.0.0.1:18080/feeds/rss20.xml";
  auto rss = must_parse(R"(<rss version="2.0"><channel><title>T</title>
<item><guid isPermaLink="false">rss20-1</guid><title>1</title></item>
<item><guid>empty-2</guid><title>2</title></item>
<item><guid>http://127.0.0.1:18080/a/3</guid><title>3</title></item>
<item><guid isPermaLink="false">http://127.0.0.1:18080/a/4</guid><title>4</title></item>
<item><guid>/a/5</guid><title>5</title></item>
</channel></rss>)",
                        {kUrl, "application/rss+xml"});
  ASSERT_EQ(rss.entries.size(), 5u);
  EXPECT_EQ(rss.entries[0].id, "rss20-1");
  EXPECT_EQ(rss.entries[0].link, "");
  EXPECT_EQ(rss.entries[1].id, "empty-2");
  EXPECT_EQ(rss.entries[1].link, "");
  EXPECT_EQ(rss.entries[2].link, "http://127.0.0.1:18080/a/3");
  EXPECT_EQ(rss.entries[3].id, "http://127.0.0.1:18080/a/4");
  EXPECT_EQ(rss.entries[3].link, "");
  EXPECT_EQ(rss.entries[4].id, "/a/5");
  EXPECT_EQ(rss.entries[4].link, "");

  auto atom = must_parse(R"(<feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>A</title>
<id>atom03-feed</id><entry><id>atom03-1</id><title>x</title></entry></feed>)",
                         {kUrl, "application/atom+xml"});
  EXPECT_EQ(atom.format, "atom03");
  ASSERT_EQ(atom.entries.size(), 1u);
  EXPECT_EQ(atom.entries[0].id, "atom03-1");
  EXPECT_EQ(atom.entries[0].link, "");
}

TEST(FeedLinks, FeedHomePageIsTheBaseWithoutDocumentUrl) {
  auto rss = must_parse(R"(<rss version="2.0"><channel><link>https://news.example/world/</link>
<item><link>p/1</link><description>&lt;a href="/x"&gt;x&lt;/a&gt;</description></item>
</channel></rss>)");
  ASSERT_EQ(rss.entries.size(), 1u);
  EXPECT_EQ(rss.entries[0].link, "https://news.example/world/p/1");
  EXPECT_NE(rss.entries[0].summary.find("https://news.example/x"), std::string::npos)
      << rss.entries[0].summary;

  // A relative or non-http(s) home page is no base: links stay as written.
  for (const char* home : {"/home", "javascript:alert(1)", "ftp://f.example/"}) {
    auto d = must_parse(std::string("<rss version=\"2.0\"><channel><link>") + home +
                        "</link><item><link>p/1</link></item></channel></rss>");
    ASSERT_EQ(d.entries.size(), 1u);
    EXPECT_EQ(d.entries[0].link, "p/1") << home;
  }

  // The document URL, when known, wins over the home page.
  auto with_url = must_parse(R"(<rss version="2.0"><channel><link>https://news.example/world/</link>
<item><link>p/1</link></item></channel></rss>)",
                             {"http://127.0.0.1:18080/feeds/f.xml", ""});
  EXPECT_EQ(with_url.entries[0].link, "http://127.0.0.1:18080/feeds/p/1");

  auto atom = must_parse(R"(<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>
<link rel="self" href="https://self.example/feed.atom"/>
<link rel="alternate" href="https://a.example/blog/"/>
<entry><id>e</id><link href="2024/post"/></entry></feed>)");
  ASSERT_EQ(atom.entries.size(), 1u);
  EXPECT_EQ(atom.entries[0].link, "https://a.example/blog/2024/post");

  auto json = must_parse(R"({"version":"https://jsonfeed.org/version/1.1",
"home_page_url":"https://j.example/blog/","items":[{"id":"1","url":"p/1"},{"id":"2"}]})");
  ASSERT_EQ(json.entries.size(), 2u);
  EXPECT_EQ(json.entries[0].link, "https://j.example/blog/p/1");
  EXPECT_EQ(json.entries[1].link, "");

  auto plain = must_parse(R"({"version":"https://jsonfeed.org/version/1.1",
"items":[{"id":"1","url":"p/1"}]})");
  EXPECT_EQ(plain.entries.at(0).link, "p/1");
}

TEST(FeedLinks, UrlHelpers) {
  EXPECT_EQ(resolve_link("http://e.com/a/b.xml", ""), "");
  EXPECT_EQ(resolve_link("http://e.com/a/b.xml", " \n "), "");
  EXPECT_EQ(resolve_link("http://e.com/a/b.xml", "c"), "http://e.com/a/c");
  EXPECT_TRUE(is_http_url("http://e.com/"));
  EXPECT_TRUE(is_http_url("HTTPS://e.com"));
  EXPECT_FALSE(is_http_url("http://"));
  EXPECT_FALSE(is_http_url("http:///x"));
  EXPECT_FALSE(is_http_url("ftp://e.com/"));
  EXPECT_FALSE(is_http_url("rss20-1"));
  EXPECT_FALSE(is_http_url("/a/b"));
}

}  // namespace
}  // namespace newsd::feeds
