// Headline corrections from the page's other headings (title.cc refine, the lone <h2>).
#include <gtest/gtest.h>

#include "connectors/extract/metadata.h"
#include "tests/unit/extract/metadata_util.h"

namespace newsd::extract::detail {
namespace {

TEST(TitleRules, LoneH2IsTheHeadlineOfAPageTitledBySection) {
  auto m = metadata_of(
      "<html><head><title>der Schreibstil - chadim.net - Webdesign</title></head><body>"
      "<div class=\"page-header\"><h2>Schreiben Sie Informationen für Ihre Zielgruppe</h2></div>"
      "<p>Text.</p></body></html>",
      "https://chadim.example/text-planung/der-schreibstil");
  EXPECT_EQ(m.title, "Schreiben Sie Informationen für Ihre Zielgruppe");
  // Menu labels as one-word <h1>s do not count as a headline.
  auto w = metadata_of(
      "<html><head><title>BeginnersGuide/Download - Python Wiki</title></head><body>"
      "<h1>Page</h1><h1>User</h1><h2>Downloading Python</h2></body></html>",
      "https://wiki.example/moin/BeginnersGuide/Download");
  EXPECT_EQ(w.title, "Downloading Python");
}

TEST(TitleRules, LoneOneWordH1OrDecoratedH2KeepsThePageName) {
  auto m = metadata_of(
      "<html><head><title>Trails! Ischgl</title></head><body><h1>Ischgl</h1>"
      "<h2>Das Tiroler Freeride Mekka</h2></body></html>",
      "https://trails.example/ischgl");
  EXPECT_EQ(m.title, "Ischgl");
  auto d = metadata_of(
      "<html><head><title>media.example // &raquo; Jens Weber</title></head><body>"
      "<h2>[&gt; Jens Weber</h2></body></html>",
      "https://media.example/weber");
  EXPECT_NE(d.title, "[> Jens Weber");
}

TEST(TitleRules, H2RepeatingTheJsonLdHeadlineBeatsAnotherH1Wording) {
  auto m = metadata_of(
      "<html><head><title>Danni und Ennesto trennen sich: \"Aus\"</title>"
      "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":"
      "\"„Aus“: Danni und Ennesto trennen sich\"}</script></head><body>"
      "<h1>Danni und Ennesto trennen sich: \"Aus\"</h1>"
      "<h2>„Aus“: Danni und Ennesto trennen sich</h2></body></html>",
      "https://news.example/a");
  EXPECT_EQ(m.title, "„Aus“: Danni und Ennesto trennen sich");
  // og:title repeated as a teaser <h2> does not replace the <h1>.
  auto t = metadata_of(
      "<html><head><title>Dessau: Zweite F13 kurz vor der Zulassung | MZ</title>"
      "<meta property=\"og:title\" content=\"Flugplatzfest: Zweite F13 kurz vor Zulassung\">"
      "</head><body><h1>Dessau: Zweite F13 kurz vor der Zulassung</h1>"
      "<h2>Flugplatzfest: Zweite F13 kurz vor Zulassung</h2></body></html>",
      "https://mz.example/a");
  EXPECT_EQ(t.title, "Dessau: Zweite F13 kurz vor der Zulassung");
}

TEST(TitleRules, KickerIsDroppedWhenTheRestStandsAlone) {
  auto m = metadata_of(
      "<html><head><title>Covid-19: Lässt sich die Ausbreitung kontrollieren? - Spektrum</title>"
      "</head><body><h1>Covid-19: Lässt sich die Ausbreitung kontrollieren?</h1>"
      "<h2>Lässt sich die Ausbreitung kontrollieren?</h2></body></html>",
      "https://spektrum.example/wissen/1");
  EXPECT_EQ(m.title, "Lässt sich die Ausbreitung kontrollieren?");
  auto o = metadata_of(
      "<html><head><title>next2games | Vorschauen: Anno 1800 Beta</title>"
      "<meta property=\"og:title\" content=\"Industriell Revolutioniert?: Anno 1800 Beta\">"
      "</head><body></body></html>",
      "https://games.example/previews,1");
  EXPECT_EQ(o.title, "Anno 1800 Beta");
  // The <title> repeats the kicker: it is the headline's ("Radon im Boden: Neue Karte …").
  auto k = metadata_of(
      "<html><head><title>BfS - Presse - Radon im Boden: Neue Karte gibt Orientierung</title>"
      "<meta property=\"og:title\" content=\"Radon im Boden: Neue Karte gibt Orientierung\">"
      "</head><body><h1>Radon im Boden: Neue Karte gibt Orientierung</h1></body></html>",
      "https://bfs.example/presse/1");
  EXPECT_EQ(k.title, "Radon im Boden: Neue Karte gibt Orientierung");
}

TEST(TitleRules, HeadingContinuingTheHeadlineBehindADashIsItsFullForm) {
  auto m = metadata_of(
      "<html><head><title>Leasing oder Finanzierung » Der große Vergleich | Check</title></head>"
      "<body><h1>Leasing oder Finanzierung</h1><p class=\"Stage-headline\">Leasing oder "
      "Finanzierung – was lohnt sich mehr?</p></body></html>",
      "https://check.example/leasing/");
  EXPECT_EQ(m.title, "Leasing oder Finanzierung – was lohnt sich mehr?");
}

TEST(TitleRules, SectionTrailAfterTheHeadlineGoesWithTheLeadingSite) {
  auto m = metadata_of(
      "<html><head><title>EFC Bayrische Bembel Regensburg - Eintracht Frankfurt stellt Weichen "
      "für die Zukunft - Eintracht Presse - News</title></head><body><p>Text.</p></body></html>",
      "http://bayrische-bembel.example/bbr/modules/news/article.php?storyid=504");
  EXPECT_EQ(m.title, "Eintracht Frankfurt stellt Weichen für die Zukunft");
  // Without a site segment in front, the segments stay ("Headline - Teil 49" is no trail).
  auto t = metadata_of(
      "<html><head><title>Die Haubenfahrzeuge der Nachkriegszeit - Teil 49 - Oldtimer - News"
      "</title></head><body><p>Text.</p></body></html>",
      "https://oldies.example/news/223");
  EXPECT_EQ(t.title, "Die Haubenfahrzeuge der Nachkriegszeit - Teil 49 - Oldtimer - News");
}

}  // namespace
}  // namespace newsd::extract::detail
