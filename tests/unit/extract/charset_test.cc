#include "connectors/extract/charset.h"

#include <gtest/gtest.h>

namespace newsd::extract::detail {
namespace {

TEST(Charset, ContentTypeParameter) {
  EXPECT_EQ(charset_from_content_type("text/html; charset=Windows-1256"), "windows-1256");
  EXPECT_EQ(charset_from_content_type("text/html;charset=\"utf-8\""), "utf-8");
  EXPECT_EQ(charset_from_content_type("text/html"), "");
}

TEST(Charset, MetaDeclarations) {
  EXPECT_EQ(sniff_meta_charset("<html><head><meta charset=\"ISO-8859-1\">"), "iso-8859-1");
  EXPECT_EQ(sniff_meta_charset("<meta http-equiv=\"Content-Type\" "
                               "content=\"text/html; charset=windows-1256\" />"),
            "windows-1256");
  EXPECT_EQ(sniff_meta_charset("<p>charset=utf-8</p>"), "");
}

TEST(Charset, BomWinsOverDeclarations) {
  auto d = decode_to_utf8("\xEF\xBB\xBF<p>caf\xC3\xA9</p>", "text/html; charset=iso-8859-1");
  EXPECT_EQ(d.charset, "utf-8");
  EXPECT_EQ(d.text, "<p>caf\xC3\xA9</p>");
}

TEST(Charset, Latin1LabelDecodesAsWindows1252) {
  auto d = decode_to_utf8("<p>\x93quoted\x94 caf\xE9</p>", "text/html; charset=iso-8859-1");
  EXPECT_EQ(d.charset, "windows-1252");
  EXPECT_EQ(d.text, "<p>\xE2\x80\x9Cquoted\xE2\x80\x9D caf\xC3\xA9</p>");
}

TEST(Charset, WronglyDeclaredUtf8FallsBackToDetection) {
  // Latin-1 bytes under a UTF-8 label: decoded by detection, never left as invalid UTF-8.
  std::string html = "<html><head><meta charset=\"utf-8\"></head><body><p>";
  for (int i = 0; i < 20; ++i) html += "Le caf\xE9 est ferm\xE9 depuis l'\xE9t\xE9 dernier. ";
  html += "</p></body></html>";
  auto d = decode_to_utf8(html, "");
  EXPECT_TRUE(is_valid_utf8(d.text));
  EXPECT_NE(d.text.find("caf\xC3\xA9"), std::string::npos) << d.charset;
}

TEST(Charset, Utf8WithAFewBrokenSequencesStaysUtf8) {
  // A teaser cut inside a character ("papieros\xC3...") must not send a UTF-8 page to
  // detection, which reads Polish UTF-8 as windows-1250 mojibake.
  std::string html = "<html><head><meta charset=\"UTF-8\"></head><body>";
  for (int i = 0; i < 10; ++i)
    html +=
        "<p>Sprzeciwiamy si\xC4\x99 pr\xC3\xB3"
        "bom podwa\xC5\xBC"
        "ania wiarygodno\xC5\x9B"
        "ci.</p>";
  html += "<span>przemyt paczek papieros\xC3...</span></body></html>";
  auto d = decode_to_utf8(html, "");
  EXPECT_EQ(d.charset, "utf-8");
  EXPECT_TRUE(is_valid_utf8(d.text));
  EXPECT_NE(d.text.find("Sprzeciwiamy si\xC4\x99 pr\xC3\xB3"
                        "bom"),
            std::string::npos);
}

TEST(Charset, SanitizeReplacesIllFormedSequences) {
  EXPECT_EQ(sanitize_utf8("a\xFF"
                          "b\xC3"),
            "a\xEF\xBF\xBD"
            "b\xEF\xBF\xBD");
  EXPECT_EQ(sanitize_utf8("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_TRUE(is_valid_utf8("caf\xC3\xA9"));
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));
}

}  // namespace
}  // namespace newsd::extract::detail
