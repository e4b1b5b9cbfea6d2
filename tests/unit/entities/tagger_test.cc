// Runs the committed models (models/ in the repository); no ../shared needed.
#include <gtest/gtest.h>

#include <filesystem>

#include "daemon/entities/tagger.h"
#include "daemon/entities/utf8.h"
#include "tests/unit/entities/tagger_fixture.h"

namespace newsd::entities {
namespace {

TEST(Tagger, MissingModelsIsAClearError) {
  auto r = tagger::load("/nonexistent-newsd-models");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.err().message.find("make models"), std::string::npos);
}

TEST(Linking, EverySpellingOfKimJongUnIsOneId) {
  const std::string a =
      id_of("قال الزعيم الكوري الشمالي كيم جونج أون إن بلاده مستعدة.", "كيم جونج أون");
  EXPECT_EQ(a, "Q56226");
  EXPECT_EQ(id_of("وأشرف كيم جونغ أون على الاختبار.", "كيم جونغ أون"), a);
  EXPECT_EQ(id_of("وقال الرئيس كيم جونغ اون إن التجربة نجحت.", "كيم جونغ اون"), a);
  EXPECT_EQ(id_of("North Korean leader Kim Jong Un left for Russia.", "Kim Jong Un", "en"), a);
  EXPECT_EQ(id_of("JUST IN: #NorthKorean leader #KimJongUn has departed.", "KimJongUn", "en"), a);
}

TEST(Linking, PyongyangVariantsAndTypo) {
  const std::string a = id_of("غادر كيم بيونج يانج أمس.", "بيونج يانج");
  EXPECT_FALSE(a.empty());
  EXPECT_EQ(id_of("وأفادت التقارير أن كيم غادر بيونغ يانغ أمس.", "بيونغ يانغ"), a);
  EXPECT_EQ(id_of("وأشارت كوريا الجنوبية إلى أن بيونح يانج تواصل إمداد موسكو.", "بيونح يانج"), a);
}

TEST(Linking, ShoiguVariants) {
  const std::string a =
      id_of("قال وزير الدفاع الروسي سيرجي شويجو إن موسكو تناقش التدريبات.", "سيرجي شويجو");
  EXPECT_EQ(id_of("وقال وزير الدفاع الروسي سيرغي شويغو إن التدريبات مستمرة.", "سيرغي شويغو"), a);
}

TEST(Linking, FormalCountryNameIsNorthKorea) {
  EXPECT_EQ(id_of("وقالت جمهورية كوريا الشعبية الديمقراطية في بيان إنها سترد.",
                  "جمهورية كوريا الشعبية الديمقراطية"),
            "Q423");
  EXPECT_EQ(id_of("وزار شويجو كوريا الشمالية في يوليو.", "كوريا الشمالية"), "Q423");
}

TEST(Linking, UnknownNamesGetOneIdPerSpellingFamily) {
  auto t = load_models();
  ASSERT_TRUE(t);
  const auto es = t->tag(
      "وقال المتحدث باسم الوزارة جورج هاميلتون إن الاجتماع انتهى. وأضاف جورج هاملتون أن "
      "الوفد غادر.",
      "ar");
  const auto* a = find(es, "جورج هاميلتون");
  const auto* b = find(es, "جورج هاملتون");
  ASSERT_NE(a, nullptr);
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(a, b);
  EXPECT_EQ(a->id.rfind("newsd:", 0), 0u);
  EXPECT_EQ(a->type, "PERSON");
}

TEST(Offsets, CodePointsWithMarksEmojiAndClitics) {
  auto t = load_models();
  ASSERT_TRUE(t);
  const std::string text = "🇰🇵😀 زار الرَّئِيسُ فلاديمير بوتين وروسيا.";
  const auto es = t->tag(text, "ar");
  const auto* putin = find(es, "فلاديمير بوتين");
  ASSERT_NE(putin, nullptr);
  EXPECT_EQ(putin->id, "Q7747");
  // Check every mention against its code-point slice of the text.
  std::u32string u;
  for (size_t i = 0; i < text.size();) u += next_cp(text, i);
  for (const auto& e : es) {
    for (const auto& m : e.mentions) {
      ASSERT_LE(m.end, u.size());
      std::string slice;
      for (uint32_t k = m.start; k < m.end; ++k) append_utf8(slice, u[k]);
      EXPECT_EQ(slice, m.text);
    }
  }
  const auto* russia = find(es, "روسيا");  // the conjunction و is outside the mention
  ASSERT_NE(russia, nullptr);
  EXPECT_EQ(russia->id, "Q159");
  EXPECT_EQ(putin->mentions[0].start, 19u);  // 2 (flag) + 1 + 1 + 3 + 1 + 10 (marked word) + 1
}

struct expected {
  const char* lang;
  const char* text;
  std::vector<std::pair<const char*, const char*>> entities;  // surface, type
};

TEST(Regression, SentencesWithExpectedEntities) {
  auto t = load_models();
  ASSERT_TRUE(t);
  const std::vector<expected> cases = {
      {"ar",
       "وقال المتحدث باسم الكرملين دميتري بيسكوف إن بوتين سيزور الصين.",
       {{"الكرملين", "ORGANIZATION"},
        {"دميتري بيسكوف", "PERSON"},
        {"بوتين", "PERSON"},
        {"الصين", "LOCATION"}}},
      {"ar",
       "ونقلت رويترز عن مسؤولين في واشنطن أن الأمم المتحدة تدرس القرار.",
       {{"رويترز", "ORGANIZATION"}, {"واشنطن", "LOCATION"}, {"الأمم المتحدة", "ORGANIZATION"}}},
      {"ar",
       "التقى الرئيس المصري عبد الفتاح السيسي نظيره التركي رجب طيب أردوغان في القاهرة.",
       {{"عبد الفتاح السيسي", "PERSON"}, {"رجب طيب أردوغان", "PERSON"}, {"القاهرة", "LOCATION"}}},
      {"en",
       "Russian President Vladimir Putin met Kim Jong Un in Vladivostok, the Kremlin said.",
       {{"Vladimir Putin", "PERSON"},
        {"Kim Jong Un", "PERSON"},
        {"Vladivostok", "LOCATION"},
        {"Kremlin", "ORGANIZATION"}}},
      {"en",
       "The United Nations Security Council met in New York on Monday.",
       {{"United Nations Security Council", "ORGANIZATION"}, {"New York", "LOCATION"}}},
      {"",
       "German Chancellor Olaf Scholz spoke to reporters in Berlin.",
       {{"Olaf Scholz", "PERSON"}, {"Berlin", "LOCATION"}}},
  };
  for (const auto& c : cases) {
    const auto es = t->tag(c.text, c.lang);
    for (const auto& [surface, type] : c.entities) {
      const auto* e = find(es, surface);
      ASSERT_NE(e, nullptr) << surface << " not found in: " << c.text;
      EXPECT_EQ(e->type, type) << surface;
    }
  }
}

// True when some mention's text contains `part`.
bool mentions_contain(const std::vector<model::entity>& es, std::string_view part) {
  for (const auto& e : es)
    for (const auto& m : e.mentions)
      if (m.text.find(part) != std::string::npos) return true;
  return false;
}

// Errors seen on the seed articles, each fixed once and kept fixed.
TEST(Regression, SeedErrorsStayFixed) {
  auto t = load_models();
  ASSERT_TRUE(t);
  // A person span must not run onto the verb after the short name.
  {
    const auto es = t->tag(
        "التقى الزعيم الكوري الشمالي كيم جونج أون الرئيس الروسي. وقالت الصحيفة إن كيم سيسافر من "
        "بيونج يانج إلى فلاديفوستوك. وأفادت التقارير أن كيم غادر بيونغ يانغ أمس.",
        "ar");
    EXPECT_FALSE(mentions_contain(es, "سيسافر"));
    EXPECT_FALSE(mentions_contain(es, "غادر"));
    const auto* kim = find(es, "كيم");
    ASSERT_NE(kim, nullptr);
    EXPECT_EQ(kim->id, "Q56226");
  }
  // A hyphenated name stays one mention.
  {
    const auto es = t->tag(
        "وأوضح يانغ مو-جين، رئيس جامعة الدراسات الكورية الشمالية في سول، أن التطوير مستمر.", "ar");
    const auto* e = find(es, "يانغ مو-جين");
    ASSERT_NE(e, nullptr) << "hyphenated name split";
    EXPECT_EQ(e->type, "PERSON");
  }
  // Nationality adjectives, pronoun-suffixed nouns and currencies are not entities, and an
  // adjective is not linked to the country.
  {
    const auto es = t->tag(
        "هناك مثل روسي قديم يقول: أنت لا تختار جيرانك. ويهدف ذلك إلى إمداد موسكو بأسلحة كورية "
        "شمالية. تابعوا أسعار الدولار ، أسعار اليورو.",
        "ar");
    EXPECT_FALSE(mentions_contain(es, "روسي"));
    EXPECT_FALSE(mentions_contain(es, "جيرانك"));
    EXPECT_FALSE(mentions_contain(es, "كورية"));
    EXPECT_FALSE(mentions_contain(es, "الدولار"));
    for (const auto& e : es) EXPECT_NE(e.id, "Q423") << e.mentions[0].text;
    EXPECT_NE(find(es, "موسكو"), nullptr);
  }
  // URL pieces are not places.
  {
    const auto es = t->tag(
        "المصدر: https://www.example.com/arabic/world/cairo-beirut-news وزار الرئيس القاهرة.",
        "ar");
    EXPECT_FALSE(mentions_contain(es, "cairo"));
    EXPECT_FALSE(mentions_contain(es, "beirut"));
    EXPECT_FALSE(mentions_contain(es, "example"));
    EXPECT_NE(find(es, "القاهرة"), nullptr);
  }
  // Syria spelled سورية is a country, not an adjective.
  {
    const auto es = t->tag("وصل الوفد إلى سورية أمس.", "ar");
    const auto* e = find(es, "سورية");
    ASSERT_NE(e, nullptr);
    EXPECT_EQ(e->type, "LOCATION");
  }
}

TEST(Linking, ShortFormMentionsLeaveOutProclitics) {
  auto t = load_models();
  ASSERT_TRUE(t);
  const std::string text =
      "وصل اللاعب محمد صلاح إلى لندن أمس.\nوقال مدرب الفريق إن صلاح سيشارك في المباراة، وأضاف "
      "أن لصلاح دورا كبيرا وأن وصلاح القائد.\n";
  const auto es = t->tag(text, "ar");
  const auto* e = find(es, "محمد صلاح");
  ASSERT_NE(e, nullptr);
  // لصلاح and وصلاح are the short name with a preposition/conjunction: same id, and the
  // mention is the name alone.
  EXPECT_EQ(e->mentions.size(), 4u);
  for (const auto& m : e->mentions)
    EXPECT_TRUE(m.text == "محمد صلاح" || m.text == "صلاح") << m.text;
}

TEST(TagTokens, BioTagsForConll) {
  auto t = load_models();
  ASSERT_TRUE(t);
  const auto tags = t->tag_tokens({"Vladimir", "Putin", "visited", "Moscow", "."}, "");
  ASSERT_EQ(tags.size(), 5u);
  EXPECT_EQ(tags[0], "B-PER");
  EXPECT_EQ(tags[1], "I-PER");
  EXPECT_EQ(tags[2], "O");
  EXPECT_EQ(tags[3], "B-LOC");
  const auto ar =
      t->tag_tokens({"وصل", "الرئيس", "الروسي", "فلاديمير", "بوتين", "إلى", "موسكو", "."}, "");
  ASSERT_EQ(ar.size(), 8u);
  EXPECT_EQ(ar[3], "B-PER");
  EXPECT_EQ(ar[4], "I-PER");
  EXPECT_EQ(ar[5], "O");
  EXPECT_EQ(ar[6], "B-LOC");
}

}  // namespace
}  // namespace newsd::entities
