#include <gtest/gtest.h>

#include "daemon/dedup/dedup.h"

using newsd::dedup::canonicalize_url;
using newsd::dedup::url_key;

TEST(CanonicalUrl, SchemeHostPortFragmentSlash) {
  EXPECT_EQ(canonicalize_url("HTTPS://WWW.Example.COM:443/a/b/#top"), "https://www.example.com/a/b");
  EXPECT_EQ(canonicalize_url("http://example.com:80/"), "http://example.com");
  EXPECT_EQ(canonicalize_url("http://example.com:8080/x"), "http://example.com:8080/x");
}

TEST(CanonicalUrl, TrackingParameters) {
  EXPECT_EQ(canonicalize_url("http://a.com/x?utm_source=t&id=3&fbclid=9&gclid=1&utm_medium=m"),
            "http://a.com/x?id=3");
  EXPECT_EQ(canonicalize_url("http://a.com/x?b=2&a=1"), "http://a.com/x?a=1&b=2");
}

TEST(CanonicalUrl, AmpVariants) {
  EXPECT_EQ(canonicalize_url("https://amp.a.com/news/1/amp"), "https://a.com/news/1");
  EXPECT_EQ(canonicalize_url("https://a.com/amp/news/1"), "https://a.com/news/1");
  EXPECT_EQ(canonicalize_url("https://a.com/news/1.amp.html?amp=1"), "https://a.com/news/1.html");
}

TEST(CanonicalUrl, KeyIgnoresSchemeAndWww) {
  EXPECT_EQ(url_key(canonicalize_url("https://www.a.com/x")), url_key(canonicalize_url("http://a.com/x/")));
}
