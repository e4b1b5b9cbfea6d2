// Arabic news-page conventions: month names and digits in written dates, bidi marks in
// headlines, windows-1256 under a wrong Latin label, headline/dateline lines above the body,
// and Arabic closing sections.
#include <gtest/gtest.h>
#include <unicode/ucnv.h>

#include <string>
#include <vector>

#include "common/time_util.h"
#include "connectors/extract/byline.h"
#include "connectors/extract/charset.h"
#include "connectors/extract/date_parse.h"
#include "connectors/extract/extract.h"
#include "connectors/extract/title.h"
#include "tests/unit/extract/encode_util.h"

namespace newsd::extract {
namespace {

int64_t day(int y, unsigned m, unsigned d) { return days_from_civil(y, m, d) * 86400000LL; }

using testing_util::to_cp1256;

const char* kParagraphs =
    "<p>أعلنت وزارة الزراعة اليوم عن بدء موسم الحصاد في المحافظات الشمالية، وسط توقعات "
    "بإنتاج يفوق الموسم الماضي بفضل الأمطار الغزيرة.</p>"
    "<p>وقال وزير الزراعة في مؤتمر صحفي إن الوزارة وفرت الآلات الزراعية والأسمدة بأسعار "
    "مدعومة، وإن مراكز الاستلام ستفتح أبوابها الأسبوع المقبل.</p>"
    "<p>وأضاف أن الحكومة تدرس رفع سعر شراء القمح من الفلاحين لتشجيعهم على زيادة المساحات "
    "المزروعة خلال السنوات المقبلة.</p>";

TEST(TextDate, ArabicMonthNamesOfEveryRegion) {
  using detail::find_text_date;
  EXPECT_EQ(find_text_date("الثلاثاء 14 فبراير 2023 - 10:30 ص"), day(2023, 2, 14));
  EXPECT_EQ(find_text_date("الأحد 12 آذار 2023"), day(2023, 3, 12));
  EXPECT_EQ(find_text_date("الأحد 12 آذار/مارس 2023"), day(2023, 3, 12));
  EXPECT_EQ(find_text_date("12 آذار (مارس) 2023"), day(2023, 3, 12));
  EXPECT_EQ(find_text_date("3 تشرين الثاني 2023"), day(2023, 11, 3));
  EXPECT_EQ(find_text_date("1 كانون الأول 2022"), day(2022, 12, 1));
  EXPECT_EQ(find_text_date("الأحد 21 جانفي 2024"), day(2024, 1, 21));
  EXPECT_EQ(find_text_date("نشر في 17 أوت 2023 على الساعة 15:20"), day(2023, 8, 17));
  EXPECT_EQ(find_text_date("السبت 13 ماي 2023 - 23:40"), day(2023, 5, 13));
  EXPECT_EQ(find_text_date("13 مايو 2023"), day(2023, 5, 13));
  EXPECT_EQ(find_text_date("5 دجنبر 2023"), day(2023, 12, 5));
  // A word that merely starts with a month name is not one ("مارسيليا" is Marseille).
  EXPECT_FALSE(find_text_date("12 مارسيليا 2023"));
}

TEST(TextDate, ArabicIndicDigits) {
  using detail::find_text_date;
  EXPECT_EQ(find_text_date("الجمعة ١٩ أيار ٢٠٢٣ | ٠٩:١٥"), day(2023, 5, 19));
  EXPECT_EQ(find_text_date("٠٣ تشرين الثاني ٢٠٢٣ - ١٨:٤٥"), day(2023, 11, 3));
  EXPECT_EQ(find_text_date("۲۵ سبتمبر ۲۰۲۳"), day(2023, 9, 25));  // Eastern (Persian) forms
}

TEST(TextDate, GregorianDateNextToHijriOne) {
  using detail::find_text_date;
  EXPECT_EQ(find_text_date("الخميس 27 ربيع الأول 1445 هـ الموافق 12 أكتوبر 2023 م"),
            day(2023, 10, 12));
  EXPECT_EQ(find_text_date("الأحد 7 رمضان 1445 هـ - 17 مارس 2024"), day(2024, 3, 17));
  // Only the Hijri date: converted (hijri_date_test in arabic_metadata_test.cc).
  EXPECT_EQ(find_text_date("الأحد 7 رمضان 1445 هـ"), day(2024, 3, 17));
}

TEST(Byline, ArabicNamesOfThreeWordsAndDashedPrefix) {
  using detail::parse_byline;
  // Arabic has no letter case: a three-word name is not a shouted column title.
  EXPECT_EQ(parse_byline("كتب: محمد عبد الحميد", false),
            std::vector<std::string>{"محمد عبد الحميد"});
  EXPECT_EQ(parse_byline("كتب - فهد العنزي", false), std::vector<std::string>{"فهد العنزي"});
  EXPECT_TRUE(parse_byline("LES TEMPS QUI COURENT", true).empty());
}

TEST(Title, BidiMarksAreNotPartOfTheHeadline) {
  EXPECT_EQ(detail::strip_bidi_marks("\u200fعنوان الخبر\u200f"), "عنوان الخبر");
  EXPECT_EQ(detail::strip_bidi_marks("\u202bعنوان\u202c \u061cالخبر\u200e "), "عنوان الخبر");
  std::string html = std::string(
                         "<html lang=ar dir=rtl><head><meta charset=utf-8>"
                         "<meta property=\"og:title\" content=\"\u200fموسم حصاد وفير "
                         "في الشمال\u200f\"></head><body><h1>\u200fموسم حصاد وفير في "
                         "الشمال\u200f</h1><div class=body>") +
                     kParagraphs + "</div></body></html>";
  auto p = extract(html, {});
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->title, "موسم حصاد وفير في الشمال");
}

TEST(Charset, Windows1256UnderALatinLabelIsDetected) {
  std::string html =
      "<html lang=\"ar\" dir=\"rtl\"><head><meta charset=\"iso-8859-1\"></head><body>" +
      to_cp1256(std::string(kParagraphs) + kParagraphs) + "</body></html>";
  auto d = detail::decode_to_utf8(html, "text/html");
  EXPECT_EQ(d.charset, "windows-1256");
  EXPECT_NE(d.text.find("موسم الحصاد"), std::string::npos);
  // A French page in the same label keeps it: accented letters are a minority.
  std::string fr = "<meta charset=\"iso-8859-1\"><p>";
  for (int i = 0; i < 40; ++i) fr += "L'\xE9t\xE9 a \xE9t\xE9 chaud \xE0 Paris et \xE0 Lyon. ";
  EXPECT_EQ(detail::decode_to_utf8(fr + "</p>", "").charset, "windows-1252");
}

TEST(Extract, HeadlineAndDatelineAboveTheBodyAreNotText) {
  // No <h1>: the headline is an <h2> inside the article block, followed by a dateline.
  std::string html = std::string(
                         "<html lang=ar><head><meta charset=utf-8><title>موسم حصاد "
                         "وفير في الشمال</title></head><body><div class=news>"
                         "<h2>موسم حصاد وفير في الشمال</h2>"
                         "<div class=date>بغداد - الجمعة ١٩ أيار ٢٠٢٣ | ٠٩:١٥</div>") +
                     kParagraphs + "</div></body></html>";
  auto p = extract(html, {});
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->title, "موسم حصاد وفير في الشمال");
  EXPECT_TRUE(p->text.starts_with("أعلنت وزارة الزراعة")) << p->text;
  ASSERT_TRUE(p->published_ms);
  EXPECT_EQ(*p->published_ms, day(2023, 5, 19));
}

TEST(ExtractTail, ArabicAboutTheWriterSectionIsDropped) {
  std::string html = std::string(
                         "<html lang=ar><head><meta charset=utf-8></head><body>"
                         "<h1>موسم حصاد وفير في الشمال</h1><div class=column>") +
                     kParagraphs + kParagraphs +
                     "<h3>عن الكاتب</h3><p>أستاذ الاقتصاد الزراعي في الجامعة، وله مؤلفات عدة "
                     "في التنمية الريفية والسياسات الغذائية.</p></div></body></html>";
  auto p = extract(html, {});
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->text.find("عن الكاتب"), std::string::npos) << p->text;
  EXPECT_EQ(p->text.find("أستاذ الاقتصاد"), std::string::npos) << p->text;
}

}  // namespace
}  // namespace newsd::extract
