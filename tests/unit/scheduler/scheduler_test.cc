#include "daemon/scheduler/scheduler.h"

#include <gtest/gtest.h>

namespace newsd::scheduler {
namespace {

constexpr int64_t kMin = 60'000, kHour = 3'600'000;
constexpr int64_t kNow = 1'700'000'000'000;

policy no_jitter() {
  policy p;
  p.min_interval_ms = kMin;
  p.max_interval_ms = 6 * kHour;
  p.default_interval_ms = 10 * kMin;
  p.jitter = 0;
  return p;
}

poll_outcome changed_with_gap(int64_t gap, int n = 10) {
  poll_outcome o;
  o.changed = true;
  o.new_items = 1;
  for (int i = 0; i < n; ++i) o.entry_times_ms.push_back(kNow - i * gap);
  return o;
}

TEST(Scheduler, MedianGapNeedsThreeDistinctDates) {
  EXPECT_FALSE(median_gap_ms({}).has_value());
  EXPECT_FALSE(median_gap_ms({1000, 2000}).has_value());
  EXPECT_FALSE(median_gap_ms({1000, 1000, 2000}).has_value());
  EXPECT_EQ(*median_gap_ms({0, 1000, 2000, 3000}), 1000);
  // Robust to one outlier (a gap of a week among hourly posts).
  EXPECT_EQ(*median_gap_ms({0, kHour, 2 * kHour, 3 * kHour, 3 * kHour + 168 * kHour}), kHour);
}

TEST(Scheduler, MedianGapUsesMostRecentWindow) {
  std::vector<int64_t> t;
  for (int i = 0; i < 10; ++i) t.push_back(kNow - i * kMin * 5);            // recent: every 5 min
  for (int i = 0; i < 30; ++i) t.push_back(kNow - 50 * kMin - i * kHour);  // old: hourly
  EXPECT_EQ(*median_gap_ms(t, 10), 5 * kMin);
}

TEST(Scheduler, AdaptsToPublishingRate) {
  auto t = next(no_jitter(), {}, changed_with_gap(30 * kMin), kNow, 0, 0);
  EXPECT_EQ(t.interval_ms, 30 * kMin);
  EXPECT_EQ(t.next_poll_ms, kNow + 30 * kMin);
  EXPECT_EQ(t.error_streak, 0);
}

TEST(Scheduler, AdaptiveIntervalClampedToBounds) {
  EXPECT_EQ(next(no_jitter(), {}, changed_with_gap(5'000), kNow, 0, 0).interval_ms, kMin);
  EXPECT_EQ(next(no_jitter(), {}, changed_with_gap(48 * kHour), kNow, 0, 0).interval_ms, 6 * kHour);
}

TEST(Scheduler, UnchangedSlowsDownGently) {
  feed_timing prev{20 * kMin, 0, 0};
  poll_outcome o;  // 304 / same hash
  auto t = next(no_jitter(), prev, o, kNow, 0, 0);
  EXPECT_EQ(t.interval_ms, 25 * kMin);
  for (int i = 0; i < 50; ++i) t = next(no_jitter(), t, o, kNow, 0, 0);
  EXPECT_EQ(t.interval_ms, 6 * kHour);
}

TEST(Scheduler, FirstPollWithoutHistoryUsesDefault) {
  poll_outcome o;
  o.changed = true;
  EXPECT_EQ(next(no_jitter(), {}, o, kNow, 0, 0).interval_ms, 10 * kMin);
}

TEST(Scheduler, OverrideWinsOverAdaptationButStaysInBounds) {
  EXPECT_EQ(next(no_jitter(), {}, changed_with_gap(kHour), kNow, 2 * kMin, 0).interval_ms, 2 * kMin);
  EXPECT_EQ(next(no_jitter(), {}, changed_with_gap(kHour), kNow, 1000, 0).interval_ms, kMin);
}

TEST(Scheduler, PublisherHintsAreLowerBoundsWithinMax) {
  auto o = changed_with_gap(5 * kMin);
  o.ttl_ms = 45 * kMin;
  EXPECT_EQ(next(no_jitter(), {}, o, kNow, 0, 0).interval_ms, 45 * kMin);
  o.ttl_ms = 0;
  o.update_period_ms = kHour;
  EXPECT_EQ(next(no_jitter(), {}, o, kNow, 0, 0).interval_ms, kHour);
  o.update_period_ms = 24 * kHour;  // beyond max_interval: max wins
  EXPECT_EQ(next(no_jitter(), {}, o, kNow, 0, 0).interval_ms, 6 * kHour);
}

TEST(Scheduler, CacheControlThenExpires) {
  auto o = changed_with_gap(5 * kMin);
  o.expires_in_ms = 40 * kMin;
  EXPECT_EQ(next(no_jitter(), {}, o, kNow, 0, 0).interval_ms, 40 * kMin);
  o.max_age_ms = 15 * kMin;  // max-age takes precedence over Expires (RFC 9111)
  EXPECT_EQ(next(no_jitter(), {}, o, kNow, 0, 0).interval_ms, 15 * kMin);
  o.max_age_ms = 0;
  EXPECT_EQ(next(no_jitter(), {}, o, kNow, 0, 0).interval_ms, 5 * kMin);
}

TEST(Scheduler, JitterStaysWithinTenPercentAndVaries) {
  policy p = no_jitter();
  p.jitter = 0.1;
  feed_timing prev{kHour, 0, 0};
  int64_t lo = INT64_MAX, hi = 0;
  for (uint64_t r = 0; r < 5000; r += 7) {
    auto t = next(p, prev, changed_with_gap(kHour), kNow, 0, r * 2654435761u);
    int64_t d = t.next_poll_ms - kNow;
    EXPECT_GE(d, kHour - kHour / 10);
    EXPECT_LE(d, kHour + kHour / 10);
    lo = std::min(lo, d);
    hi = std::max(hi, d);
  }
  EXPECT_GT(hi - lo, kHour / 10);  // polls do spread
}

TEST(Scheduler, BackoffIsExponentialAndCapped) {
  feed_timing t{10 * kMin, 0, 0};
  poll_outcome err;
  err.error = error_kind::http_5xx;
  std::vector<int64_t> delays;
  for (int i = 0; i < 12; ++i) {
    t = next(no_jitter(), t, err, kNow, 0, 0);
    delays.push_back(t.next_poll_ms - kNow);
  }
  EXPECT_EQ(delays[0], 10 * kMin);
  EXPECT_EQ(delays[1], 20 * kMin);
  EXPECT_EQ(delays[2], 40 * kMin);
  EXPECT_EQ(delays.back(), 6 * kHour);  // never disabled: probed at max_interval
  EXPECT_EQ(t.error_streak, 12);
  EXPECT_EQ(t.interval_ms, 10 * kMin);  // the healthy interval is kept
}

TEST(Scheduler, BackoffDependsOnErrorClass) {
  feed_timing prev{10 * kMin, 0, 0};
  poll_outcome dns, conn, parse;
  dns.error = error_kind::dns;
  conn.error = error_kind::connect;
  parse.error = error_kind::parse;
  EXPECT_EQ(next(no_jitter(), prev, dns, kNow, 0, 0).next_poll_ms - kNow, 40 * kMin);
  EXPECT_EQ(next(no_jitter(), prev, conn, kNow, 0, 0).next_poll_ms - kNow, 10 * kMin);
  EXPECT_EQ(next(no_jitter(), prev, parse, kNow, 0, 0).next_poll_ms - kNow, 20 * kMin);
}

TEST(Scheduler, SuccessResetsBackoff) {
  feed_timing t{10 * kMin, 0, 0};
  poll_outcome err;
  err.error = error_kind::timeout;
  for (int i = 0; i < 8; ++i) t = next(no_jitter(), t, err, kNow, 0, 0);
  ASSERT_EQ(t.next_poll_ms - kNow, 6 * kHour);
  poll_outcome ok;
  t = next(no_jitter(), t, ok, kNow, 0, 0);
  EXPECT_EQ(t.error_streak, 0);
  EXPECT_LT(t.next_poll_ms - kNow, kHour);
}

TEST(Scheduler, RetryAfterIsHonouredWithinMax) {
  feed_timing prev{10 * kMin, 0, 0};
  poll_outcome o;
  o.error = error_kind::rate_limited;
  o.retry_after_ms = 3 * kHour;
  EXPECT_EQ(next(no_jitter(), prev, o, kNow, 0, 0).next_poll_ms - kNow, 3 * kHour);
  o.retry_after_ms = 48 * kHour;
  EXPECT_EQ(next(no_jitter(), prev, o, kNow, 0, 0).next_poll_ms - kNow, 6 * kHour);
  // A short Retry-After does not shorten the backoff below the minimum.
  o.retry_after_ms = 1000;
  EXPECT_GE(next(no_jitter(), prev, o, kNow, 0, 0).next_poll_ms - kNow, kMin);
}

TEST(Scheduler, FirstPollIsSpread) {
  EXPECT_EQ(first_poll_ms(kNow, 0, 12345), kNow);
  EXPECT_GE(first_poll_ms(kNow, 2000, 12345), kNow);
  EXPECT_LT(first_poll_ms(kNow, 2000, 12345), kNow + 2000);
}

}  // namespace
}  // namespace newsd::scheduler
