#include <gtest/gtest.h>

#include "daemon/text/normalise.h"

using newsd::text::normalise;

TEST(Normalise, ArabicFolding) {
  EXPECT_EQ(normalise("أحمد إبراهيم آمال ٱلله").text, "احمد ابراهيم امال الله");
  EXPECT_EQ(normalise("مصطفى").text, "مصطفي");
  EXPECT_EQ(normalise("مدرسة").text, "مدرسه");
  EXPECT_EQ(normalise("مؤتمر").text, "موتمر");
  EXPECT_EQ(normalise("رئيس").text, "رييس");
  EXPECT_EQ(normalise("مُحَمَّد").text, "محمد");        // tashkeel
  EXPECT_EQ(normalise("العـــربية").text, "العربيه");  // tatweel
  EXPECT_EQ(normalise("ترمب").text, "ترمب");
}

TEST(Normalise, DigitsAndPersianLetters) {
  EXPECT_EQ(normalise("٢٠١٨").text, "2018");
  EXPECT_EQ(normalise("۱۲۳").text, "123");
  EXPECT_EQ(normalise("کی").text, "كي");
  EXPECT_EQ(normalise("\xEF\xBB\xB7").text, "لا");  // presentation form ligature (NFKC)
}

TEST(Normalise, LatinCaseAndDiacritics) {
  EXPECT_EQ(normalise("Café CRÈME Straße").text, "cafe creme strasse");
  EXPECT_EQ(normalise("ﬁne").text, "fine");  // NFKC ligature
}

TEST(Normalise, DropsHashUrlsAndMarkup) {
  EXPECT_EQ(normalise("#دونالد_ترمب قال").text, "دونالد ترمب قال");
  EXPECT_EQ(normalise("see https://example.com/a?b=1 now").text, "see  now");
  EXPECT_EQ(normalise("a <b>bold</b> move").text, "a bold move");
  EXPECT_EQ(normalise("3 < 4").text, "3 < 4");
}

TEST(Normalise, OffsetsMapBackToCodePoints) {
  auto n = normalise("أَب C");  // alef-hamza, fatha, beh, space, C
  ASSERT_EQ(n.text, "اب c");
  ASSERT_EQ(n.offsets.size(), n.text.size());
  EXPECT_EQ(n.offsets[0], 0u);  // both bytes of alef come from code point 0
  EXPECT_EQ(n.offsets[1], 0u);
  EXPECT_EQ(n.offsets[2], 2u);  // beh is code point 2 (the fatha was dropped)
  EXPECT_EQ(n.offsets[4], 3u);  // space
  EXPECT_EQ(n.offsets[5], 4u);  // c
  auto u = normalise("x http://a.b y");
  EXPECT_EQ(u.text, "x  y");
  EXPECT_EQ(u.offsets[3], 13u);
}

TEST(Normalise, InvalidUtf8DoesNotCrash) {
  auto n = normalise(std::string("a\xff\xc3") + "b");
  EXPECT_EQ(n.offsets.size(), n.text.size());
  EXPECT_EQ(n.text.front(), 'a');
  EXPECT_EQ(n.text.back(), 'b');
}
