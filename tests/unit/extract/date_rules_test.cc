// Publication-date rules: the dateline at the headline against the markup, written formats.
#include <gtest/gtest.h>

#include <string>

#include "common/time_util.h"
#include "connectors/extract/date_parse.h"
#include "connectors/extract/metadata.h"
#include "tests/unit/extract/metadata_util.h"

namespace newsd::extract::detail {
namespace {

int64_t day(int y, unsigned m, unsigned d) { return days_from_civil(y, m, d) * 86400000LL; }

// The calendar date the page states (published_at's date part).
int64_t stated_day(const metadata& m) { return local_day(*m.published_ms, m.published_offset_min); }

std::string page(const std::string& head, const std::string& body) {
  return "<html><head><title>Storm hits the coast - Site</title>" + head +
         "</head><body><div class=menu><a href=/>Home</a></div>" + body + "</body></html>";
}

TEST(TextDate, OrdinalDays) {
  EXPECT_EQ(find_text_date("Posted 5th March 2018"), day(2018, 3, 5));
  EXPECT_EQ(find_text_date("on the 1st of May 2019, by"), day(2019, 5, 1));
  EXPECT_EQ(find_text_date("Publié le 1er mars 2018"), day(2018, 3, 1));
  EXPECT_EQ(find_text_date("Mar. 5, 2018"), day(2018, 3, 5));
  EXPECT_EQ(find_text_date("March 22nd, 2018"), day(2018, 3, 22));
  EXPECT_FALSE(find_text_date("the 5thMarch 2018"));  // no word break after the suffix
}

TEST(TextDate, ShortDatesWithOneDigitDay) {
  EXPECT_EQ(find_text_date("Kultur, 2.11.22"), day(2022, 11, 2));
  EXPECT_EQ(find_text_date("05.03.2018"), day(2018, 3, 5));
  EXPECT_FALSE(find_text_date("build v2.11.22"));  // a version glued to a word
  EXPECT_FALSE(find_text_date("release 1.2.23"));  // one-digit month: a version
  EXPECT_FALSE(find_text_date("3.2.11.22"));       // part of a longer dotted number
}

TEST(TextDate, MonthNamesInOtherLanguages) {
  EXPECT_EQ(find_text_date("5. März 2018"), day(2018, 3, 5));
  EXPECT_EQ(find_text_date("5 mars 2018"), day(2018, 3, 5));
  EXPECT_EQ(find_text_date("5 de marzo de 2018"), day(2018, 3, 5));
  EXPECT_EQ(find_text_date("الاثنين 5 آذار 2018"), day(2018, 3, 5));  // Levantine
  EXPECT_EQ(find_text_date("الاثنين 5 مارس 2018"), day(2018, 3, 5));  // Egyptian
}

TEST(DateParse, UnpaddedMonthAndDay) {
  EXPECT_EQ(parse_date("2022-5-5 22:17:36"), parse_date("2022-05-05 22:17:36"));
  EXPECT_EQ(parse_date("2022-1-26T14:32:06+02:00"), parse_date("2022-01-26T14:32:06+02:00"));
  EXPECT_EQ(parse_date("2022/5/6"), day(2022, 5, 6));
  EXPECT_FALSE(parse_date("2022-123-1"));
  EXPECT_FALSE(parse_date("2022-5"));
}

TEST(Dateline, BeatsAGenericMetaDate) {
  // <meta name=date> is often the time the CMS rendered or last touched the page.
  auto m = metadata_of(page("<meta name=\"date\" content=\"2021-12-20T11:02:44+01:00\">",
                            "<h1>Storm hits the coast</h1><span class=date>27.01.2022</span>"
                            "<p>Text of the article, long enough to be a paragraph.</p>"),
                       "https://e.example/news/storm");
  ASSERT_TRUE(m.published_ms);
  EXPECT_EQ(stated_day(m), day(2022, 1, 27));
}

TEST(Dateline, BeatsASidebarTimeElement) {
  auto m = metadata_of(
      page("",
           "<aside><time class=\"published\" datetime=\"2009-04-11 18:06:36\">11. April "
           "2009</time></aside><h1>Storm hits the coast</h1><p class=meta>Von Jane Roe "
           "&middot; <span class=published>22. Oktober 2019</span></p><p>Text.</p>"),
      "https://e.example/news/storm");
  ASSERT_TRUE(m.published_ms);
  EXPECT_EQ(stated_day(m), day(2019, 10, 22));
}

TEST(Dateline, DoesNotOverrideThePublicationMarkup) {
  auto m = metadata_of(
      page("<meta property=\"article:published_time\" content=\"2020-01-03T09:48:24Z\">",
           "<h1>Storm hits the coast</h1><p class=date>Monday, 9 January 2020</p><p>Text.</p>"),
      "https://e.example/news/storm");
  ASSERT_TRUE(m.published_ms);
  EXPECT_EQ(stated_day(m), day(2020, 1, 3));
}

TEST(Dateline, ShowingTheModificationDateWins) {
  auto m = metadata_of(
      page("<meta property=\"article:published_time\" content=\"2020-01-03T09:48:24Z\">"
           "<meta property=\"article:modified_time\" content=\"2020-01-06T09:22:36Z\">",
           "<h1>Storm hits the coast</h1><p class=date>Monday, 6 January 2020</p><p>Text.</p>"),
      "https://e.example/news/storm");
  ASSERT_TRUE(m.published_ms);
  EXPECT_EQ(stated_day(m), day(2020, 1, 6));
  // The same from JSON-LD's dateModified.
  m = metadata_of(
      page("<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"datePublished\":"
           "\"2019-06-17T00:00:00+00:00\",\"dateModified\":\"2020-06-04T16:41:46+00:00\"}</script>",
           "<h1>Storm hits the coast</h1><p>by Jane Roe<br>Last updated 04 Jun 2020, originally "
           "created 17 Jun 2019</p><p>Text.</p>"),
      "https://e.example/news/storm");
  ASSERT_TRUE(m.published_ms);
  EXPECT_EQ(stated_day(m), day(2020, 6, 4));
}

TEST(Dateline, DatesInSentencesAndUpdateStampsAreNotDatelines) {
  const std::string meta = "<meta name=\"date\" content=\"2022-01-11T09:50:00+01:00\">";
  auto m = metadata_of(
      page(meta,
           "<h1>Storm hits the coast</h1><p>Die nächste Show in Rostock steht fest: Am 21. "
           "und 22. Mai 2022 wird sich im Park alles ums Angeln drehen.</p>"),
      "https://e.example/news/storm");
  ASSERT_TRUE(m.published_ms);
  EXPECT_EQ(stated_day(m), day(2022, 1, 11));
  m = metadata_of(page(meta,
                       "<h1>Storm hits the coast</h1><time class=\"updated\" "
                       "datetime=\"2022-01-21\">21. Januar 2022</time><p>Text.</p>"),
                  "https://e.example/news/storm");
  ASSERT_TRUE(m.published_ms);
  EXPECT_EQ(stated_day(m), day(2022, 1, 11));
}

TEST(Dateline, KickerLineOverTheHeadlineWhenNoMarkupDate) {
  auto m = metadata_of(page("",
                            "<div class=\"text\"><div class=\"kicker\"> Kultur, 2.11.22 </div>"
                            "<h1>Storm hits the coast</h1><p>Text.</p></div>"),
                       "https://e.example/news/storm");
  ASSERT_TRUE(m.published_ms);
  EXPECT_EQ(*m.published_ms, day(2022, 11, 2));
}

TEST(Dateline, LabelledDateBeatsAWeakSource) {
  auto m = metadata_of(
      page("", "<h1>Storm hits the coast</h1><p>" + std::string(700, 'x') +
                   "</p><time datetime=\"2019-08-24T03:36:11+02:00\">24. August 2019</time>"
                   "<p>Veröffentlicht am 16.08.2019<br>Dauer: 1 Stunde</p>"),
      "https://e.example/news/storm");
  ASSERT_TRUE(m.published_ms);
  EXPECT_EQ(stated_day(m), day(2019, 8, 16));
}

TEST(DateStamp, UtcStampOfCentralEuropeanMidnightIsTheNextDay) {
  auto m = metadata_of(
      page("<meta property=\"article:published_time\" content=\"2022-11-06T23:00:00.000Z\">", ""),
      "https://e.example/artikel/storm");
  ASSERT_TRUE(m.published_ms);
  EXPECT_EQ(*m.published_ms, day(2022, 11, 6) + 23 * 3600000LL);  // the instant is kept
  EXPECT_EQ(m.published_offset_min, 60);
  EXPECT_EQ(stated_day(m), day(2022, 11, 7));
  // A real time of day stays in UTC.
  m = metadata_of(
      page("<meta property=\"article:published_time\" content=\"2022-11-06T23:04:10Z\">", ""),
      "https://e.example/artikel/storm");
  ASSERT_TRUE(m.published_ms);
  EXPECT_EQ(stated_day(m), day(2022, 11, 6));
}

}  // namespace
}  // namespace newsd::extract::detail
