#include <gtest/gtest.h>

#include "common/json_writer.h"
#include "common/time_util.h"

namespace newsd {
namespace {

TEST(Time, FormatsUtc) {
  EXPECT_EQ(format_rfc3339(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(format_rfc3339(1694599200000), "2023-09-13T10:00:00Z");
  EXPECT_EQ(format_rfc3339(1694599200123, true), "2023-09-13T10:00:00.123Z");
  EXPECT_EQ(format_rfc3339(951782400000), "2000-02-29T00:00:00Z");
}

TEST(Time, ParsesRfc3339WithOffsets) {
  EXPECT_EQ(parse_rfc3339("2023-09-13T10:00:00Z"), 1694599200000);
  EXPECT_EQ(parse_rfc3339("2023-09-13T13:00:00+03:00"), 1694599200000);
  EXPECT_EQ(parse_rfc3339("2023-09-13T05:30:00.5-04:30"), 1694599200500);
  EXPECT_FALSE(parse_rfc3339("2023-09-13"));
  EXPECT_FALSE(parse_rfc3339("2023-13-01T00:00:00Z"));
  EXPECT_FALSE(parse_rfc3339("2023-09-13T10:00:00"));
  EXPECT_FALSE(parse_rfc3339("2023-09-13T10:00:00Zjunk"));
}

TEST(Json, EscapesControlAndQuotes) {
  std::string out;
  json_writer w(out);
  w.begin_object().field("a", "x\"y\\z\n\t\x01").key("n").value(int64_t{-3}).key("b").value(true);
  w.key("l").begin_array().value("1").null().end_array().end_object();
  EXPECT_EQ(out, R"({"a":"x\"y\\z\n\t\u0001","n":-3,"b":true,"l":["1",null]})");
}

TEST(Json, KeepsValidUtf8AndReplacesInvalid) {
  std::string out;
  json_escape(out, "كيم 😀 \xF0\x28\x8C\xBC \xED\xA0\x80");
  EXPECT_EQ(out, "\"كيم 😀 \xEF\xBF\xBD(\xEF\xBF\xBD\xEF\xBF\xBD \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");
}

}  // namespace
}  // namespace newsd
