// The quotation rule: two articles sharing a statement's wording, quoted in either
// of them, are two articles (SAME_STORY), while the same texts unquoted are copies.
#include <gtest/gtest.h>

#include <algorithm>

#include "daemon/dedup/dedup.h"
#include "daemon/dedup/features.h"
#include "tests/unit/dedup/corpus_util.h"

namespace {

using newsd::dedup_test::make;
using newsd::dedup_test::prose;
using newsd::model::dedup_status;

auto never = [](uint32_t) { return false; };

// Each paragraph of `text` inside the given marks.
std::string quoted(const std::string& text, const std::string& open, const std::string& close,
                   const std::string& said = "وقال المتحدث: ") {
  std::string out;
  for (size_t p = 0; p < text.size();) {
    size_t nl = text.find('\n', p);
    if (nl == std::string::npos) nl = text.size();
    out += said + open + text.substr(p, nl - p) + close + "\n";
    p = nl + 1;
  }
  return out;
}

TEST(DedupQuotes, FeaturesMarkQuotedSamples) {
  const std::string s = prose(60, 6);
  auto plain = newsd::dedup::compute_features(s, never);
  EXPECT_TRUE(plain.quoted.empty());
  for (auto [open, close] : {std::pair{"\"", "\""}, {"«", "»"}, {"“", "”"}}) {
    auto q = newsd::dedup::compute_features(quoted(s, open, close), never);
    ASSERT_FALSE(q.sample.empty());
    EXPECT_TRUE(std::is_sorted(q.quoted.begin(), q.quoted.end()));
    EXPECT_TRUE(std::includes(q.sample.begin(), q.sample.end(), q.quoted.begin(), q.quoted.end()));
    // All but the short "he said" parts are quoted.
    EXPECT_GT(q.quoted.size(), q.sample.size() * 8 / 10) << open;
  }
}

TEST(DedupQuotes, AnOpenQuoteEndsWithItsLine) {
  const std::string s = prose(61, 6);
  // A quote opened and never closed in the first line must not cover the rest.
  auto f = newsd::dedup::compute_features("\"" + s, never);
  EXPECT_LT(f.quoted.size(), f.sample.size() / 3);
}

TEST(DedupQuotes, ArticlesQuotingTheSameStatementAreNotCopies) {
  const std::string statement = prose(62, 7);
  {
    newsd::dedup::index idx(newsd::config::dedup_section{});
    EXPECT_EQ(idx.check_and_insert(make("a", quoted(statement, "\"", "\""), 0, "sky")).status,
              dedup_status::unique);
    EXPECT_EQ(
        idx.check_and_insert(
               make("b", quoted(statement, "«", "»", "وأضاف الناطق باسم التحالف: "), 1, "cnn"))
            .status,
        dedup_status::unique);
    // The statement printed as an outlet's own text, against an article quoting it.
    EXPECT_EQ(idx.check_and_insert(make("c", statement, 1, "alarabiya")).status,
              dedup_status::unique);
  }
  {
    // The control: the same texts without quotation marks are copies.
    newsd::dedup::index idx(newsd::config::dedup_section{});
    auto unq = [](const std::string& t) { return quoted(t, "", ""); };
    EXPECT_EQ(idx.check_and_insert(make("a", unq(statement), 0, "sky")).status,
              dedup_status::unique);
    auto b = idx.check_and_insert(
        make("b", quoted(statement, "", "", "وأضاف الناطق باسم التحالف: "), 1, "cnn"));
    EXPECT_EQ(b.status, dedup_status::near_duplicate);
    auto c = idx.check_and_insert(make("c", statement, 1, "alarabiya"));
    EXPECT_EQ(c.status, dedup_status::near_duplicate);
  }
}

// Quotes inside a wire copy are copied with it: a copy quoting a few sentences is
// still a copy.
TEST(DedupQuotes, ACopyWithSomeQuotesIsACopy) {
  const std::string own = prose(63, 6), said = prose(64, 2);
  const std::string body = own + quoted(said, "\"", "\"");
  newsd::dedup::index idx(newsd::config::dedup_section{});
  EXPECT_EQ(idx.check_and_insert(make("a", body, 0, "afp")).status, dedup_status::unique);
  auto b = idx.check_and_insert(make("b", "عاجل\n" + body, 1, "sky"));
  EXPECT_EQ(b.status, dedup_status::near_duplicate);
  EXPECT_EQ(b.duplicate_of, "a");
}

}  // namespace
