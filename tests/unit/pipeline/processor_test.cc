// The process stage caps what reaches the entity tagger, and stays bounded on
// a very long text (dedup and normalisation see all of it).
#include <gtest/gtest.h>

#include <mutex>

#include "daemon/config/config.h"
#include "daemon/dedup/dedup.h"
#include "daemon/pipeline/processor.h"

namespace newsd::pipeline {
namespace {

// Records what it was given; tags nothing.
class recording_tagger : public entities::tagger {
 public:
  std::vector<model::entity> tag(std::string_view text, std::string_view) const override {
    std::lock_guard lk(mu_);
    seen_ = std::string(text);
    return {};
  }
  std::vector<std::string> tag_tokens(const std::vector<std::string>& t,
                                      std::string_view) const override {
    return std::vector<std::string>(t.size(), "O");
  }
  std::vector<std::vector<std::string>> tag_document(const std::vector<std::vector<std::string>>& s,
                                                     std::string_view) const override {
    return std::vector<std::vector<std::string>>(s.size());
  }
  std::string seen() const {
    std::lock_guard lk(mu_);
    return seen_;
  }

 private:
  mutable std::mutex mu_;
  mutable std::string seen_;
};

TEST(CodePointPrefix, CutsOnWholeCodePoints) {
  EXPECT_EQ(code_point_prefix("abc", 5), "abc");
  EXPECT_EQ(code_point_prefix("abcdef", 3), "abc");
  std::string ar = "بوتين";  // 5 code points, 2 bytes each
  EXPECT_EQ(code_point_prefix(ar, 2), ar.substr(0, 4));
  EXPECT_EQ(code_point_prefix(ar, 5), ar);
  EXPECT_EQ(code_point_prefix("a\xff"
                              "bc",
                              2),
            "a\xff");  // an invalid byte counts as one
}

TEST(Processor, TagsOnlyTheHeadOfALongText) {
  auto res = config::load_string("[dedup]\nenabled = true\n", "<test>");
  ASSERT_TRUE(res.ok());
  config::config cfg = res.cfg;
  auto t = std::make_shared<recording_tagger>();
  dedup::index index(cfg.dedup);
  processor proc(cfg, t, &index);
  ASSERT_EQ(proc.max_tag_code_points(), kDefaultMaxTagCodePoints);

  // About 5 MB of names, with a multi-byte code point straddling the cap.
  std::string text;
  std::string ar = "فلاديمير بوتين وكيم جونغ أون ";
  while (text.size() < 5'000'000) text += "Vladimir Putin met Kim Jong Un in Vostochny. " + ar;
  model::article a;
  a.url = "http://example.test/long";
  a.title = "Long";
  a.text = text;
  a.language = "en";
  auto rec = proc.process(a);
  ASSERT_TRUE(rec.ok()) << rec.err().message;
  std::string seen = t->seen();
  EXPECT_EQ(seen, std::string(code_point_prefix(text, kDefaultMaxTagCodePoints)));
  EXPECT_LT(seen.size(), text.size());
  EXPECT_EQ(rec->art.text, text) << "the record keeps the whole text";
  EXPECT_EQ(rec->dedup.status, model::dedup_status::unique);

  // The same text again is still recognised by dedup (it saw all of it).
  model::article b = a;
  b.url = "http://example.test/long-copy";
  auto again = proc.process(b);
  ASSERT_TRUE(again.ok());
  EXPECT_NE(again->dedup.status, model::dedup_status::unique);

  proc.set_max_tag_code_points(10);
  model::article c = a;
  c.url = "http://example.test/short-cap";
  c.text = "Another text: " + ar;
  ASSERT_TRUE(proc.process(c).ok());
  EXPECT_EQ(t->seen(), "Another te");
}

// A feed channel declared "en" that carries Arabic wire copy: consumers filter on
// language, so the feed's language is only a hint for detection.
TEST(Processor, FeedLanguageIsAHintNotAVerdict) {
  config::config cfg;
  cfg.dedup.enabled = false;
  processor proc(cfg, nullptr, nullptr);
  model::article a;
  a.url = "http://example.test/ar";
  a.title = "وزير الدفاع الروسي يزور بيونغ يانغ";
  a.text =
      "وصل وزير الدفاع الروسي سيرغي شويغو إلى العاصمة الكورية الشمالية بيونغ يانغ في زيارة رسمية "
      "يلتقي خلالها الزعيم كيم جونغ أون وكبار المسؤولين العسكريين لبحث التعاون بين البلدين.";
  a.language_hint = "en";
  ASSERT_TRUE(proc.prepare(a).ok());
  EXPECT_EQ(a.language, "ar");

  model::article short_one;  // too little text to detect: the hint stands
  short_one.title = "OK";
  short_one.text = "";
  short_one.language_hint = "ar";
  ASSERT_TRUE(proc.prepare(short_one).ok());
  EXPECT_EQ(short_one.language, "ar");

  model::article given;  // a language the input states is kept as given
  given.title = a.title;
  given.text = a.text;
  given.language = "fa";
  ASSERT_TRUE(proc.prepare(given).ok());
  EXPECT_EQ(given.language, "fa");
}

// Never publish a headline with an empty body: the dead letter says why.
TEST(Processor, FailedPageWithoutSummaryIsAnErrorNamingTheFailure) {
  config::config cfg;
  processor proc(cfg, nullptr, nullptr);
  model::article a;
  a.url = "http://example.test/missing";
  a.title = "Headline only";
  a.extraction = "failed";
  a.extraction_error = "HTTP 404";
  auto st = proc.prepare(a);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.err().message.find("HTTP 404"), std::string::npos) << st.err().message;

  model::article page;  // a page that yields no article text
  page.url = "http://example.test/chrome";
  page.title = "Menu";
  page.html = "<html><body><nav><a href=/>Home</a></nav></body></html>";
  st = proc.prepare(page);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.err().message.find("no article text"), std::string::npos) << st.err().message;

  model::article summary;  // the feed's text is the fallback: published, marked
  summary.title = "Headline";
  summary.text = "The feed's summary of the story.";
  summary.extraction = "failed";
  summary.extraction_error = "HTTP 404";
  EXPECT_TRUE(proc.prepare(summary).ok());
}

}  // namespace
}  // namespace newsd::pipeline
