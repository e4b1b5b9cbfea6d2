// The memos kept across texts (unknown words, misspelt-name windows) must not change any
// output: the same texts give the same entities with and without them, in any order, also
// when the word memo is small enough to age entries while texts are tagged.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "daemon/entities/tagger.h"
#include "daemon/entities/tagger_util.h"
#include "daemon/entities/utf8.h"
#include "daemon/entities/word_memo.h"
#include "tests/support/test_support.h"

namespace newsd::entities {
namespace {

std::shared_ptr<const tagger> load(size_t memo_mb) {
  tagger::options o;
  o.word_cache_mb = memo_mb;
  auto r = tagger::load(std::string(NEWSD_SOURCE_DIR) + "/models", o);
  if (!r) {
    ADD_FAILURE() << "committed entity models missing: " << r.err().message
                  << " (run `make models`)";
    return nullptr;
  }
  return *r;
}

std::string dump(const std::vector<model::entity>& es) {
  std::ostringstream o;
  for (const auto& e : es) {
    o << e.type << '\t' << e.id << '\t' << e.name << '\t' << e.wikidata;
    for (const auto& m : e.mentions) o << " [" << m.start << ',' << m.end << ' ' << m.text << ']';
    o << '\n';
  }
  return o.str();
}

// Unknown words (names, a typo, clitic forms) that recur from text to text.
const std::vector<std::pair<std::string, std::string>> kTexts = {
    {"ar", "وقال المتحدث باسم الكرملين دميتري بيسكوف إن بوتين سيزور الصين."},
    {"ar", "وصل الزعيم كيم جونغ أون إلى بيونح يانج قادما من فلاديفوستوك، وكيم سيسافر غدا."},
    {"ar", "والتقى سيرغي شويغو بالزعيم كيم جونج أون في بيونج يانج، وقال شويغو إن التعاون مستمر."},
    {"ar", "وقالت صحيفة زفيزدوتشكا إن بيونح يانج استقبلت وفد جمهورية كوريا الشعبية الديمقراطية."},
    {"en", "Russian President Vladimir Putin met Kim Jong Un in Vladivostok, the Kremlin said."},
    {"", "German Chancellor Olaf Scholz spoke to reporters in Berlin and Zvezdochka."},
};

TEST(TaggerMemo, SameEntitiesWithAndWithoutMemos) {
  auto plain = load(0), memo = load(16), tiny = load(1);
  ASSERT_TRUE(plain && memo && tiny);
  std::vector<std::string> want;
  for (const auto& [lang, text] : kTexts) want.push_back(dump(plain->tag(text, lang)));
  EXPECT_NE(want[1].find("Q18808"), std::string::npos) << want[1];  // the typo بيونح يانج
  // Three laps in both directions: later laps meet every word in the memos.
  for (int lap = 0; lap < 3; ++lap)
    for (size_t k = 0; k < kTexts.size(); ++k) {
      const size_t i = lap % 2 ? kTexts.size() - 1 - k : k;
      EXPECT_EQ(dump(memo->tag(kTexts[i].second, kTexts[i].first)), want[i]) << i;
      EXPECT_EQ(dump(tiny->tag(kTexts[i].second, kTexts[i].first)), want[i]) << i;
    }
}

TEST(TaggerMemo, SeedsSameWithAndWithoutMemos) {
  NEWSD_REQUIRE_SHARED();
  auto plain = load(0), memo = load(1);
  ASSERT_TRUE(plain && memo);
  for (const char* f :
       {"000_996fb99cc9d0b02b.txt", "002_dce838a851df7fb4.txt", "004_b164f27a6da00b7c.txt"}) {
    std::ifstream in(newsd::testing::shared_dir() + "/seeds/" + f);
    ASSERT_TRUE(in) << f;
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string want = dump(plain->tag(ss.str(), "ar"));
    EXPECT_FALSE(want.empty()) << f;
    for (int lap = 0; lap < 2; ++lap) EXPECT_EQ(dump(memo->tag(ss.str(), "ar")), want) << f;
  }
}

TEST(TaggerMemo, WordMemoAgesWithinItsBudget) {
  word_memo m(64 << 10);
  word_entry* first = nullptr;
  for (int text = 0; text < 50; ++text) {
    m.begin_text();
    for (int w = 0; w < 20; ++w) {
      const std::string raw = "word" + std::to_string(text * 20 + w);
      ASSERT_EQ(m.find(raw), nullptr);
      word_entry& e = m.insert(raw);
      e.info.fold = raw;
      m.account(raw, e);
      if (text == 0 && w == 0) first = &e;
    }
    // Kept alive by use: a hit in the old generation moves the entry, not its address.
    EXPECT_EQ(m.find("word0"), first) << text;
    EXPECT_EQ(first->info.fold, "word0");
    // Between texts at most the budget plus one text's entries.
    EXPECT_LE(m.bytes(), m.max_bytes() + 20 * 1024) << text;
  }
  EXPECT_LT(m.size(), 50u * 20u);  // old entries were dropped
  EXPECT_EQ(m.find("word21"), nullptr);
}

TEST(TaggerMemo, PairMemoIsPerOwner) {
  pair_memo& a = pair_memo::of_thread(1001);
  int32_t r = 0;
  EXPECT_FALSE(a.find(5, 7, r));
  a.put(5, 7, 42);
  ASSERT_TRUE(a.find(5, 7, r));
  EXPECT_EQ(r, 42);
  EXPECT_FALSE(a.find(7, 5, r));              // ordered pairs
  pair_memo& b = pair_memo::of_thread(1002);  // another tagger: starts over
  EXPECT_FALSE(b.find(5, 7, r));
}

// url_tokens only looks at the chunks around '/', '@' and a leading www.: every URL form, and
// nothing else, whatever comes before or after.
TEST(TaggerUrls, MarksExactlyTheUrlChunks) {
  const std::string text =
      "قال www.example.com ثم 2023/5/1 و pic.twitter.com/HCqgGn416a\n"
      "a@b.org x@y https://t.co/x?y=1 awww.z abc/def @user خبر";
  const auto toks = tokenise(text);
  const auto in_url = url_tokens(text, toks);
  std::string got;
  for (size_t i = 0; i < toks.size(); ++i)
    if (in_url[i]) got += std::string(toks[i].text) + " ";
  EXPECT_EQ(got,
            "www . example . com pic . twitter . com / HCqgGn416a a @ b.org https : / / t.co / x "
            "? y = 1 ");
  EXPECT_EQ(url_tokens("لا روابط هنا", tokenise("لا روابط هنا")), std::vector<bool>(3, false));
}

}  // namespace
}  // namespace newsd::entities
