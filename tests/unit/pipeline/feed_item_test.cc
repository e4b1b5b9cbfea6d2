#include "daemon/pipeline/feed_item.h"

#include <gtest/gtest.h>

namespace newsd::pipeline {
namespace {

TEST(HtmlToText, BlocksBecomeLinesAndEntitiesDecode) {
  EXPECT_EQ(html_to_text("<p>One &amp; two</p><p>Three<br>four</p><script>x()</script>"),
            "One & two\nThree\nfour");
  EXPECT_EQ(html_to_text("plain   text\n\n with  spaces"), "plain text\nwith spaces");
  EXPECT_EQ(html_to_text("<div><b>كيم</b> جونغ أون</div>"), "كيم جونغ أون");
}

TEST(HtmlToText, DeepNestingDoesNotRecurse) {
  std::string html;
  for (int i = 0; i < 20000; ++i) html += "<div>";
  html += "deep";
  EXPECT_EQ(html_to_text(html), "deep");
}

TEST(EntryKey, GuidThenLinkThenHash) {
  feeds::entry e;
  e.title = "t";
  std::string h = entry_key(e);
  EXPECT_EQ(h.rfind("h:", 0), 0u);
  e.published_ms = 1;
  EXPECT_NE(entry_key(e), h);  // the date is part of the hash
  e.link = "http://x/a";
  EXPECT_EQ(entry_key(e), "http://x/a");
  e.id = "guid-1";
  EXPECT_EQ(entry_key(e), "guid-1");
}

TEST(EntryToArticle, TakesContentOverSummaryAndFeedHints) {
  feeds::document doc;
  doc.feed.title = "Feed title";
  doc.feed.language = "en-us";
  feeds::entry e;
  e.link = "http://x/a";
  e.title = "A &amp; B";
  e.summary = "<p>short</p>";
  e.content = "<p>full text</p>";
  e.updated_ms = 5;
  config::feed f;
  f.id = "f1";
  auto a = entry_to_article(e, doc, f, "http://x/rss", 10);
  EXPECT_EQ(a.text, "full text");
  EXPECT_EQ(a.title, "A & B");
  EXPECT_EQ(a.language_hint, "en");  // a hint for detection
  EXPECT_EQ(a.language, "");
  EXPECT_EQ(a.source, "Feed title");
  EXPECT_EQ(*a.published_at_ms, 5);  // updated stands in for a missing published date
  EXPECT_EQ(a.feed->id, "f1");
  EXPECT_EQ(*a.fetched_at_ms, 10);
}

}  // namespace
}  // namespace newsd::pipeline
