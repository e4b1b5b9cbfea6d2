// The command line contract: exit codes and clear errors.
#include <gtest/gtest.h>
#include <simdjson.h>

#include <filesystem>
#include <sstream>

#include "daemon/publish/dev_broker.h"
#include "tests/support/test_support.h"

namespace newsd {
namespace {

std::string bin() { return NEWSD_BINARY; }

TEST(Cli, CheckConfigExits78WithEveryProblem) {
  testing::temp_dir dir;
  std::string f = dir.path() + "/bad.toml";
  testing::write_file(f, "[daemon]\nlog_levle = 1\n[kafka]\ncompression = \"x\"\n");
  std::string out;
  int rc = testing::run_command(bin() + " check-config " + f + " 2>&1", &out);
  EXPECT_EQ(rc, 78);
  EXPECT_NE(out.find(f + ":2: unknown key \"log_levle\" in [daemon]"), std::string::npos) << out;
  EXPECT_NE(out.find(f + ":4: kafka.compression must be one of"), std::string::npos) << out;
}

TEST(Cli, CheckConfigAcceptsShippedConfig) {
  EXPECT_EQ(testing::run_command(bin() + " check-config " + NEWSD_SOURCE_DIR "/deploy/config/newsd.toml", nullptr), 0);
}

TEST(Cli, HelpWorksOnEverySubcommand) {
  for (const char* c : {"run", "check-config", "process", "feed-parse", "extract", "tag", "dev-broker", "version"}) {
    std::string out;
    EXPECT_EQ(testing::run_command(bin() + " " + c + " --help", &out), 0) << c;
    EXPECT_NE(out.find("Usage"), std::string::npos) << c;
  }
}

TEST(Cli, UnknownCommandIsAUsageError) {
  std::string out;
  EXPECT_EQ(testing::run_command(bin() + " frobnicate 2>&1", &out), 64);
  EXPECT_NE(out.find("newsd:"), std::string::npos);
}

TEST(Cli, ProcessWritesOneRecordPerLineInOrder) {
  testing::temp_dir dir;
  std::string in = dir.path() + "/in.jsonl";
  testing::write_file(in,
                      "{\"id\":\"a\",\"text\":\"first article body, long enough to count as an article: the minister said on Tuesday that talks would resume next week in the capital.\",\"language\":\"en\"}\n"
                      "not json\n"
                      "{\"id\":\"b\",\"title\":\"no body\"}\n"
                      "{\"id\":\"c\",\"text\":\"first article body, long enough to count as an article: the minister said on Tuesday that talks would resume next week in the capital.\",\"language\":\"en\"}\n");
  std::string out;
  ASSERT_EQ(testing::run_command(bin() + " process --input " + in + " --output -", &out), 0);
  std::istringstream lines(out);
  std::string l;
  std::vector<std::string> v;
  while (std::getline(lines, l)) v.push_back(l);
  ASSERT_EQ(v.size(), 4u);
  EXPECT_NE(v[0].find("\"id\":\"a\""), std::string::npos);
  EXPECT_EQ(v[1].rfind("{\"error\":\"invalid JSON", 0), 0u) << v[1];
  EXPECT_NE(v[1].find("\"line\":2}"), std::string::npos);
  EXPECT_EQ(v[2], "{\"error\":\"the article has neither \\\"text\\\" nor \\\"html\\\"\",\"line\":3}");
  EXPECT_NE(v[3].find("\"status\":\"exact_duplicate\",\"duplicate_of\":\"a\""), std::string::npos) << v[3];
}

TEST(Cli, ProcessSeedsHasEveryRecordField) {
  NEWSD_REQUIRE_SHARED();
  testing::temp_dir dir;
  std::string in = dir.path() + "/seeds.jsonl";
  std::string lines;
  for (const auto& e : std::filesystem::directory_iterator(testing::shared_dir() + "/seeds")) {
    std::string text = testing::read_file(e.path());
    std::string esc;
    for (char c : text) {
      if (c == '"' || c == '\\') { esc += '\\'; esc += c; }
      else if (c == '\n') esc += "\\n";
      else if (c == '\r') esc += "\\r";
      else if (c == '\t') esc += "\\t";
      else esc += c;
    }
    lines += "{\"id\":\"" + e.path().stem().string() + "\",\"text\":\"" + esc + "\"}\n";
  }
  testing::write_file(in, lines);
  std::string out;
  ASSERT_EQ(testing::run_command(bin() + " process --input " + in + " --output -", &out), 0);
  simdjson::dom::parser p;
  std::istringstream ls(out);
  std::string l;
  int n = 0;
  while (std::getline(ls, l)) {
    ++n;
    simdjson::dom::element e;
    ASSERT_EQ(p.parse(l).get(e), simdjson::SUCCESS);
    for (const char* f : {"schema_version", "id", "text", "language", "dedup", "entities"}) {
      EXPECT_FALSE(e[f].error()) << f << " missing in " << l.substr(0, 200);
    }
    // The seeds are different articles about one event: none is a duplicate.
    EXPECT_EQ(std::string_view(e["dedup"]["status"]), "unique");
    EXPECT_EQ(std::string_view(e["language"]), "ar");
  }
  EXPECT_EQ(n, 3);
}

}  // namespace
}  // namespace newsd

namespace newsd {
namespace {

TEST(Cli, ProcessPublishSendsRecordsToKafka) {
  auto broker = publish::dev_broker::start(1).value();
  for (const char* t : {"news.articles", "news.duplicates", "news.deadletter"}) ASSERT_TRUE(broker->create_topic(t, 3).ok());
  testing::temp_dir dir;
  std::string cfg = dir.path() + "/c.toml";
  testing::write_file(cfg, "[kafka]\nbrokers = \"" + broker->bootstrap() + "\"\ncompression = \"none\"\n[state]\ndir = \"" +
                               dir.path() + "/state\"\n[entities]\nenabled = false\n");
  std::string in = dir.path() + "/in.jsonl";
  std::string body = "A long enough article body about talks between the two foreign ministers that resumed on Tuesday in the capital after a pause of several weeks, officials said on condition of anonymity.";
  testing::write_file(in, "{\"id\":\"p1\",\"text\":\"" + body + "\"}\n{\"id\":\"p2\",\"text\":\"" + body + "\"}\n");
  ASSERT_EQ(testing::run_command(std::string(NEWSD_BINARY) + " process --config " + cfg + " --publish --input " + in +
                                     " --output /dev/null",
                                 nullptr),
            0);
  auto a = testing::consume_all(broker->bootstrap(), "news.articles", 1);
  auto d = testing::consume_all(broker->bootstrap(), "news.duplicates", 1);
  ASSERT_EQ(a.size(), 1u);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(a[0].key, "p1");
  EXPECT_EQ(d[0].key, "p1");  // keyed by duplicate_of
}

}  // namespace
}  // namespace newsd
