// The command line contract: exit codes and clear errors.
#include <gtest/gtest.h>
#include <simdjson.h>
#include <unistd.h>

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
  EXPECT_EQ(testing::run_command(
                bin() + " check-config " + NEWSD_SOURCE_DIR "/deploy/config/newsd.toml", nullptr),
            0);
}

TEST(Cli, HelpWorksOnEverySubcommand) {
  for (const char* c : {"run", "check-config", "process", "feed-parse", "extract", "tag",
                        "dev-broker", "version"}) {
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
                      "{\"id\":\"a\",\"text\":\"first article body, long enough to count as an "
                      "article: the minister said on Tuesday that talks would resume next week in "
                      "the capital.\",\"language\":\"en\"}\n"
                      "not json\n"
                      "{\"id\":\"b\",\"title\":\"no body\"}\n"
                      "{\"id\":\"c\",\"text\":\"first article body, long enough to count as an "
                      "article: the minister said on Tuesday that talks would resume next week in "
                      "the capital.\",\"language\":\"en\"}\n");
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
  EXPECT_EQ(v[2],
            "{\"error\":\"the article has neither \\\"text\\\" nor \\\"html\\\"\",\"line\":3}");
  EXPECT_NE(v[3].find("\"status\":\"exact_duplicate\",\"duplicate_of\":\"a\""), std::string::npos)
      << v[3];
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
      if (c == '"' || c == '\\') {
        esc += '\\';
        esc += c;
      } else if (c == '\n')
        esc += "\\n";
      else if (c == '\r')
        esc += "\\r";
      else if (c == '\t')
        esc += "\\t";
      else
        esc += c;
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

TEST(Cli, UnknownCommandAndVersionFlag) {
  std::string out;
  EXPECT_EQ(testing::run_command(bin() + " bogus 2>&1", &out), 64);
  EXPECT_NE(out.find("unknown command \"bogus\""), std::string::npos) << out;
  std::string version;
  ASSERT_EQ(testing::run_command(bin() + " version", &version), 0);
  for (const char* flag : {" --version", " -v"}) {
    std::string printed;  // run_command appends
    EXPECT_EQ(testing::run_command(bin() + flag, &printed), 0) << flag;
    EXPECT_EQ(printed, version) << flag;
  }
}

TEST(Cli, RunRefusesDevWithConfigAndNamesAMissingConfig) {
  std::string out;
  EXPECT_EQ(testing::run_command(bin() + " run --dev --config /nonexistent.toml 2>&1", &out), 64);
  EXPECT_NE(out.find("--dev and --config exclude each other"), std::string::npos) << out;
  std::string missing;
  EXPECT_EQ(testing::run_command(bin() + " run --config /nonexistent/newsd.toml 2>&1", &missing),
            78);
  EXPECT_EQ(missing,
            "newsd: cannot open config /nonexistent/newsd.toml: No such file or directory (use "
            "--config FILE, or --dev for the built-in defaults)\n");
}

TEST(Cli, CheckConfigRejectsRunTimeFailuresSortedByLine) {
  testing::temp_dir dir;
  std::string f = dir.path() + "/c.toml";
  testing::write_file(f,
                      "[[feeds]]\nurl = \"file:///etc/passwd\"\n[daemon]\nbogus = 1\n[metrics]\n"
                      "listen = \"127.0.0.1:99999\"\n[[feeds]]\nurl = \"ftp://example.com/rss\"\n");
  std::string out;
  EXPECT_EQ(testing::run_command(bin() + " check-config " + f + " 2>&1", &out), 78);
  size_t a = out.find(f + ":1: feeds.url \"file:///etc/passwd\" has the scheme \"file\"");
  size_t b = out.find(f + ":4: unknown key \"bogus\"");
  size_t c = out.find(f + ":6: metrics.listen: port 99999 is not between 1 and 65535");
  size_t d = out.find(f + ":7: feeds.url \"ftp://example.com/rss\"");
  ASSERT_NE(d, std::string::npos) << out;
  EXPECT_TRUE(a < b && b < c && c < d) << out;
}

TEST(Cli, CheckConfigLoadsTheEntityModels) {
  testing::temp_dir dir;
  std::string f = dir.path() + "/c.toml";
  testing::write_file(f, "[entities]\nmodels_dir = \"" + dir.path() + "\"\n");
  std::string out;
  EXPECT_EQ(testing::run_command(bin() + " check-config " + f + " 2>&1", &out), 78);
  EXPECT_NE(out.find(f + ":2: entities.models_dir: cannot load the entity models"),
            std::string::npos)
      << out;
  testing::write_file(
      f, "[entities]\nenabled = false\n[[feeds]]\nurl = \"https://example.com/rss\"\n");
  std::string ok;
  EXPECT_EQ(testing::run_command(bin() + " check-config " + f, &ok), 0);
  EXPECT_EQ(ok, f + ": ok (1 feed)\n");
}

TEST(Cli, ProcessInputProblems) {
  testing::temp_dir dir;
  std::string in = dir.path() + "/in.jsonl";
  std::string body = "A long enough article body about talks between the two foreign ministers.";
  testing::write_file(in, "\xEF\xBB\xBF{\"id\":\"a\",\"text\":\"" + body +
                              "\",\"language\":\"en\"}\n"
                              "{\"id\":\"b\",\"text\":\"" +
                              body +
                              "\",\"language\":\"english\"}\n"
                              "{\"id\":\"c\",\"text\":\"   \"}\n"
                              "{\"id\":\"d\",\"text\":\"\"}\n"
                              "{\"text\":5,\"published_at\":\"soon\"}\n");
  std::string out;
  ASSERT_EQ(testing::run_command(
                bin() + " process --config /dev/null --input " + in + " --output -", &out),
            0);
  std::istringstream ls(out);
  std::vector<std::string> v;
  for (std::string l; std::getline(ls, l);) v.push_back(l);
  ASSERT_EQ(v.size(), 5u) << out;
  EXPECT_NE(v[0].find("\"id\":\"a\""), std::string::npos) << v[0];
  EXPECT_NE(v[1].find("field \\\"language\\\" must be an ISO 639-1 code"), std::string::npos)
      << v[1];
  EXPECT_EQ(v[2], "{\"error\":\"the article has no text\",\"line\":3}");
  EXPECT_EQ(v[3], "{\"error\":\"the article has no text\",\"line\":4}");
  EXPECT_NE(v[4].find("\"text\\\" must be a string; field \\\"published_at\\\""), std::string::npos)
      << v[4];
  std::string dir_out;
  EXPECT_EQ(
      testing::run_command(bin() + " process --input " + dir.path() + " --output - 2>&1", &dir_out),
      66);
  EXPECT_NE(dir_out.find("is a directory"), std::string::npos) << dir_out;
}

// A full disk must not look like success: records would be lost without a word.
TEST(Cli, OutputThatCannotBeWrittenIsAnError) {
  if (access("/dev/full", W_OK) != 0) GTEST_SKIP() << "no /dev/full on this system";
  testing::temp_dir dir;
  std::string in = dir.path() + "/in.jsonl";
  testing::write_file(in,
                      "{\"id\":\"a\",\"title\":\"T\",\"text\":\"Some text of the article.\"}\n");
  std::string out;
  EXPECT_EQ(
      testing::run_command(
          bin() + " process --config /dev/null --input " + in + " --output /dev/full 2>&1", &out),
      74);
  EXPECT_NE(out.find("newsd process: cannot write /dev/full: No space left on device"),
            std::string::npos)
      << out;
  EXPECT_EQ(testing::run_command(
                bin() + " process --config /dev/null --input " + in + " --output - 2>&1 >/dev/full",
                &out),
            74);
  EXPECT_NE(out.find("cannot write standard output"), std::string::npos) << out;
  std::string page = dir.path() + "/p.html";
  testing::write_file(page, "<html><head><title>T</title></head><body><p>Text.</p></body></html>");
  EXPECT_EQ(testing::run_command(bin() + " extract " + page + " 2>&1 >/dev/full", &out), 74);
  EXPECT_NE(out.find("newsd extract: cannot write standard output"), std::string::npos) << out;
}

TEST(Cli, DevBrokerNamesAPortFileItCannotWrite) {
  std::string out;
  EXPECT_EQ(
      testing::run_command(bin() + " dev-broker --port-file /nonexistent/dir/port 2>&1", &out), 73);
  EXPECT_NE(out.find("cannot write --port-file /nonexistent/dir/port"), std::string::npos) << out;
}

// What check-config would reject is not printed: the output can be appended as is.
TEST(Cli, ImportOpmlSkipsWhatCheckConfigRejects) {
  testing::temp_dir dir;
  std::string opml = dir.path() + "/subs.opml";
  testing::write_file(
      opml,
      "<opml version=\"2.0\"><body><outline text=\"A\" xmlUrl=\"https://a.example/rss\"/>"
      "<outline text=\"F\" xmlUrl=\"ftp://f.example/rss\"/>"
      "<outline text=\"A again\" xmlUrl=\"https://a.example/rss\"/></body></opml>");
  std::string toml, err;
  ASSERT_EQ(testing::run_command(bin() + " feeds import-opml " + opml + " 2>" + dir.path() + "/err",
                                 &toml),
            0);
  err = testing::read_file(dir.path() + "/err");
  EXPECT_NE(err.find("skipped \"ftp://f.example/rss\": it has the scheme \"ftp\""),
            std::string::npos)
      << err;
  EXPECT_NE(err.find("skipped \"https://a.example/rss\": listed twice"), std::string::npos) << err;
  testing::write_file(dir.path() + "/c.toml", toml);
  std::string check;
  EXPECT_EQ(testing::run_command(bin() + " check-config " + dir.path() + "/c.toml 2>&1", &check), 0)
      << toml << check;
  EXPECT_NE(check.find("(1 feed)"), std::string::npos) << check;
}

TEST(Cli, TagRefusesOtherLanguages) {
  std::string out;
  EXPECT_EQ(testing::run_command(bin() + " tag --language fr --conll /dev/null 2>&1", &out), 64);
  EXPECT_NE(out.find("--language"), std::string::npos) << out;
}

TEST(Cli, ExtractRefusesWhatIsNotHtml) {
  testing::temp_dir dir;
  std::string page = dir.path() + "/p.html";
  testing::write_file(
      page,
      "<html><body><p>Talks between the two foreign ministers resumed on Tuesday in "
      "the capital, officials said.</p></body></html>");
  std::string bin_file = dir.path() + "/b.dat";
  testing::write_file(bin_file, std::string("\x01\x02\x00\x00\x03\x04garbage\x00\x00\x05\x06", 18) +
                                    std::string(200, '\0'));
  std::string out;
  EXPECT_EQ(testing::run_command(bin() + " extract " + bin_file + " 2>&1", &out), 65);
  EXPECT_NE(out.find("not an HTML page"), std::string::npos) << out;
  EXPECT_EQ(testing::run_command(
                bin() + " extract " + page + " --content-type application/pdf 2>&1", &out),
            65);
  EXPECT_NE(out.find("\"application/pdf\" is not HTML"), std::string::npos) << out;
  // A mislabelled page is still extracted, with a warning (the daemon ignores the type too).
  EXPECT_EQ(
      testing::run_command(bin() + " extract " + page + " --content-type text/plain 2>&1", &out),
      0);
  EXPECT_NE(out.find("warning"), std::string::npos) << out;
  EXPECT_NE(out.find("Talks between"), std::string::npos) << out;
  EXPECT_EQ(
      testing::run_command(
          bin() + " extract " + page + " --content-type 'text/html; charset=bogus' 2>&1", &out),
      0);
  EXPECT_NE(out.find("warning: unknown charset \"bogus\""), std::string::npos) << out;
  EXPECT_NE(out.find("Talks between"), std::string::npos) << out;
}

TEST(Cli, ExtractCanonicalUrlAgreesWithProcess) {
  testing::temp_dir dir;
  std::string page = dir.path() + "/p.html";
  testing::write_file(
      page,
      "<html><body><p>Talks between the two foreign ministers resumed on Tuesday in "
      "the capital, officials said.</p></body></html>");
  std::string out;
  ASSERT_EQ(testing::run_command(bin() + " extract " + page +
                                     " --url 'https://example.com/markets/ecb?utm_source=tw'",
                                 &out),
            0);
  EXPECT_NE(out.find("\"canonical_url\":\"https://example.com/markets/ecb\""), std::string::npos)
      << out;
}
}  // namespace
}  // namespace newsd

namespace newsd {
namespace {

TEST(Cli, ProcessPublishSendsRecordsToKafka) {
  auto broker = publish::dev_broker::start(1).value();
  for (const char* t : {"news.articles", "news.duplicates", "news.deadletter"})
    ASSERT_TRUE(broker->create_topic(t, 3).ok());
  testing::temp_dir dir;
  std::string cfg = dir.path() + "/c.toml";
  testing::write_file(cfg, "[kafka]\nbrokers = \"" + broker->bootstrap() +
                               "\"\ncompression = \"none\"\n[state]\ndir = \"" + dir.path() +
                               "/state\"\n[entities]\nenabled = false\n");
  std::string in = dir.path() + "/in.jsonl";
  std::string body =
      "A long enough article body about talks between the two foreign ministers that resumed on "
      "Tuesday in the capital after a pause of several weeks, officials said on condition of "
      "anonymity.";
  testing::write_file(
      in, "{\"id\":\"p1\",\"text\":\"" + body + "\"}\n{\"id\":\"p2\",\"text\":\"" + body + "\"}\n");
  ASSERT_EQ(testing::run_command(std::string(NEWSD_BINARY) + " process --config " + cfg +
                                     " --publish --input " + in + " --output /dev/null",
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

namespace newsd {
namespace {

// process --publish is a batch command: with Kafka away it ends (non-zero) once the
// delivery reports fail, instead of retrying for ever; the records stay in the outbox.
TEST(Cli, ProcessPublishEndsWhenKafkaIsAway) {
  testing::temp_dir dir;
  std::string cfg = dir.path() + "/c.toml";
  testing::write_file(
      cfg, "[kafka]\nbrokers = \"127.0.0.1:1\"\nmessage_timeout = \"2s\"\n[state]\ndir = \"" +
               dir.path() + "/state\"\n[entities]\nenabled = false\n");
  std::string in = dir.path() + "/in.jsonl";
  testing::write_file(in, "{\"id\":\"k1\",\"text\":\"A body about the talks in the capital.\"}\n");
  std::string out;
  int rc = testing::run_command("timeout 120 " + std::string(NEWSD_BINARY) + " process --config " +
                                    cfg + " --publish --input " + in + " --output /dev/null 2>&1",
                                &out);
  EXPECT_NE(rc, 0) << out;
  EXPECT_NE(rc, 124) << "still retrying after 120 s: " << out;
}

// The contract's newsd-source header is never empty for `process --publish`.
TEST(Cli, ProcessPublishSourceHeader) {
  auto broker = publish::dev_broker::start(1).value();
  for (const char* t : {"news.articles", "news.duplicates", "news.deadletter"})
    ASSERT_TRUE(broker->create_topic(t, 3).ok());
  testing::temp_dir dir;
  std::string cfg = dir.path() + "/c.toml";
  testing::write_file(cfg, "[kafka]\nbrokers = \"" + broker->bootstrap() +
                               "\"\ncompression = \"none\"\n[state]\ndir = \"" + dir.path() +
                               "/state\"\n[entities]\nenabled = false\n");
  std::string in = dir.path() + "/in.jsonl";
  testing::write_file(
      in,
      "{\"id\":\"s1\",\"source\":\"wire\",\"text\":\"First body about the talks in the "
      "capital.\"}\n"
      "{\"id\":\"s2\",\"text\":\"Second, different body about a storm on the coast.\"}\n");
  ASSERT_EQ(testing::run_command(std::string(NEWSD_BINARY) + " process --config " + cfg +
                                     " --publish --input " + in + " --output /dev/null",
                                 nullptr),
            0);
  auto a = testing::consume_all(broker->bootstrap(), "news.articles", 2);
  ASSERT_EQ(a.size(), 2u);
  for (const auto& m : a)
    EXPECT_EQ(m.headers.at("newsd-source"), m.key == "s1" ? "wire" : "process") << m.key;
}

}  // namespace
}  // namespace newsd
