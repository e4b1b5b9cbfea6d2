#include <gtest/gtest.h>
#include <simdjson.h>

#include "daemon/model/article.h"

namespace newsd::model {
namespace {

simdjson::dom::element parse(simdjson::dom::parser& p, const std::string& json) {
  simdjson::dom::element e;
  auto err = p.parse(json).get(e);
  EXPECT_EQ(err, simdjson::SUCCESS) << json;
  return e;
}

record sample() {
  record r;
  r.art.id = "abc";
  r.art.url = "https://ex.example/a?utm_source=x";
  r.art.canonical_url = "https://ex.example/a";
  r.art.source = "Example";
  r.art.feed = feed_ref{"f1", "https://ex.example/rss"};
  r.art.title = "عنوان";
  r.art.text = "كيم جونغ أون \"quoted\"\nline2";
  r.art.language = "ar";
  r.art.published_at_ms = 1694599200000;  // 2023-09-13T10:00:00Z
  r.art.fetched_at_ms = 1694599260123;
  r.dedup.status = dedup_status::near_duplicate;
  r.dedup.duplicate_of = "earlier";
  r.dedup.similarity = 0.93;
  entity e;
  e.id = "Q56226";
  e.name = "Kim Jong Un";
  e.type = "PERSON";
  e.wikidata = "Q56226";
  e.mentions.push_back({0, 12, "كيم جونغ أون"});
  r.entities.push_back(e);
  return r;
}

TEST(Record, HasEveryContractField) {
  simdjson::dom::parser p;
  auto e = parse(p, to_json(sample()));
  EXPECT_EQ(int64_t(e["schema_version"]), 1);
  EXPECT_EQ(std::string_view(e["id"]), "abc");
  EXPECT_EQ(std::string_view(e["url"]), "https://ex.example/a?utm_source=x");
  EXPECT_EQ(std::string_view(e["canonical_url"]), "https://ex.example/a");
  EXPECT_EQ(std::string_view(e["source"]), "Example");
  EXPECT_EQ(std::string_view(e["feed"]["id"]), "f1");
  EXPECT_EQ(std::string_view(e["feed"]["url"]), "https://ex.example/rss");
  EXPECT_EQ(std::string_view(e["title"]), "عنوان");
  EXPECT_EQ(std::string_view(e["text"]), "كيم جونغ أون \"quoted\"\nline2");
  EXPECT_EQ(std::string_view(e["language"]), "ar");
  EXPECT_EQ(std::string_view(e["published_at"]), "2023-09-13T10:00:00Z");
  EXPECT_EQ(std::string_view(e["fetched_at"]), "2023-09-13T10:01:00Z");
  EXPECT_EQ(std::string_view(e["dedup"]["status"]), "near_duplicate");
  EXPECT_EQ(std::string_view(e["dedup"]["duplicate_of"]), "earlier");
  EXPECT_DOUBLE_EQ(double(e["dedup"]["similarity"]), 0.93);
  auto ent = e["entities"].at(0);
  EXPECT_EQ(std::string_view(ent["id"]), "Q56226");
  EXPECT_EQ(std::string_view(ent["name"]), "Kim Jong Un");
  EXPECT_EQ(std::string_view(ent["type"]), "PERSON");
  EXPECT_EQ(std::string_view(ent["wikidata"]), "Q56226");
  EXPECT_EQ(int64_t(ent["count"]), 1);
  EXPECT_EQ(int64_t(ent["mentions"].at(0)["start"]), 0);
  EXPECT_EQ(int64_t(ent["mentions"].at(0)["end"]), 12);
  EXPECT_EQ(std::string_view(ent["mentions"].at(0)["text"]), "كيم جونغ أون");
}

TEST(Record, UniqueOmitsDuplicateFieldsAndEmptyValues) {
  record r;
  r.art.id = "x";
  r.art.text = "t";
  std::string json = to_json(r);
  EXPECT_EQ(json, R"({"schema_version":1,"id":"x","text":"t","dedup":{"status":"unique"},"entities":[]})");
}

TEST(Record, InvalidUtf8IsReplacedSoJsonStaysValid) {
  record r;
  r.art.id = "x";
  r.art.text = std::string("bad \xC3\x28 byte \x01");
  simdjson::dom::parser p;
  auto e = parse(p, to_json(r));
  EXPECT_EQ(std::string_view(e["text"]), "bad \xEF\xBF\xBD( byte \x01");
}

TEST(InputArticle, ParsesContractFields) {
  auto a = parse_input_article(
      R"({"id":"1","url":"u","source":"s","title":"t","text":"body","published_at":"2023-09-13T13:00:00+03:00","language":"ar","extra":{"x":1}})");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->id, "1");
  EXPECT_EQ(a->text, "body");
  EXPECT_EQ(*a->published_at_ms, 1694599200000);
  EXPECT_EQ(a->language, "ar");
}

TEST(InputArticle, ClearErrors) {
  EXPECT_EQ(parse_input_article("{not json").err().message.rfind("invalid JSON", 0), 0u);
  EXPECT_EQ(parse_input_article("[1,2]").err().message, "invalid JSON: the line is not a JSON object");
  EXPECT_EQ(parse_input_article(R"({"title":"t"})").err().message,
            "the article has neither \"text\" nor \"html\"");
  EXPECT_EQ(parse_input_article(R"({"text":5})").err().message, "field \"text\" must be a string");
  EXPECT_EQ(parse_input_article(R"({"text":"x","published_at":"yesterday"})").err().message,
            "field \"published_at\" is not an RFC 3339 date: \"yesterday\"");
}

TEST(InputArticle, ByteOrderMarkIsSkipped) {
  auto a = parse_input_article("\xEF\xBB\xBF{\"id\":\"b\",\"text\":\"body\"}");
  ASSERT_TRUE(a.ok()) << a.err().message;
  EXPECT_EQ(a->id, "b");
}

TEST(InputArticle, LanguageMustBeIso6391) {
  auto bad = parse_input_article(R"({"text":"x","language":"english"})");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.err().message,
            "field \"language\" must be an ISO 639-1 code such as \"en\" or \"ar\"; got \"english\"");
  EXPECT_FALSE(parse_input_article(R"({"text":"x","language":"xx"})").ok());
  EXPECT_FALSE(parse_input_article(R"({"text":"x","language":"eng"})").ok());
  // Upper case and a BCP 47 region are read as the code they start with.
  EXPECT_EQ(parse_input_article(R"({"text":"x","language":"EN"})")->language, "en");
  EXPECT_EQ(parse_input_article(R"({"text":"x","language":"ar-EG"})")->language, "ar");
  EXPECT_EQ(parse_input_article(R"({"text":"x"})")->language, "");
}

TEST(InputArticle, WhiteSpaceOnlyTextIsNoText) {
  EXPECT_EQ(parse_input_article(R"({"text":"   \t\n"})")->text, "");
  EXPECT_EQ(parse_input_article("{\"text\":\" \xC2\xA0\xE3\x80\x80\xE2\x80\x8B\"}")->text, "");
  EXPECT_EQ(parse_input_article(R"({"text":"  a "})")->text, "  a ");
}

TEST(InputArticle, EveryBadFieldIsNamed) {
  auto r = parse_input_article(R"({"text":"x","title":5,"published_at":"soon","language":"english"})");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().message,
            "field \"title\" must be a string; field \"published_at\" is not an RFC 3339 date: "
            "\"soon\"; field \"language\" must be an ISO 639-1 code such as \"en\" or \"ar\"; got "
            "\"english\"");
}

TEST(Ids, StableAndDerived) {
  article a;
  a.text = "x";
  assign_id(a);
  article b;
  b.text = "x";
  assign_id(b);
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.id.size(), 32u);
  article c;
  c.canonical_url = "https://e/a";
  c.text = "other";
  assign_id(c);
  article d;
  d.canonical_url = "https://e/a";
  d.text = "changed";
  assign_id(d);
  EXPECT_EQ(c.id, d.id);  // the URL wins over the content
  article e;
  e.id = "given";
  assign_id(e);
  EXPECT_EQ(e.id, "given");
}

TEST(DeadLetter, Shape) {
  EXPECT_EQ(deadletter_json("boom", "process", "f", "u", "raw"),
            R"({"error":"boom","stage":"process","feed":"f","url":"u","raw":"raw"})");
  EXPECT_EQ(input_error_json("bad", 3), R"({"error":"bad","line":3})");
}

}  // namespace
}  // namespace newsd::model
