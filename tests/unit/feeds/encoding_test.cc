#include <gtest/gtest.h>

#include "connectors/feeds/encoding.h"

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

}  // namespace
}  // namespace newsd::feeds
