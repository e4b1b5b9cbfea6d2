#include <gtest/gtest.h>

#include "common/time_util.h"
#include "connectors/feeds/dates.h"

namespace newsd::feeds {
namespace {

std::string iso(std::string_view s) {
  auto v = parse_date(s);
  return v ? format_rfc3339(*v) : "absent";
}

TEST(FeedDates, Rfc822AndVariants) {
  EXPECT_EQ(iso("Thu, 01 Jan 2004 19:48:21 GMT"), "2004-01-01T19:48:21Z");
  EXPECT_EQ(iso("Thu, 01 Jan 04 19:48:21 GMT"), "2004-01-01T19:48:21Z");
  EXPECT_EQ(iso("Thu,  5 Apr 2012 10:00 EST"), "2012-04-05T15:00:00Z");
  EXPECT_EQ(iso("Wed, 19 Feb 2012 22:40:00 GMT-01:01"), "2012-02-19T23:41:00Z");
  EXPECT_EQ(iso("Thu Aug 30 2012 17:26:16 +0200"), "2012-08-30T15:26:16Z");
  EXPECT_EQ(iso("Sun Jan  4 16:29:06 2004"), "2004-01-04T16:29:06Z");
  EXPECT_EQ(iso("Dom, 01 Jan 2004 19:48:21 +0000"), "2004-01-01T19:48:21Z");  // localised day
  EXPECT_EQ(iso("Sun, 16 Dec 2012 1:2:3:4 GMT"), "absent");
  EXPECT_EQ(iso("Sun, 31 Dec 9999 23:59:59 -9999"), "absent");
}

TEST(FeedDates, Iso8601) {
  EXPECT_EQ(iso("2003-12-31T10:14:55-08:00"), "2003-12-31T18:14:55Z");
  EXPECT_EQ(iso("2003-12-31T10:14:55.1234Z"), "2003-12-31T10:14:55Z");
  EXPECT_EQ(iso("2004-07-08 23:56:58 -00:20"), "2004-07-09T00:16:58Z");
  EXPECT_EQ(iso("2003-12-31"), "2003-12-31T00:00:00Z");
  EXPECT_EQ(iso("2003-335"), "2003-12-01T00:00:00Z");
  EXPECT_EQ(iso("2003"), "2003-01-01T00:00:00Z");
  EXPECT_EQ(iso("2003-02-30"), "absent");
  EXPECT_EQ(iso("2013-01-27-01"), "absent");
  EXPECT_EQ(iso("not a date"), "absent");
}

TEST(FeedDates, Localised) {
  EXPECT_EQ(iso("2004\xEB\x85\x84 05\xEC\x9B\x94 28\xEC\x9D\xBC  01:31:15"), "2004-05-27T16:31:15Z");
  EXPECT_EQ(iso("2004-j\xC3\xBAlius-13T9:15-05:00"), "2004-07-13T14:15:00Z");
  EXPECT_EQ(iso("Fri, 2006/09/15 08:19:53 EDT"), "2006-09-15T12:19:53Z");
}

}  // namespace
}  // namespace newsd::feeds
