#include "connectors/http/host_limiter.h"

#include <gtest/gtest.h>

namespace newsd::http {
namespace {

TEST(HostKey, NormalisesHostAndPort) {
  EXPECT_EQ(host_key("https://User:pw@Example.COM:8443/a?b#c"), "example.com:8443");
  EXPECT_EQ(host_key("http://example.com"), "example.com");
  EXPECT_EQ(host_key("http://example.com?x"), "example.com");
  EXPECT_EQ(host_key("not a url"), "");
}

TEST(HostLimiter, ConcurrencyPerHost) {
  host_limiter l({2, 0});
  EXPECT_EQ(l.ready_at("a", 0), 0);
  l.acquire("a", 0);
  l.acquire("a", 0);
  EXPECT_EQ(l.ready_at("a", 0), -1);  // blocked until a release
  EXPECT_EQ(l.ready_at("b", 0), 0);   // other hosts are independent
  l.release("a");
  EXPECT_EQ(l.ready_at("a", 0), 0);
  EXPECT_EQ(l.in_flight("a"), 1);
}

TEST(HostLimiter, RatePerMinuteWithSmallBurst) {
  host_limiter l({2, 60});  // one per second, burst of two
  int64_t now = 1000;
  for (int i = 0; i < 2; ++i) {
    ASSERT_EQ(l.ready_at("a", now), 0);
    l.acquire("a", now);
    l.release("a");
  }
  int64_t at = l.ready_at("a", now);
  EXPECT_EQ(at, now + 1000);
  EXPECT_GT(l.ready_at("a", now + 500), 0);
  EXPECT_EQ(l.ready_at("a", now + 1000), 0);
}

TEST(HostLimiter, SustainedRateMatchesLimit) {
  host_limiter l({1000, 120});  // 2/s
  int64_t now = 0;
  int started = 0;
  while (now < 60'000) {
    int64_t at = l.ready_at("h", now);
    if (at == 0) {
      l.acquire("h", now);
      l.release("h");
      ++started;
    } else {
      now = at;
    }
  }
  // 120 per minute plus the initial burst.
  EXPECT_GE(started, 120);
  EXPECT_LE(started, 120 + 1000);
  host_limiter strict({1, 120});
  now = 0;
  started = 0;
  while (now < 60'000) {
    int64_t at = strict.ready_at("h", now);
    if (at == 0) {
      strict.acquire("h", now);
      strict.release("h");
      ++started;
    } else {
      now = at;
    }
  }
  EXPECT_GE(started, 120);
  EXPECT_LE(started, 121);
}

}  // namespace
}  // namespace newsd::http

namespace newsd::http {
namespace {
TEST(HostLimiter, PruneForgetsOnlyIdleHostsWithAFullBucket) {
  host_limiter l({2, 60});  // one token per second, burst 2
  l.acquire("busy", 0);
  l.acquire("spent", 0);
  l.release("spent");
  l.acquire("rested", 0);
  l.release("rested");
  ASSERT_EQ(l.hosts(), 3u);
  l.prune(500);  // "spent" and "rested" have 1.5 tokens: not yet full
  EXPECT_EQ(l.hosts(), 3u);
  l.prune(1000);
  EXPECT_EQ(l.hosts(), 1u);  // the busy host stays, whatever its bucket
  EXPECT_EQ(l.in_flight("busy"), 1);
  EXPECT_EQ(l.ready_at("rested", 1000), 0);  // forgotten = a fresh burst, as before
}
}  // namespace
}  // namespace newsd::http
