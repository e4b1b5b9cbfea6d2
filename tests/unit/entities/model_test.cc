// The model file: sparse int16 weights and the word-class lexicon survive save/load.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>

#include "daemon/entities/ner_model.h"

namespace newsd::entities {
namespace {

TEST(TaggerModel, SparseWeightsAndLexiconRoundTrip) {
  ner_model m;
  m.bits = 12;
  m.w.assign((size_t{1} << m.bits) * kNumLabels, 0.0f);
  const uint64_t k1 = 0x1234567ULL, k2 = 0xABCDEF01ULL, absent = 0x777ULL;
  m.w[m.row(k1) + 1] = 2.5f;
  m.w[m.row(k1) + 3] = -1.25f;
  m.w[m.row(k2) + 8] = 0.5f;
  m.trans[1][2] = 3.0f;
  m.vocab = {"كيم", "Kim"};
  m.lex.add("بوتين", lex_entry{3, 17, 9, 1});
  m.lex.add("الكرملين", lex_entry{4, 20, 8, 5});
  m.lex.sort();
  m.lex.vote_keys = {0x10u, 0xABCDu};
  m.lex.vote_cls = {3, 42};
  const std::string path =
      (std::filesystem::temp_directory_path() / "newsd_model_test.bin").string();
  ASSERT_TRUE(m.save(path).ok());
  auto r = ner_model::load(path);
  std::remove(path.c_str());
  ASSERT_TRUE(r.ok()) << r.err().message;
  const ner_model& l = *r;
  EXPECT_TRUE(l.w.empty());  // loaded models keep only the sparse table
  EXPECT_EQ(l.sparse_rows(), 2u);
  float s[kNumLabels] = {};
  l.add_row(k1, s);
  EXPECT_NEAR(s[1], 2.5f, 1e-3);
  EXPECT_NEAR(s[3], -1.25f, 1e-3);
  EXPECT_EQ(s[0], 0.0f);
  float z[kNumLabels] = {};
  l.add_row(absent, z);
  for (float x : z) EXPECT_EQ(x, 0.0f);
  l.add_row(k2, z);
  EXPECT_NEAR(z[8], 0.5f, 1e-3);
  EXPECT_EQ(l.trans[1][2], 3.0f);
  EXPECT_EQ(l.vocab.size(), 2u);
  const lex_entry* e = l.lex.find("بوتين");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->fine, 17);
  EXPECT_EQ(e->art, 1);
  EXPECT_EQ(l.lex.find("موسكو"), nullptr);
  // Corpus votes are looked up by the low 32 bits of a word's doc_key.
  EXPECT_EQ(l.lex.vote(0xFFFF00000000ABCDULL), 42);
  EXPECT_EQ(l.lex.vote(0x10), 3);
  EXPECT_EQ(l.lex.vote(0x11), 0);
}

}  // namespace
}  // namespace newsd::entities

namespace newsd::entities {
namespace {

TEST(TaggerModel, CorpusVoteOfTheWordAndItsCliticForms) {
  lexicon lex;
  lex.add("مدينة", lex_entry{1, 1, 1, 1});
  lex.sort();
  const uint64_t k = analyse_word("لاريجاني").doc;
  ASSERT_NE(k, 0u);
  lex.vote_keys = {static_cast<uint32_t>(k)};
  lex.vote_cls = {17};
  EXPECT_EQ(analyse_word("لاريجاني", &lex).vote, 17);
  EXPECT_EQ(analyse_word("ولاريجاني", &lex).vote, 17);  // same bare stem, same doc_key
  EXPECT_EQ(analyse_word("طهران", &lex).vote, 0);
  EXPECT_EQ(analyse_word("لاريجاني").vote, 0);  // no lexicon
}

}  // namespace
}  // namespace newsd::entities
