// Arabic metadata conventions: Hijri-only dates (Umm al-Qura), author titles ("د.",
// "الدكتور"), byline prefixes in metadata names, and "city - name" datelines in bylines.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/time_util.h"
#include "connectors/extract/byline.h"
#include "connectors/extract/date_parse.h"
#include "tests/unit/extract/metadata_util.h"

namespace newsd::extract::detail {
namespace {

int64_t day(int y, unsigned m, unsigned d) { return days_from_civil(y, m, d) * 86400000LL; }
using V = std::vector<std::string>;

TEST(HijriDate, OnlyHijriDateIsConvertedWithUmmAlQura) {
  EXPECT_EQ(find_text_date("الخميس 5 رجب 1439 هـ"), day(2018, 3, 22));
  EXPECT_EQ(find_text_date("نشر في ١ محرم ١٤٤٥ هـ"), day(2023, 7, 19));  // Arabic-Indic digits
  EXPECT_EQ(find_text_date("27 ربيع الأول 1445هـ"), day(2023, 10, 12));
  EXPECT_EQ(find_text_date("10 ذو الحجة 1444 هـ"), day(2023, 6, 28));
  EXPECT_EQ(find_text_date("10 ذي الحجة 1444"), day(2023, 6, 28));  // genitive, no "هـ"
  EXPECT_EQ(find_text_date("3 جمادى الآخرة 1445 هـ"), day(2023, 12, 16));
}

TEST(HijriDate, GregorianDateInTheSameTextWins) {
  EXPECT_EQ(find_text_date("5 رجب 1439 هـ الموافق 22 مارس 2018 م"), day(2018, 3, 22));
  EXPECT_EQ(find_text_date("22 مارس 2018 - 5 رجب 1439 هـ"), day(2018, 3, 22));
}

TEST(HijriDate, NotADate) {
  EXPECT_FALSE(find_text_date("رجب 1439"));                 // no day
  EXPECT_FALSE(find_text_date("5 رجب 439 هـ"));             // not a four-digit year
  EXPECT_FALSE(find_text_date("5 رجب 2018"));               // a Gregorian year, a Hijri month
  EXPECT_FALSE(find_text_date("40 رمضان 1445 هـ"));         // no such day
  EXPECT_FALSE(find_text_date("5 رجبية 1439 هـ"));          // a longer word
  EXPECT_FALSE(find_text_date("فاز صفر مقابل 1445 نقطة"));  // "zero", not Safar
}

TEST(HijriDate, PageWithOnlyAHijriDateline) {
  auto m = metadata_of(
      "<html><head><meta charset=utf-8></head><body><h1>افتتاح معرض الكتاب في الرياض اليوم</h1>"
      "<div class=\"post-date\">الخميس 5 رجب 1439 هـ</div><p>نص الخبر.</p></body></html>",
      "https://news.example/a/1");
  EXPECT_EQ(m.published_ms, day(2018, 3, 22));
}

TEST(ArabicByline, TitlesBeforeTheNameAreDropped) {
  EXPECT_EQ(parse_byline("بقلم د. محمد علي", false), V{"محمد علي"});
  EXPECT_EQ(parse_byline("بقلم: الدكتور أحمد حسن", false), V{"أحمد حسن"});
  EXPECT_EQ(parse_byline("كتب: أ.د. سامي نصر", false), V{"سامي نصر"});
  EXPECT_EQ(parse_byline("د. محمد علي و د. سارة أحمد", true), (V{"محمد علي", "سارة أحمد"}));
}

TEST(ArabicByline, CityBeforeTheNameIsADateline) {
  EXPECT_EQ(parse_byline("القاهرة - محمد علي", true), V{"محمد علي"});
  EXPECT_EQ(parse_byline("كتب: القاهرة - محمد علي", false), V{"محمد علي"});
  EXPECT_EQ(parse_byline("بيروت – د. ليلى خوري", true), V{"ليلى خوري"});
  // A name then a city: the name is what comes first, as before.
  EXPECT_EQ(parse_byline("محمد علي - القاهرة", true), V{"محمد علي"});
  // Two words before the dash may be a name: no guess which side is the city.
  EXPECT_EQ(parse_byline("محمد علي - حسن", true), V{"محمد علي"});
  // The date after the name goes, in Arabic-Indic digits too; a city and a date is no byline.
  EXPECT_EQ(parse_byline("دمشق - سامر الخطيب ٠٣ تشرين الثاني ٢٠٢٣ - ١٨:٤٥", true),
            V{"سامر الخطيب"});
  EXPECT_TRUE(parse_byline("القاهرة - يوم الجمعة", true).empty());
  EXPECT_TRUE(parse_byline("بغداد - الجمعة ١٩ أيار ٢٠٢٣ | ٠٩:١٥", true).empty());
}

TEST(ArabicByline, DatelineInAMetaElementNamesTheReporter) {
  auto m = metadata_of(
      "<html><head><meta charset=utf-8></head><body><h1>المنتخب يعلن قائمته للمعسكر</h1>"
      "<div class=\"details-meta\"><span>دمشق - سامر الخطيب</span> <span>٠٣ تشرين الثاني "
      "٢٠٢٣</span></div><p>نص الخبر.</p></body></html>",
      "https://news.example/a/3");
  EXPECT_EQ(m.authors, V{"سامر الخطيب"});
  EXPECT_FALSE(arabic_dateline_byline("محمد علي - القاهرة"));
  EXPECT_FALSE(arabic_dateline_byline("Berlin - Max Muster"));
}

TEST(ArabicByline, MetadataAuthorsAreCleanedToo) {
  EXPECT_EQ(clean_author("د. محمد علي"), "محمد علي");
  EXPECT_EQ(clean_author("بقلم محمد علي"), "محمد علي");
  EXPECT_EQ(clean_author("كتب: محمود غراب"), "محمود غراب");
  EXPECT_EQ(clean_author("القاهرة - محمد علي"), "محمد علي");
  EXPECT_EQ(clean_author("By Jane Roe"), "Jane Roe");
  // Latin prefixes that can start a name stay ("Von Trier"), and so does a plain name.
  EXPECT_EQ(clean_author("Von Miller"), "Von Miller");
  EXPECT_EQ(clean_author("دعاء محمد"), "دعاء محمد");
  auto m = metadata_of(
      "<html><head><meta charset=utf-8><meta name=\"author\" content=\"الدكتور خالد منصور\">"
      "</head><body><h1>عنوان</h1></body></html>",
      "https://news.example/a/2");
  EXPECT_EQ(m.authors, V{"خالد منصور"});
}

}  // namespace
}  // namespace newsd::extract::detail
