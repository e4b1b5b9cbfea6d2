#include <gtest/gtest.h>

#include "connectors/feeds/opml.h"

namespace newsd::feeds {
namespace {

TEST(FeedOpml, ImportsNestedOutlines) {
  auto r = parse_opml(R"(<?xml version="1.0"?><opml version="2.0"><head><title>s</title></head><body>
<outline text="News"><outline type="rss" text="BBC World" xmlUrl="http://feeds.bbci.co.uk/news/world/rss.xml" language="en"/>
<outline type="rss" title="BBC World" text="x" xmlUrl="http://b.example/rss"/></outline>
<outline text="no url"/><outline xmlUrl="https://c.example/feed?a=1&amp;b=2"/></body></opml>)");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->size(), 3u);
  EXPECT_EQ((*r)[0].id, "bbc-world");
  EXPECT_EQ((*r)[0].language, "en");
  EXPECT_EQ((*r)[1].id, "bbc-world-2");
  EXPECT_EQ((*r)[2].id, "c-example-feed-a-1-b-2");
  std::string toml = opml_to_toml(*r);
  EXPECT_NE(toml.find("[[feeds]]\nid = \"bbc-world\"\nurl = \"http://feeds.bbci.co.uk/news/world/rss.xml\"\n"
                      "name = \"BBC World\"\nlanguage = \"en\"\n"),
            std::string::npos)
      << toml;
  EXPECT_NE(toml.find("url = \"https://c.example/feed?a=1&b=2\""), std::string::npos);
}

TEST(FeedOpml, RejectsOtherDocuments) {
  EXPECT_FALSE(parse_opml("<rss/>").ok());
}

}  // namespace
}  // namespace newsd::feeds
