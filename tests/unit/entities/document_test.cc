// The second (document) pass: vote counting over neighbouring sentences, and the
// document-level tagging entry point. The committed models are used; no ../shared needed.
#include <gtest/gtest.h>

#include "daemon/entities/document.h"
#include "daemon/entities/tagger.h"

namespace newsd::entities {
namespace {

// Three one-word sentences repeating the word `w`, labelled B-PER, O, B-PER.
struct three {
  word_info w, other;
  std::vector<tagged> t{3};
  three() {
    w.doc = 42;
    other.doc = 0;  // a word that never carries a name: no document features
    const int labels[3] = {1, 0, 1};
    for (int s = 0; s < 3; ++s) {
      t[s].words = {&w, &other};
      t[s].labels = {labels[s], 0};
    }
  }
  std::vector<const tagged*> ptrs() const { return {&t[0], &t[1], &t[2]}; }
};

std::vector<uint64_t> expected(std::array<uint16_t, kNumLabels> votes, int own) {
  std::vector<uint64_t> out;
  doc_features(votes, own, out);
  return out;
}

TEST(DocumentFeatures, CountsTheWindowAndNotTheTokenItself) {
  three x;
  const auto d = document_features(x.ptrs(), 1);
  ASSERT_EQ(d.size(), 3u);
  // Sentence 1 sees sentences 0-2: B-PER twice, its own O once (not counted).
  doc_votes v1{};
  v1[1] = 2;
  v1[0] = 1;
  const auto want1 = expected(v1, 0);
  ASSERT_FALSE(want1.empty());
  ASSERT_EQ(d[1].end.size(), 2u);
  EXPECT_EQ(std::vector<uint64_t>(d[1].keys.begin(), d[1].keys.begin() + d[1].end[0]), want1);
  EXPECT_EQ(d[1].end[1], d[1].end[0]);  // the other word has no key
  // Sentence 0 sees sentences 0-1 only: its own B-PER is discounted, O remains: no entity
  // vote, no feature.
  EXPECT_EQ(d[0].end[0], 0u);
  // Window 0: every sentence alone; nothing but its own label, so no features anywhere.
  for (const auto& s : document_features(x.ptrs(), 0)) EXPECT_TRUE(s.keys.empty());
}

TEST(DocumentFeatures, SentenceTwoSeesTheFirstOnlyWithAWideWindow) {
  three x;
  const auto narrow = document_features(x.ptrs(), 1), wide = document_features(x.ptrs(), 2);
  // Window 1: sentence 2 sees sentence 1 (O) and itself; window 2 adds sentence 0 (B-PER).
  doc_votes v{};
  v[0] = 1;
  EXPECT_EQ(
      std::vector<uint64_t>(narrow[2].keys.begin(), narrow[2].keys.begin() + narrow[2].end[0]),
      expected(v, -1));
  v[1] = 1;
  EXPECT_EQ(std::vector<uint64_t>(wide[2].keys.begin(), wide[2].keys.begin() + wide[2].end[0]),
            expected(v, -1));
}

TEST(TagDocument, OneSentenceDocumentEqualsTagTokens) {
  auto r = tagger::load(std::string(NEWSD_SOURCE_DIR) + "/models");  // both passes
  ASSERT_TRUE(r) << r.err().message << " (run `make models`)";
  const auto& t = *r;
  const std::vector<std::string> s1 = {"وصل",   "الرئيس", "الروسي", "فلاديمير",
                                       "بوتين", "إلى",    "موسكو",  "."};
  const std::vector<std::string> s2 = {"وقال", "بوتين", "إن", "المحادثات", "مستمرة", "."};
  EXPECT_EQ(t->tag_document({s1}, "ar").front(), t->tag_tokens(s1, "ar"));
  const auto doc = t->tag_document({s1, s2}, "ar");
  ASSERT_EQ(doc.size(), 2u);
  ASSERT_EQ(doc[1].size(), s2.size());
  EXPECT_EQ(doc[0][3], "B-PER");
  EXPECT_EQ(doc[1][1], "B-PER");  // the short name, a person as in the sentence before
}

}  // namespace
}  // namespace newsd::entities
