// Behaviour of newsd::extract on small hand-written pages.
#include "connectors/extract/extract.h"
#include "tests/unit/extract/encode_util.h"

#include <gtest/gtest.h>
#include <unicode/ucnv.h>

#include <algorithm>
#include <string>

#include "connectors/extract/content.h"

namespace newsd::extract {
namespace {

using testing_util::to_cp1256;

options opts(const std::string& url, const std::string& content_type = "") {
  options o;
  o.url = url;
  o.content_type = content_type;
  return o;
}

const char* kArabicBody =
    "<p>أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في العاصمة، يضم مئتي سرير وقسما "
    "للطوارئ يعمل على مدار الساعة.</p>"
    "<p>وقال الوزير في مؤتمر صحفي إن المستشفى سيخدم أكثر من نصف مليون نسمة في الأحياء "
    "الجنوبية، وإن العمل فيه سيبدأ الأسبوع المقبل.</p>"
    "<p>وأضاف أن الحكومة تخطط لبناء ثلاثة مستشفيات أخرى خلال العامين المقبلين.</p>";

std::string arabic_page() {
  return std::string(
             "<!DOCTYPE html><html lang=\"ar\" dir=\"rtl\"><head>"
             "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1256\">"
             "<title>افتتاح مستشفى جديد في العاصمة - جريدة المثال</title>"
             "<meta property=\"og:site_name\" content=\"جريدة المثال\">"
             "</head><body><nav><ul><li><a href=\"/\">الرئيسية</a></li><li><a href=\"/s\">"
             "رياضة</a></li></ul></nav><div class=\"main\"><h1>افتتاح مستشفى جديد في العاصمة</h1>"
             "<div class=\"share\"><span>مشاركة :</span><a href=\"#\">فيسبوك</a></div>"
             "<div class=\"article-body\">") +
         kArabicBody +
         "<div class=\"read-also\"><b>اقرأ أيضا</b><a href=\"/x\">وزير الصحة يزور "
         "المحافظات الجنوبية</a></div></div></div>"
         "<footer><p>رئيس التحرير: فلان الفلاني</p><p>تابعونا</p></footer></body></html>";
}

TEST(Extract, ArabicWindows1256DeclaredOnlyByMetaHttpEquiv) {
  std::string bytes = to_cp1256(arabic_page());
  auto p = extract(bytes, opts("https://example.com/news/1", "text/html"));
  ASSERT_TRUE(p.ok()) << p.err().message;
  EXPECT_EQ(p->charset, "windows-1256");
  EXPECT_EQ(p->title, "افتتاح مستشفى جديد في العاصمة");
  EXPECT_EQ(p->site_name, "جريدة المثال");
  EXPECT_EQ(p->language, "ar");
  EXPECT_NE(p->text.find("أعلنت وزارة الصحة اليوم"), std::string::npos) << p->text;
  EXPECT_NE(p->text.find("خلال العامين المقبلين."), std::string::npos);
  EXPECT_EQ(p->text.find("اقرأ أيضا"), std::string::npos);
  EXPECT_EQ(p->text.find("مشاركة"), std::string::npos);
  EXPECT_EQ(p->text.find("رئيس التحرير"), std::string::npos);
  EXPECT_EQ(p->text.find("الرئيسية"), std::string::npos);
  // Paragraph structure survives as lines.
  EXPECT_EQ(std::count(p->text.begin(), p->text.end(), '\n'), 2);
}

TEST(Extract, HttpCharsetBeatsNothingAndSniffingWorksWithoutIt) {
  std::string page = arabic_page();
  page.replace(page.find("<meta http-equiv"), page.find("<title>") - page.find("<meta http-equiv"),
               "");
  std::string bytes = to_cp1256(page);
  auto with_header = extract(bytes, opts("", "text/html; charset=windows-1256"));
  ASSERT_TRUE(with_header.ok());
  EXPECT_NE(with_header->text.find("أعلنت وزارة الصحة"), std::string::npos);
  auto sniffed = extract(bytes, {});
  ASSERT_TRUE(sniffed.ok());
  EXPECT_NE(sniffed->text.find("أعلنت وزارة الصحة"), std::string::npos) << sniffed->charset;
}

TEST(Extract, DropsReadAlsoShareBarTweetCommentsAndRelated) {
  std::string html =
      "<html><head><title>Council approves budget | The Example Times</title></head><body>"
      "<header><a href=\"/\">Home</a> <a href=\"/world\">World</a></header>"
      "<article><h1>Council approves budget</h1>"
      "<div class=\"share-bar\"><a href=\"#\">Share</a><a href=\"#\">Tweet</a></div>"
      "<div class=\"story-body\">"
      "<p>The city council approved the 2024 budget on Tuesday, after a debate that lasted "
      "nearly six hours, with nine votes in favour and four against.</p>"
      "<aside class=\"read-also\"><h4>Read also</h4><ul><li><a href=\"/a\">Mayor faces "
      "questions over transport plan</a></li></ul></aside>"
      "<h2>Spending on schools</h2>"
      "<p>The largest increase goes to schools, whose budget grows by twelve percent, while "
      "road maintenance, parks and libraries keep last year's amounts.</p>"
      "<blockquote class=\"twitter-tweet\"><p>Budget passed! Big win for our kids "
      "#council</p>&mdash; Someone (@someone) <a href=\"https://twitter.com/x\">May 1</a>"
      "</blockquote>"
      "<figure><img src=\"a.jpg\"><figcaption>Council members vote.</figcaption></figure>"
      "<p>The budget takes effect on the first of January, the council said in a statement "
      "published after the vote.</p></div></article>"
      "<section class=\"related-articles\"><h3>Related</h3><p><a href=\"/b\">Another story "
      "about the council and its many decisions over the year</a></p></section>"
      "<div id=\"comments\"><p>Great news, finally some money for the schools in our "
      "district, thanks to everyone.</p></div>"
      "<footer><p>Copyright 2024 The Example Times. All rights reserved.</p></footer>"
      "</body></html>";
  auto p = extract(html, opts("https://example.com/2024/05/01/budget"));
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->title, "Council approves budget");
  EXPECT_EQ(p->text,
            "The city council approved the 2024 budget on Tuesday, after a debate that lasted "
            "nearly six hours, with nine votes in favour and four against.\n"
            "Spending on schools\n"
            "The largest increase goes to schools, whose budget grows by twelve percent, while "
            "road maintenance, parks and libraries keep last year's amounts.\n"
            "The budget takes effect on the first of January, the council said in a statement "
            "published after the vote.");
  EXPECT_EQ(p->language, "en");
  ASSERT_TRUE(p->published_ms.has_value());  // from the URL path
  EXPECT_EQ(*p->published_ms, 1714521600000);
}

TEST(Extract, DeepNestingNeitherCrashesNorRecursesAway) {
  std::string html = "<html><body>";
  for (int i = 0; i < 10000; ++i) html += "<div>";
  html +=
      "<p>Deeply nested paragraph text that is long enough to count as an article, with a "
      "comma, and another sentence to be sure.</p>";
  for (int i = 0; i < 10000; ++i) html += "</div>";
  html += "</body></html>";
  auto p = extract(html, {});
  ASSERT_TRUE(p.ok());
  // libxml2 may cap the depth and flatten the rest; the text must survive either way.
  EXPECT_NE(p->text.find("Deeply nested paragraph"), std::string::npos);
  std::string unclosed = "<html><body>";
  for (int i = 0; i < 10000; ++i) unclosed += "<span><b>";
  unclosed += "text";
  EXPECT_TRUE(extract(unclosed, {}).ok());
}

TEST(Extract, InvalidUtf8BecomesReplacementCharacters) {
  std::string html =
      "<html><head><meta charset=\"utf-8\"></head><body><article><p>Caf\xC3\xA9 prices rose "
      "again this week \xFF\xFE in the old town, owners said, citing \xC3 rents and the cost of "
      "energy for the winter months.</p></article></body></html>";
  auto p = extract(html, {});
  ASSERT_TRUE(p.ok());
  EXPECT_NE(p->text.find("prices rose"), std::string::npos);
  std::string json = to_json(*p);
  EXPECT_NE(json.find("\"text\":"), std::string::npos);
}

TEST(Extract, SizeCapIsAClearError) {
  std::string big(2000, 'x');
  options o;
  o.max_bytes = 1000;
  auto p = extract(big, o);
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.err().code, errc::too_large);
}

TEST(Extract, EmptyInputIsAnError) {
  EXPECT_FALSE(extract("", {}).ok());
  EXPECT_FALSE(extract("   \n", {}).ok());
}

TEST(Extract, JsonHasEveryContractField) {
  page p;
  p.url = "https://e.example/a";
  p.title = "T \"q\"";
  p.authors = {"A B"};
  p.published_ms = 1694000100000;
  std::string j = to_json(p);
  EXPECT_EQ(j,
            "{\"url\":\"https://e.example/a\",\"canonical_url\":\"\",\"title\":\"T \\\"q\\\"\","
            "\"text\":\"\",\"authors\":[\"A B\"],\"published_at\":\"2023-09-06T11:35:00Z\","
            "\"language\":\"\",\"site_name\":\"\"}");
  p.published_ms.reset();
  EXPECT_NE(to_json(p).find("\"published_at\":null"), std::string::npos);
}

TEST(DetectLanguage, ArabicEnglishAndHint) {
  EXPECT_EQ(detect_language("أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في العاصمة، يضم "
                            "مئتي سرير وقسما للطوارئ يعمل على مدار الساعة."),
            "ar");
  EXPECT_EQ(detect_language("The city council approved the budget on Tuesday after a long "
                            "debate about schools, roads and libraries."),
            "en");
  EXPECT_EQ(detect_language("", "de"), "de");
  EXPECT_EQ(detect_language(""), "");
}

TEST(Extract, ArticleInsideASwallowingNoscriptIsKept) {
  // "<noscript><div></noscript>": libxml2 stays inside the noscript to the end of the page.
  std::string para =
      "<p>The park counted at least nine females with cubs this year, a record since the "
      "monitoring began, and the rangers expect the population to keep growing.</p>";
  std::string html =
      "<html><body><noscript><div id=\"nojs\"></noscript><div id=\"main\">"
      "<h1>A record year for the bears</h1>" +
      para + para + para + para + para + para + para +
      "</div><noscript></div></noscript></body></html>";
  auto p = extract(html, opts("https://parco.example/news?id=1"));
  ASSERT_TRUE(p.ok());
  EXPECT_NE(p->text.find("the rangers expect the population"), std::string::npos);
  EXPECT_EQ(p->title, "A record year for the bears");
  // A real no-JavaScript fallback stays out of the text.
  p = extract(
      "<html><body><noscript><p>Please enable JavaScript to use all features of this "
      "site.</p></noscript><article>" +
          para + para + "</article></body></html>",
      opts("https://parco.example/news?id=2"));
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->text.find("enable JavaScript"), std::string::npos);
}

TEST(Extract, BaselineReplacesAShortWrongContainer) {
  std::string a(300, 'a'), b(100, 'b');
  // The chosen text holds little of a baseline three times longer: the baseline wins.
  EXPECT_TRUE(
      detail::prefer_baseline(b + "." + std::string(50, 'x'), a + ".\n" + a + ".\n" + a + "."));
  // The chosen text holds most of the baseline (it is the article plus a teaser): keep it.
  EXPECT_FALSE(detail::prefer_baseline(a + ".\n" + a + ".", a + ".\n" + a + ".\n" + b + "."));
  // Not much longer: keep the chosen text.
  EXPECT_FALSE(detail::prefer_baseline(a + "." + b, std::string(420, 'c')));
  // Under 100 characters found: anything longer wins.
  EXPECT_TRUE(detail::prefer_baseline("short", "a longer baseline"));
}

}  // namespace
}  // namespace newsd::extract

namespace newsd::extract {
namespace {

TEST(ExtractTail, DisclosureBeforeAndFilingNotesAfterTheArticleAreDropped) {
  std::string para =
      "<p>The harbour authority opened the new northern pier on Monday, after three years of "
      "construction work that cost the region more than forty million euros in total.</p>"
      "<p>Ferries to the islands will use the pier from June, the authority said, and the old "
      "terminal in the city centre will be turned into a market hall for local producers.</p>";
  std::string html =
      "<html><body><article><h1>New pier opens</h1>"
      "<p>Für Links auf dieser Seite erhält die Redaktion ggf. eine Provision vom Händler.</p>" +
      para + para +
      "<p>Klicken Sie auf den unteren Button, um den Inhalt von www.maps.example zu laden.</p>"
      "<p>Der Beitrag wurde am Mittwoch, den 27. November 2019 um 15:21 Uhr veröffentlicht und "
      "wurde unter Allgemein abgelegt.</p></article></body></html>";
  auto p = extract(html, opts("https://coast.example/news/pier"));
  ASSERT_TRUE(p.ok());
  EXPECT_NE(p->text.find("market hall for local producers."), std::string::npos);
  EXPECT_EQ(p->text.find("Provision"), std::string::npos);
  EXPECT_EQ(p->text.find("unteren Button"), std::string::npos);
  EXPECT_EQ(p->text.find("Der Beitrag wurde am"), std::string::npos);
}

}  // namespace
}  // namespace newsd::extract
