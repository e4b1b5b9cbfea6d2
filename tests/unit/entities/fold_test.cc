#include <gtest/gtest.h>

#include "daemon/entities/fold.h"
#include "daemon/entities/utf8.h"

namespace newsd::entities {
namespace {

std::vector<std::string> stems(std::string_view w) {
  std::vector<std::string> out;
  for (const auto& s : strip_clitics(fold(w))) out.push_back(s.stem);
  return out;
}

TEST(Fold, RemovesMarksAndUnifiesLetters) {
  EXPECT_EQ(fold("الولايات المتّحدة"), fold("الولايات المتحدة"));
  EXPECT_EQ(fold("أون"), fold("اون"));
  EXPECT_EQ(fold("إيران"), fold("ايران"));
  EXPECT_EQ(fold("مدرسة"), fold("مدرسه"));
  EXPECT_EQ(fold("مستشفى"), fold("مستشفي"));
  EXPECT_EQ(fold("Kim Jong-Un"), "kim jong-un");
  EXPECT_EQ(fold("٢٠٢٣"), "2023");
  EXPECT_NE(fold("كيم"), fold("كريم"));
}

TEST(Clitics, StripsConjunctionPrepositionAndArticle) {
  EXPECT_EQ(stems("وروسيا"), (std::vector<std::string>{fold("روسيا")}));
  EXPECT_EQ(stems("والقاهرة"), (std::vector<std::string>{fold("القاهرة")}));
  EXPECT_EQ(stems("وبالقاهرة")[0], fold("القاهرة"));
  EXPECT_EQ(stems("بموسكو")[0], fold("موسكو"));
  EXPECT_EQ(stems("للأمم")[0], fold("الأمم"));  // لل = ل + ال
  EXPECT_EQ(stems("ولروسيا")[0], fold("روسيا"));
  EXPECT_TRUE(stems("من").empty());  // too short to carry a clitic
  EXPECT_EQ(drop_article(fold("الكرملين")), fold("كرملين"));
  EXPECT_EQ(clitic_stem(fold("Moscow")), "moscow");
}

TEST(Skeleton, MergesForeignGAndVowelVariants) {
  EXPECT_EQ(skeleton(fold("كيم جونج أون")), skeleton(fold("كيم جونغ أون")));
  EXPECT_EQ(skeleton(fold("كيم جونغ اون")), skeleton(fold("كيم جونج أون")));
  EXPECT_EQ(skeleton(fold("بيونج يانج")), skeleton(fold("بيونغ يانغ")));
  EXPECT_EQ(skeleton(fold("بيونج يانج")), skeleton(fold("بيونجيانج")));
  EXPECT_EQ(skeleton(fold("سيرجي شويجو")), skeleton(fold("سيرغي شويغو")));
  EXPECT_EQ(skeleton(fold("تشيخوف")), skeleton(fold("شيخوف")));
  EXPECT_EQ(skeleton(fold("Kim Jong-un")), skeleton(fold("KimJongUn")));
  EXPECT_NE(skeleton(fold("بوتين")), skeleton(fold("بايدن")));
}

TEST(EditDistance, CountsCodePoints) {
  EXPECT_EQ(edit_distance("بيونح", "بيونج", 3), 1);
  EXPECT_EQ(edit_distance("abc", "abc", 1), 0);
  EXPECT_EQ(edit_distance("abcdef", "xyz", 2), 3);  // capped at limit + 1
}

TEST(Tokenise, CodePointOffsetsWithMarksAndEmoji) {
  const std::string text = "😀 مُحَمَّد في #KimJongUn U.S. Putin's";
  const auto t = tokenise(text);
  ASSERT_GE(t.size(), 9u);
  EXPECT_EQ(t[0].text, "😀");
  EXPECT_EQ(t[0].cp_start, 0u);
  EXPECT_EQ(t[0].cp_end, 1u);    // one code point, though two UTF-16 units
  EXPECT_EQ(t[1].text, "مُحَمَّد");  // marks stay inside the word
  EXPECT_EQ(t[1].cp_start, 2u);
  EXPECT_EQ(t[1].cp_end, 10u);
  EXPECT_EQ(t[2].text, "في");
  EXPECT_EQ(t[3].text, "#");
  EXPECT_EQ(t[4].text, "Kim");
  EXPECT_TRUE(t[4].after_hash);
  EXPECT_EQ(t[5].text, "Jong");
  EXPECT_EQ(t[6].text, "Un");
  EXPECT_EQ(t[6].cp_end, 24u);
  EXPECT_EQ(t[7].text, "U.S.");
  EXPECT_EQ(t[8].text, "Putin");
}

}  // namespace
}  // namespace newsd::entities
