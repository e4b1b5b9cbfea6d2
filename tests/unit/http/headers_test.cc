#include "connectors/http/headers.h"

#include <gtest/gtest.h>

namespace newsd::http {
namespace {

constexpr int64_t kNow = 1'445'412'480'000;  // Wed, 21 Oct 2015 07:28:00 GMT

TEST(Headers, HttpDateFormats) {
  EXPECT_EQ(parse_http_date("Wed, 21 Oct 2015 07:28:00 GMT"), kNow);
  EXPECT_EQ(parse_http_date("Wednesday, 21-Oct-15 07:28:00 GMT"), kNow);
  EXPECT_EQ(parse_http_date("Wed Oct 21 07:28:00 2015"), kNow);
  EXPECT_FALSE(parse_http_date("yesterday").has_value());
  EXPECT_FALSE(parse_http_date("").has_value());
}

TEST(Headers, RetryAfterSecondsAndDate) {
  EXPECT_EQ(parse_retry_after("120", kNow), 120'000);
  EXPECT_EQ(parse_retry_after(" 0 ", kNow), 0);
  EXPECT_EQ(parse_retry_after("Wed, 21 Oct 2015 07:30:00 GMT", kNow), 120'000);
  EXPECT_EQ(parse_retry_after("Wed, 21 Oct 2015 07:00:00 GMT", kNow), 0);  // in the past
  EXPECT_FALSE(parse_retry_after("soon", kNow).has_value());
  EXPECT_FALSE(parse_retry_after("-5", kNow).has_value());
  EXPECT_GT(*parse_retry_after("99999999999999", kNow), 0);  // capped, not overflowed
}

TEST(Headers, MaxAge) {
  EXPECT_EQ(parse_max_age("public, max-age=300"), 300'000);
  EXPECT_EQ(parse_max_age("Max-Age = \"60\""), 60'000);
  EXPECT_EQ(parse_max_age("s-maxage=10, max-age=20"), 20'000);
  EXPECT_FALSE(parse_max_age("no-cache, max-age=300").has_value());
  EXPECT_FALSE(parse_max_age("private").has_value());
  EXPECT_FALSE(parse_max_age("max-age=abc").has_value());
}

TEST(Headers, ExpiresRelativeToDate) {
  EXPECT_EQ(parse_expires("Wed, 21 Oct 2015 08:28:00 GMT", "Wed, 21 Oct 2015 07:28:00 GMT", 0), 3'600'000);
  EXPECT_EQ(parse_expires("Wed, 21 Oct 2015 08:28:00 GMT", "", kNow), 3'600'000);
  EXPECT_EQ(parse_expires("0", "", kNow), 0);
  EXPECT_EQ(parse_expires("Wed, 21 Oct 2015 06:28:00 GMT", "", kNow), 0);
  EXPECT_FALSE(parse_expires("", "", kNow).has_value());
  EXPECT_FALSE(parse_expires("garbage", "", kNow).has_value());
}

}  // namespace
}  // namespace newsd::http
