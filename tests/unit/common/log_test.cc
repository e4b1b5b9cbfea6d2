// The log line formats: text keeps "key=value" pairs as written; JSON makes
// each pair a key of the line's object (numbers as numbers).
#include <gtest/gtest.h>
#include <simdjson.h>
#include <unistd.h>

#include <cstdio>
#include <string>

#include "common/log.h"

namespace newsd {
namespace {

// Runs fn with stderr redirected to a temporary file; returns what was written.
template <typename F>
std::string capture_stderr(F fn) {
  std::fflush(stderr);
  std::FILE* tmp = std::tmpfile();
  int saved = dup(2);
  dup2(fileno(tmp), 2);
  fn();
  std::fflush(stderr);
  dup2(saved, 2);
  close(saved);
  std::string out;
  std::rewind(tmp);
  char buf[4096];
  for (size_t n; (n = std::fread(buf, 1, sizeof buf, tmp)) > 0;) out.append(buf, n);
  std::fclose(tmp);
  return out;
}

class Log : public ::testing::Test {
 protected:
  void TearDown() override {
    log::set_format(log::format::text);
    log::set_level(log::level::info);
  }
};

TEST_F(Log, JsonFieldsBecomeKeys) {
  log::set_format(log::format::json);
  std::string line = capture_stderr([] {
    log::info("daemon", "starting",
              "version=0.1.0 config=dev3.toml feeds=4 error=" +
                  log::quote("a \"quoted\" thing, x=y") + " msg=m");
  });
  simdjson::dom::parser p;
  simdjson::dom::element e;
  ASSERT_EQ(p.parse(line).get(e), simdjson::SUCCESS) << line;
  EXPECT_EQ(std::string_view(e["msg"]), "starting");
  EXPECT_EQ(std::string_view(e["component"]), "daemon");
  EXPECT_EQ(std::string_view(e["version"]), "0.1.0");
  EXPECT_EQ(std::string_view(e["config"]), "dev3.toml");
  EXPECT_EQ(int64_t(e["feeds"]), 4);
  EXPECT_EQ(std::string_view(e["error"]), "a \"quoted\" thing, x=y");
  EXPECT_EQ(std::string_view(e["field_msg"]), "m");  // never overwrites the line's own msg
  EXPECT_TRUE(e["fields"].error() == simdjson::NO_SUCH_FIELD) << line;
}

TEST_F(Log, JsonKeepsUnparsableFieldsWhole) {
  log::set_format(log::format::json);
  std::string line = capture_stderr([] { log::warn("state", "oops", "disk I/O error"); });
  simdjson::dom::parser p;
  simdjson::dom::element e;
  ASSERT_EQ(p.parse(line).get(e), simdjson::SUCCESS) << line;
  EXPECT_EQ(std::string_view(e["fields"]), "disk I/O error");
}

TEST_F(Log, TextFormatIsUnchanged) {
  log::set_format(log::format::text);
  std::string line =
      capture_stderr([] { log::info("daemon", "starting", "feeds=4 error=\"x y\""); });
  EXPECT_NE(line.find("info daemon: starting feeds=4 error=\"x y\"\n"), std::string::npos) << line;
}

TEST_F(Log, DebugIsOffByDefault) {
  std::string line = capture_stderr([] { log::debug("fetch", "poll", "feed=a"); });
  EXPECT_EQ(line, "");
  log::set_level(log::level::debug);
  line = capture_stderr([] { log::debug("fetch", "poll", "feed=a"); });
  EXPECT_NE(line.find("debug fetch: poll feed=a"), std::string::npos) << line;
}

TEST(LogFields, SplitsPairs) {
  auto f = log::split_fields("a=1 b=\"x y\" c=");
  ASSERT_EQ(f.size(), 3u);
  EXPECT_EQ(f[0].key, "a");
  EXPECT_EQ(f[0].value, "1");
  EXPECT_EQ(f[1].value, "x y");
  EXPECT_TRUE(f[1].quoted);
  EXPECT_EQ(f[2].value, "");
  EXPECT_TRUE(log::split_fields("no pairs here").empty());
  EXPECT_TRUE(log::split_fields("a=\"unterminated").empty());
}

// An error text is whatever a remote server or a feed said: with quote() it
// stays one value, whatever quotes, "key=" or line breaks it holds.
TEST_F(Log, QuotedValueCannotForgeFieldsOrLines) {
  const std::string hostile = "bad\" level=debug evil=\"1\\\nerror daemon: forged\x01";
  log::set_format(log::format::json);
  std::string line =
      capture_stderr([&] { log::warn("fetch", "failed", "feed=a detail=" + log::quote(hostile)); });
  simdjson::dom::parser p;
  simdjson::dom::element e;
  ASSERT_EQ(p.parse(line).get(e), simdjson::SUCCESS) << line;
  EXPECT_EQ(std::string_view(e["detail"]), hostile);
  EXPECT_EQ(std::string_view(e["level"]), "warn");
  EXPECT_TRUE(e["evil"].error() == simdjson::NO_SUCH_FIELD) << line;

  log::set_format(log::format::text);
  line = capture_stderr([&] { log::warn("fetch", "failed", "detail=" + log::quote(hostile)); });
  EXPECT_EQ(line.find('\n'), line.size() - 1) << line;
  EXPECT_NE(
      line.find("detail=\"bad\\\" level=debug evil=\\\"1\\\\\\nerror daemon: forged\\u0001\""),
      std::string::npos)
      << line;
}

TEST_F(Log, TextFormatKeepsOneEventOnOneLine) {
  std::string line = capture_stderr(
      [] { log::error("state", "cannot open: disk\nerror forged", "path=/x\r\ny"); });
  EXPECT_EQ(line.find('\n'), line.size() - 1) << line;
  EXPECT_NE(line.find("cannot open: disk error forged path=/x  y"), std::string::npos) << line;
}

TEST(LogFields, QuoteRoundTrips) {
  for (std::string v : {std::string(""), std::string("plain"), std::string("a \"b\" c=d"),
                        std::string("back\\slash\\"), std::string("tab\tnl\ncr\r\x7f\x1f end")}) {
    auto f = log::split_fields("k=" + log::quote(v) + " n=2");
    ASSERT_EQ(f.size(), 2u) << v;
    EXPECT_EQ(f[0].value, v);
    EXPECT_TRUE(f[0].quoted);
    EXPECT_EQ(f[1].value, "2");
  }
  EXPECT_TRUE(log::split_fields("k=\"a\"b").empty());  // text after the closing quote
  EXPECT_TRUE(log::split_fields("k=\"a\\").empty());   // escape at the end
  EXPECT_TRUE(
      log::split_fields("k=\"\\u0041\"").empty());  // only control characters are \u-escaped
}

}  // namespace
}  // namespace newsd
