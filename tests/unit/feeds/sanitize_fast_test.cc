// The fast sanitiser must either give up or produce exactly what the libxml2
// path produces, and must never let unsafe markup through.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "connectors/feeds/sanitize.h"
#include "connectors/feeds/sanitize_rules.h"
#include "connectors/feeds/urls.h"

#include <libxml/uri.h>
#include <libxml/xmlmemory.h>

namespace newsd::feeds {
namespace {

using detail::sanitize_html_fast;
using detail::sanitize_html_libxml2;

// Runs both paths; returns whether the fast path handled the fragment.
bool same_as_libxml2(const std::string& html, const std::string& base = "http://e.com/a/") {
  std::string fast;
  bool handled = sanitize_html_fast(html, base, fast);
  if (handled) {
    EXPECT_EQ(fast, sanitize_html_libxml2(html, base)) << "input: " << html;
  }
  return handled;
}

void expect_safe(const std::string& out) {
  std::string low;
  for (char c : out) low += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const char* bad : {"<script", "<style", "<object", "<embed", "<iframe", "<frame", "<applet",
                          "<meta", "<link", " on", "javascript:", "vbscript:"})
    EXPECT_EQ(low.find(bad), std::string::npos) << bad << " in " << out;
}

TEST(FeedSanitizeFast, HandlesCommonMarkupExactly) {
  for (const char* h : {
           "<p>Lorem <a href=\"/story/1\">ipsum</a> <b>dolor</b> &amp; sit &gt; amet.</p>",
           "<p class=\"c\">Hi <b>there</b><br></p>",
           "<div><p>a</p>\n<p>b<br/>c<br />d</p></div>",
           "<ul><li>one</li><li><a href='x?a=1&amp;b=2'>two</a></li></ul>",
           "<ol><li><ul><li>n</li></ul></li></ol>",
           "<figure><img src=\"i.png\" alt=\"\" width=600><figcaption>c</figcaption></figure>",
           "<h2>T&eacute;l&#233;&#xE9;</h2><hr><blockquote><p>q</p></blockquote>",
           "<!-- wp:paragraph --><p>x</p><!-- /wp:paragraph -->",
           "<p>Tom & Jerry &copy 2021 &unknown; &#x1F600;</p>",
           "<a href=\"/x?a=1&b=2&copy=3\" title=\"a &quot;b&quot;\">l</a>",
           "<img src=x.png alt>",
           "<img src=x.png alt title=t>",
           "<span title=x/>y</span>",
           "<a HREF=\"/up\" Class=\"K\">UP</a>",
           "<p>\xc3\xa9t\xc3\xa9 \xe2\x80\x94 \xf0\x9f\x98\x80</p>",
           "text only with a &gt; sign",
           "<p>  spaced  </p>  <p>\tx\n</p>",
           "<p>Watch:</p><iframe src=\"https://www.youtube.com/embed/x\" width=560></iframe>",
           "<p>a<iframe src=x>inner <b>text</b></iframe>b</p>",
           "<blockquote class=\"twitter-tweet\"><p>t</p></blockquote><script async "
           "src=\"https://platform.twitter.com/widgets.js\" charset=\"utf-8\"></script>",
           "a<script>var x = 1 > 2;</script>b<SCRIPT type=x>y</SCRIPT >c",
           "<p>unclosed",
           "<p>one<p>two<div>three</div><ul><li>a<li>b</ul><h2>t</h2><p>x<br>",
           "<ul><li><p>a<li>b</ul>",
           "<p><b>x</p>",
           "<p>a<a href=/x>b</p>c",
       }) {
    EXPECT_TRUE(same_as_libxml2(h)) << h;
  }
}

TEST(FeedSanitizeFast, GivesUpOnMarkupLibxml2WouldRepair) {
  for (const char* h : {
           "<p>a<p>b</p></p>",
           "<b><p>x</p></b>",
           "<p><div>x</div></p>",
           "<a href=a><a href=b>x</a></a>",
           "<li>x</li>",
           "<ol><ul><li>x</li></ul></ol>",
           "x</p>",
           "<p>a</b></p>",
           "a < b",
           "<p>a <3 b</p>",
           "<!-- open",
           "<!DOCTYPE html><p>x</p>",
           "<table><tr><td>x</td></tr></table>",
           "<pre>\nx</pre>",
           "<p>x\r\ny</p>",
           "<a href=\"x\"title=\"y\">z</a>",
           "<a href=\"x\" href=\"y\">z</a>",
           "<p>&#0;</p>",
           "<p>&#xD800;</p>",
           "<p>&#12</p>",
           "<p/>",
           "<x:y>z</x:y>",
           "<my-tag>z</my-tag>",
           "<p>\x01</p>",
           "<p>\xff</p>",
           "<wbr>",
           "<a title=\"<b>\">x</a>",
           "<script>if (a<b) x()</script>",
           "<script><!-- x</script>",
           "<script>x",
           "<script>document.write('</div>')</script>",
           "<iframe><p>x</p></iframe>",
       }) {
    std::string out;
    EXPECT_FALSE(sanitize_html_fast(h, "", out)) << h;
    expect_safe(sanitize_html(h, ""));
  }
}

TEST(FeedSanitizeFast, UnsafeMarkupIsNeverLetThrough) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"<scr<script>ipt>alert(1)</script>", ""},
      {"<SCRIPT>alert(1)</SCRIPT>ok", "ok"},
      {"<p>a<ScRiPt src=x></sCrIpT>b</p>", "<p>ab</p>"},
      {"<a href=\" javascript:alert(1)\">x</a>", "<a>x</a>"},
      {"<a href=\"&#106;avascript:alert(1)\">x</a>", "<a>x</a>"},
      {"<a href=\"&#x6A;avascript:alert(1)\">x</a>", "<a>x</a>"},
      {"<a href=\"jav&#x09;ascript:alert(1)\">x</a>", "<a>x</a>"},
      {"<a href=\"jav&#10;ascript:alert(1)\">x</a>", "<a>x</a>"},
      {"<a href=javascript:alert(1)>x</a>", "<a>x</a>"},
      {"<A HREF=JAVASCRIPT:alert(1)>x</A>", "<a>x</a>"},
      {"<a href='vbscript:msgbox(1)'>x</a>", "<a>x</a>"},
      {"<img src=\"data:text/html;base64,PHNjcmlwdD4=\">", "<img>"},
      {"<img src=x onerror=alert(1)>", "<img src=\"http://e.com/a/x\">"},
      {"<img src=x ONERROR=\"alert(1)\" alt=\"a\">", "<img src=\"http://e.com/a/x\" alt=\"a\">"},
      {"<p style=\"background:url(javascript:x)\" onclick=x>t</p>", "<p>t</p>"},
      {"<IFRAME src=http://e/></IFRAME>t", "t"},
      {"<object data=x><embed src=y></object>t", "t"},
      {"<meta http-equiv=refresh content=0><link rel=x>t", "t"},
      {"<applet code=x>hidden</applet>t", "t"},
      {"<style>p{}</style>t", "t"},
      {"<frame src=x>t", "t"},
      {"<a href=\"&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105"
       "&#0000112&#0000116&#0000058alert(1)\">x</a>",
       ""},
  };
  for (const auto& [in, want] : cases) {
    std::string out = sanitize_html(in, "http://e.com/a/");
    expect_safe(out);
    if (!want.empty()) {
      EXPECT_EQ(out, want) << in;
    }
    same_as_libxml2(in);
  }
}

// Random fragments from a grammar of common and awkward pieces: whenever the
// fast path accepts one, its output must equal libxml2's and be safe.
TEST(FeedSanitizeFast, RandomFragmentsMatchLibxml2) {
  const std::vector<std::string> pieces = {"<p>",
                                           "</p>",
                                           "<b>",
                                           "</b>",
                                           "<i>",
                                           "</i>",
                                           "<a href=\"/x\">",
                                           "<a href='http://o.org/y'>",
                                           "</a>",
                                           "<div>",
                                           "</div>",
                                           "<ul>",
                                           "</ul>",
                                           "<ol>",
                                           "</ol>",
                                           "<li>",
                                           "</li>",
                                           "<br>",
                                           "<br/>",
                                           "<img src=i.png alt>",
                                           "<hr>",
                                           "<span class=c>",
                                           "</span>",
                                           "<h2>",
                                           "</h2>",
                                           "<blockquote>",
                                           "</blockquote>",
                                           "<em>",
                                           "</em>",
                                           "<strong>",
                                           "</strong>",
                                           "text ",
                                           " more text",
                                           "&amp;",
                                           "&lt;",
                                           "&gt;",
                                           "&nbsp;",
                                           "&#233;",
                                           "&#x27;",
                                           "&bogus;",
                                           "& ",
                                           "&copy",
                                           ">",
                                           "<",
                                           "\n",
                                           "\t",
                                           "<!-- c -->",
                                           "<script>x</script>",
                                           "<a onclick=x>",
                                           "<a href=\"javascript:x\">",
                                           "<a href=\" &#106;avascript:x\">",
                                           "<figure>",
                                           "</figure>",
                                           "<p title=\"a&quot;b\">",
                                           "<img src=\"x\"/>",
                                           "<TABLE>",
                                           "<td>",
                                           "</td>",
                                           "<pre>",
                                           "\xc3\xa9",
                                           "<a href=x?a=1&b=2>",
                                           "<p class=\"x\" id=y>",
                                           "<sup>",
                                           "</sup>",
                                           "<q>",
                                           "</q>",
                                           "<iframe src=\"https://e/\">",
                                           "</iframe>",
                                           "<script src=x></script>",
                                           "<script>a<b",
                                           "</script>",
                                           "<SCRIPT>x</SCRIPT>",
                                           "<section>",
                                           "</section>",
                                           "<font color=red>",
                                           "</font>",
                                           "<u>",
                                           "</u>",
                                           "<code>",
                                           "</code>"};
  std::mt19937 rng(12345);
  int handled = 0;
  for (int n = 0; n < 20000; ++n) {
    std::string h;
    int len = 1 + static_cast<int>(rng() % 12);
    std::vector<std::string> open;
    for (int k = 0; k < len; ++k) {
      // Half the time close what is open, so that well-nested fragments are common.
      if (!open.empty() && rng() % 3 == 0) {
        h += open.back();
        open.pop_back();
        continue;
      }
      const std::string& p = pieces[rng() % pieces.size()];
      h += p;
      if (p.size() > 2 && p[0] == '<' && std::isalpha(static_cast<unsigned char>(p[1]))) {
        size_t e = p.find_first_of(" >/");
        std::string name = p.substr(1, e - 1);
        if (name != "br" && name != "img" && name != "hr") open.push_back("</" + name + ">");
      }
    }
    while (!open.empty() && rng() % 4 != 0) {
      h += open.back();
      open.pop_back();
    }
    if (same_as_libxml2(h)) ++handled;
    std::string out = sanitize_html(h, "http://e.com/");
    expect_safe(out);
    if (::testing::Test::HasFailure()) break;
  }
  EXPECT_GT(handled, 1000);  // the fast path must actually be exercised
}

}  // namespace
}  // namespace newsd::feeds

namespace newsd::feeds {
namespace {

// resolve_url skips libxml2 for references with a scheme; that must not change results.
TEST(FeedUrlsFast, SchemeShortcutMatchesXmlBuildUri) {
  const char* bases[] = {"http://e.com/a/b.xml",     "https://e.com/", "http://e.com/a/?q=1#f",
                         "HTTP://User@E.com:8080/x", "http://e.com",   "https://[::1]:8443/a",
                         "http://e%41.com/a b/",     "file:///tmp/x",  "urn:x:y",
                         "http://h/a/b/../c/./d",    "http://h:/p",    "feed.xml"};
  const char* refs[] = {"http://o.org/x",
                        "HTTPS://O.ORG/%41?a=b&c#d",
                        "http://o.org/a b",
                        "http://o.org/./x/../y",
                        "mailto:a@b.c",
                        "http:relative",
                        "http:",
                        "a+b.c-d:x",
                        "ftp://h/\xc3\xa9",
                        "http://[::1]:80/",
                        "http://o.org/%zz",
                        "urn:isbn:123",
                        "tag:e.com,2021:1",
                        "1http://x",
                        "http://o.org/<x>",
                        "javascript:alert(1)",
                        "/story/1",
                        "/a/b-c_d.html",
                        "/a/../b",
                        "/./x",
                        "/.hidden",
                        "//o.org/x",
                        "/",
                        "/a%20b",
                        "/x?y=1",
                        "/x#f",
                        "/a b",
                        "/a~b",
                        "/\xc3\xa9",
                        "/a.b/c..d/e.",
                        "/A/B"};
  for (const char* base : bases) {
    for (const char* ref : refs) {
      xmlChar* out = xmlBuildURI(reinterpret_cast<const xmlChar*>(ref),
                                 reinterpret_cast<const xmlChar*>(base));
      std::string want = out ? reinterpret_cast<const char*>(out) : ref;
      xmlFree(out);
      EXPECT_EQ(resolve_url(base, ref), want) << base << " + " << ref;
    }
  }
}

}  // namespace
}  // namespace newsd::feeds
