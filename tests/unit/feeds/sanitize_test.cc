#include <gtest/gtest.h>

#include "connectors/feeds/sanitize.h"
#include "connectors/feeds/urls.h"

namespace newsd::feeds {
namespace {

TEST(FeedSanitize, RemovesUnsafeMarkup) {
  EXPECT_EQ(sanitize_html("a<script>alert(1)</script>b", ""), "ab");
  EXPECT_EQ(sanitize_html("<style>p{}</style><p>x</p>", ""), "<p>x</p>");
  EXPECT_EQ(sanitize_html("<img src=\"i.png\" onerror=\"x()\">", ""), "<img src=\"i.png\">");
  EXPECT_EQ(sanitize_html("<a href=\"javascript:alert(1)\">x</a>", ""), "<a>x</a>");
  EXPECT_EQ(sanitize_html("<a href=\" jav&#x09;ascript:alert(1)\">x</a>", ""), "<a>x</a>");
  EXPECT_EQ(sanitize_html("safe<iframe src=\"http://e/\"></iframe> text", ""), "safe text");
  EXPECT_EQ(sanitize_html("<meta http-equiv=\"refresh\"><link rel=\"x\">ok", ""), "ok");
  EXPECT_EQ(sanitize_html("<object><embed src=\"x.swf\"></object>ok", ""), "ok");
}

TEST(FeedSanitize, KeepsOrdinaryHtmlAndResolvesLinks) {
  EXPECT_EQ(sanitize_html("<p class=\"c\">Hi <b>there</b><br></p>", ""),
            "<p class=\"c\">Hi <b>there</b><br></p>");
  EXPECT_EQ(sanitize_html("<a href=\"/x\">x</a>", "http://e.com/a/b"),
            "<a href=\"http://e.com/x\">x</a>");
  EXPECT_EQ(sanitize_html("plain text", ""), "plain text");
  EXPECT_EQ(sanitize_html("AT&amp;T", ""), "AT&amp;T");
}

TEST(FeedUrls, Resolve) {
  EXPECT_EQ(resolve_url("http://e.com/a/b.xml", "c"), "http://e.com/a/c");
  EXPECT_EQ(resolve_url("http://e.com/a/b.xml", "../c"), "http://e.com/c");
  EXPECT_EQ(resolve_url("http://e.com/a/", "https://o.org/"), "https://o.org/");
  EXPECT_EQ(resolve_url("", "rel"), "rel");
  EXPECT_TRUE(dangerous_url("JaVaScRiPt:alert(1)"));
  EXPECT_TRUE(dangerous_url("data:text/html;base64,xx"));
  EXPECT_FALSE(dangerous_url("data:image/png;base64,xx"));
  EXPECT_FALSE(dangerous_url("http://e.com/javascript:"));
}

}  // namespace
}  // namespace newsd::feeds
