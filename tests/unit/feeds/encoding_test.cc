#include <gtest/gtest.h>

#include "connectors/feeds/encoding.h"
#include "connectors/feeds/parse.h"

namespace newsd::feeds {
namespace {

TEST(FeedEncoding, ContentTypeParameters) {
  EXPECT_EQ(media_type("Application/RSS+XML; charset=UTF-8"), "application/rss+xml");
  EXPECT_EQ(charset_param("text/xml;charset= \"us-ascii\""), "us-ascii");
  EXPECT_EQ(charset_param("text/xml"), "");
}

TEST(FeedEncoding, BomWins) {
  auto r = decode_document("\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><a>\xC3\xA9</a>",
                           "text/xml; charset=iso-8859-1");
  EXPECT_EQ(r.encoding, "utf-8");
  EXPECT_EQ(r.utf8.find("\xEF\xBB\xBF"), std::string::npos);
  EXPECT_NE(r.utf8.find("\xC3\xA9"), std::string::npos);
}

TEST(FeedEncoding, HttpCharsetOverridesDeclaration) {
  auto r = decode_document("<?xml version=\"1.0\" encoding=\"utf-8\"?><a>\xE9</a>",
                           "application/xml; charset=iso-8859-1");
  EXPECT_EQ(r.encoding, "iso-8859-1");
  EXPECT_FALSE(r.bozo);
}

TEST(FeedEncoding, Utf16WithoutBom) {
  std::string le;
  for (char c : std::string("<?xml version=\"1.0\" encoding=\"utf-16\"?><a/>")) le += c, le += '\0';
  auto r = decode_document(le, "");
  EXPECT_EQ(r.encoding, "utf-16le");
  EXPECT_EQ(r.utf8.substr(0, 5), "<?xml");
}

TEST(FeedEncoding, WrongDeclarationFallsBackWithBozo) {
  auto r = decode_document("<?xml version=\"1.0\" encoding=\"utf-8\"?><a>caf\xE9 cr\xE8me</a>", "");
  EXPECT_TRUE(r.bozo);
  EXPECT_NE(r.encoding, "utf-8");
  EXPECT_NE(r.utf8.find("caf\xC3\xA9"), std::string::npos);
}

// Three Arabic items; `damage` is spliced into the middle of the second title.
std::string arabic_feed(bool declared, const std::string& damage) {
  std::string s = declared ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" : "";
  s += "<rss version=\"2.0\"><channel><title>\xD9\x88\xD9\x83\xD8\xA7\xD9\x84\xD8\xA9</title>";
  s += "<item><title>\xD8\xA8\xD9\x88\xD8\xAA\xD9\x8A\xD9\x86</title></item>";
  s += "<item><title>\xD9\x83\xD9\x8A\xD9\x85" + damage;
  s += "\xD8\xAC\xD9\x88\xD9\x86\xD8\xBA</title></item>";
  s += "<item><title>\xD8\xB4\xD9\x88\xD9\x8A\xD8\xBA\xD9\x88</title></item></channel></rss>";
  return s;
}

TEST(FeedEncoding, OneInvalidByteKeepsUtf8) {
  for (bool declared : {true, false}) {
    std::string body = arabic_feed(declared, "\xFF");
    size_t offset = body.find('\xFF');
    auto r = decode_document(body, "");
    EXPECT_EQ(r.encoding, "utf-8") << declared;
    EXPECT_TRUE(r.bozo);
    EXPECT_NE(r.reason.find("byte offset " + std::to_string(offset)), std::string::npos)
        << r.reason;

    auto d = parse(body, {});
    ASSERT_TRUE(d.ok());
    EXPECT_EQ(d->encoding, "utf-8");
    EXPECT_TRUE(d->bozo);
    ASSERT_EQ(d->entries.size(), 3u);
    EXPECT_EQ(d->entries[0].title, "\xD8\xA8\xD9\x88\xD8\xAA\xD9\x8A\xD9\x86");
    EXPECT_EQ(d->entries[1].title,
              "\xD9\x83\xD9\x8A\xD9\x85\xEF\xBF\xBD\xD8\xAC\xD9\x88\xD9\x86\xD8\xBA");
    EXPECT_EQ(d->entries[2].title, "\xD8\xB4\xD9\x88\xD9\x8A\xD8\xBA\xD9\x88");
  }
}

TEST(FeedEncoding, BodyCutInsideACharacterKeepsUtf8) {
  std::string body = arabic_feed(true, "");
  body.resize(body.find("\xD8\xB4") + 1);  // ends right after a lead byte
  auto r = decode_document(body, "text/xml; charset=utf-8");
  EXPECT_EQ(r.encoding, "utf-8");
  EXPECT_TRUE(r.bozo);
  EXPECT_NE(r.reason.find("byte offset " + std::to_string(body.size() - 1)), std::string::npos)
      << r.reason;
  EXPECT_NE(r.utf8.find("\xD8\xA8\xD9\x88\xD8\xAA\xD9\x8A\xD9\x86"), std::string::npos);
  EXPECT_EQ(r.utf8.substr(r.utf8.size() - 3), "\xEF\xBF\xBD");

  // A mostly-ASCII document cut inside its only non-ASCII character, likewise.
  std::string ascii = "<rss version=\"2.0\"><channel><title>caf\xC3";
  auto a = decode_document(ascii, "");
  EXPECT_EQ(a.encoding, "utf-8");
  EXPECT_TRUE(a.bozo);
}

TEST(FeedEncoding, ManyInvalidBytesAmongFewValidOnesIsNotUtf8) {
  // Latin-1 with one accidental valid pair ("\xC3\xA9" reads as "é" either way).
  auto r = decode_document("<a>\xC3\xA9t\xE9 \xE0 cr\xE8me br\xFBl\xE9" "e</a>", "");
  EXPECT_NE(r.encoding, "utf-8");
  EXPECT_TRUE(r.bozo);
}

}  // namespace
}  // namespace newsd::feeds
