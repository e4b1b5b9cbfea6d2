// Headline choice and the page's own calendar date (title.cc, date_parse.cc, metadata.cc).
#include <gtest/gtest.h>
#include <libxml/HTMLparser.h>

#include "common/time_util.h"
#include "connectors/extract/date_parse.h"
#include "connectors/extract/extract.h"
#include "connectors/extract/metadata.h"
#include "tests/unit/extract/metadata_util.h"

namespace newsd::extract::detail {
namespace {

TEST(Title, LogoHeadingLinkingHomeIsTheSiteNotTheHeadline) {
  auto m = metadata_of(
      "<html><head><title>Was ist Virales Marketing? | DimidoBlog</title></head><body>"
      "<h1><a href=\"https://blog.example/\">DimidoBlog</a></h1>"
      "<h2>Was ist Virales Marketing?</h2><p>Text.</p></body></html>",
      "https://blog.example/2008/07/29/virales-marketing/");
  EXPECT_EQ(m.title, "Was ist Virales Marketing?");
}

TEST(Title, BlogArchiveTrailDropsSiteAndGenericSegments) {
  auto m = metadata_of(
      "<html><head><title>Four Years Remaining &raquo; Blog Archive &raquo; Interning of Small "
      "Integers</title></head><body><h1><a href=\"/\">Four Years Remaining</a></h1>"
      "<h2>Interning of Small Integers</h2></body></html>",
      "http://fouryears.example/2019/10/21/interning/");
  EXPECT_EQ(m.title, "Interning of Small Integers");
}

TEST(Title, KickerSpanInsideTheH1IsNotPartOfTheHeadline) {
  auto m = metadata_of(
      "<html><head><title>Klimaschutz: Bohren, bis es heiß wird | ZEIT</title>"
      "<meta property=\"og:title\" content=\"Klimaschutz: Bohren, bis es heiß wird\"></head>"
      "<body><h1><span class=\"article-heading__kicker\">Klimaschutz</span>"
      "<span class=\"visually-hidden\">: </span><span>Bohren, bis es heiß wird</span></h1>"
      "</body></html>",
      "https://news.example/a");
  EXPECT_EQ(m.title, "Bohren, bis es heiß wird");
}

TEST(Title, SiteNameWithItsOwnSeparatorIsDroppedWhole) {
  auto m = metadata_of(
      "<html><head><title>Pour le néolibéralisme, la retraite est un archaïsme | AOC media - "
      "Analyse Opinion Critique</title><meta property=\"og:site_name\" content=\"AOC media - "
      "Analyse Opinion Critique\"></head><body></body></html",
      "https://aoc.example/opinion/x/");
  EXPECT_EQ(m.title, "Pour le néolibéralisme, la retraite est un archaïsme");
}

TEST(Title, OneWordSectionOgTitleLosesToTheConfirmedH1) {
  auto m = metadata_of(
      "<html><head><title>Verband: Olafur Eliasson gestaltet Titelseite</title>"
      "<meta property=\"og:title\" content=\"Pressemitteilungen\"></head><body>"
      "<h1>Olafur Eliasson gestaltet Titelseite</h1></body></html>",
      "https://verband.example/presse/1");
  EXPECT_EQ(m.title, "Olafur Eliasson gestaltet Titelseite");
}

TEST(Title, TheOnlyH1BeatsAnOgTitleWordedDifferently) {
  auto m = metadata_of(
      "<html><head><title>Firmenwagen: Leasen oder Finanzieren? | Portal</title>"
      "<meta property=\"og:title\" content=\"Firmenwagen: Leasen oder Finanzieren?\"></head>"
      "<body><h1>Firmenwagen: Leasing oder Finanzierung?</h1></body></html>",
      "https://portal.example/firmenwagen");
  EXPECT_EQ(m.title, "Firmenwagen: Leasing oder Finanzierung?");
  // ... but not when the h1 only adds a kicker to it.
  m = metadata_of(
      "<html><head><meta property=\"og:title\" content=\"St. Louis Park elects a new mayor\">"
      "</head><body><h1>Politics | St. Louis Park elects a new mayor</h1></body></html>",
      "https://paper.example/a");
  EXPECT_EQ(m.title, "St. Louis Park elects a new mayor");
}

TEST(Title, BloggerBlogNameColonPostTitle) {
  auto m = metadata_of(
      "<html><head><title>Siben Notes: Our privacy policy</title></head><body>"
      "<h1><a href=\"http://siben.example/\">Siben Notes</a></h1></body></html>",
      "http://siben.example/2018/06/privacy.html");
  EXPECT_EQ(m.title, "Our privacy policy");
}

TEST(Title, HeadlineSpanAndLeadingDateInsideTheH1) {
  auto m = metadata_of(
      "<html><head></head><body><h1><span class=\"fake-h5\">Strompreisbremse</span>"
      "<span class=\"headline\">Bundesregierung drosselt Bioenergie</span></h1></body></html>",
      "https://e.example/a");
  EXPECT_EQ(m.title, "Bundesregierung drosselt Bioenergie");
  m = metadata_of(
      "<html><body><h1>1. Februar 2022 Ministerin stellt Programm vor</h1></body></html>",
      "https://e.example/b");
  EXPECT_EQ(m.title, "Ministerin stellt Programm vor");
}

TEST(Title, ConfirmedH2IsTheHeadlineOfAPageWithoutH1) {
  auto m = metadata_of(
      "<html><head><title>Der Verband im Porträt | Genossenschaftsverband Bayern (GVB)</title>"
      "</head><body><nav><h2>Aktuelles aus dem Verband</h2></nav><div class=\"article\">"
      "<h2>Der Verband im Porträt</h2><p>Text.</p><h2>Unsere Aufgaben</h2></div></body></html>",
      "https://verband.example/portraet");
  EXPECT_EQ(m.title, "Der Verband im Porträt");
  // A menu heading inside <nav> is never taken, even when the <title> repeats it.
  m = metadata_of(
      "<html><head><title>Aktuelle Meldungen aus dem Verband</title></head><body>"
      "<nav><h2>Aktuelle Meldungen</h2></nav><p>Text.</p></body></html>",
      "https://verband.example/meldungen");
  EXPECT_EQ(m.title, "Aktuelle Meldungen aus dem Verband");
}

TEST(Title, ConfirmedH2BeatsAnH1WordedUnlikeTitleAndOgTitle) {
  std::string head =
      "<html><head><title>Deutschland und Frankreich: Der enge Partner</title>"
      "<meta property=\"og:title\" content=\"Grenzen: Deutschland, Frankreich und die "
      "Rückkehr der Ressentiments\"></head><body>";
  auto m = metadata_of(head +
                           "<h1>Corona: Report von der Grenze</h1><h2>Deutschland, Frankreich und "
                           "die Rückkehr der Ressentiments</h2></body></html>",
                       "https://paper.example/a");
  EXPECT_EQ(m.title, "Deutschland, Frankreich und die Rückkehr der Ressentiments");
  // An <h1> worded like the og:title (here with a typo) stays the headline.
  m = metadata_of(
      "<html><head><meta property=\"og:title\" content=\"Il Climate Clock ha iniziato a "
      "scorrere\"></head><body><h1>ll Climate Clock ha iniziato a scorrere</h1>"
      "<h2>Il Climate Clock</h2></body></html>",
      "https://veg.example/a");
  EXPECT_EQ(m.title, "ll Climate Clock ha iniziato a scorrere");
}

TEST(Title, H1ContinuingTheOgTitleWithoutSeparatorIsTheHeadline) {
  auto m = metadata_of(
      "<html><head><meta property=\"og:title\" content=\"Ultium Cells erhöht "
      "Gigafactory-Kapazität - Battery-News\"><script type=\"application/ld+json\">"
      "{\"@type\":\"NewsArticle\",\"headline\":\"Ultium Cells erhöht Gigafactory-Kapazität\"}"
      "</script></head><body><h1>Ultium Cells erhöht Gigafactory-Kapazität in Tennessee</h1>"
      "</body></html>",
      "https://battery.example/a");
  EXPECT_EQ(m.title, "Ultium Cells erhöht Gigafactory-Kapazität in Tennessee");
  // A date or a bracketed issue behind the headline is no continuation.
  m = metadata_of(
      "<html><head><meta property=\"og:title\" content=\"Der historische Purzelbaum\">"
      "</head><body><h1>Der historische Purzelbaum (2021/5)</h1></body></html>",
      "https://mag.example/a");
  EXPECT_EQ(m.title, "Der historische Purzelbaum");
}

TEST(Title, RepeatedH1AndTrailingOneWordH1sAreOneHeadline) {
  // Responsive layouts print the headline twice (one per breakpoint).
  auto m = metadata_of(
      "<html><head><title>Run Windows on Mac - Desktop 15 Virtual Machine for Mac</title>"
      "</head><body><h1 class=\"visible-sm\">Desktop 15 for Mac</h1>"
      "<h1 class=\"visible-md\">Desktop 15 for Mac</h1></body></html>",
      "https://vendor.example/products/desktop/");
  EXPECT_EQ(m.title, "Desktop 15 for Mac");
  // A one-word <h1> after the headline is a section label in the body.
  m = metadata_of(
      "<html><head><meta property=\"og:title\" content=\"Möchtest Du mit mir beitreten?\">"
      "</head><body><h1>Wellaflex – Schnell aufgefrischtes Haar mit Trockenshampoo</h1>"
      "<p>Text.</p><h1>Anwendung</h1></body></html>",
      "https://insiders.example/a");
  EXPECT_EQ(m.title, "Wellaflex – Schnell aufgefrischtes Haar mit Trockenshampoo");
}

TEST(Title, H2WordedLikeTheTitleOnAPageWithoutH1) {
  auto m = metadata_of(
      "<html><head><title>Neubau Werkstattgebäude - Neubau Birmensdorf</title></head><body>"
      "<h2>Projektwettbewerb Neubau Werkstattgebäude Birmensdorf</h2><p>Text.</p></body></html>",
      "https://institut.example/neubau");
  EXPECT_EQ(m.title, "Projektwettbewerb Neubau Werkstattgebäude Birmensdorf");
}

TEST(Title, FirstH2WhenTheTitleIsOnlyTheSiteName) {
  auto m = metadata_of(
      "<html><head><title>National Rail Enquiries -</title></head><body><h1></h1>"
      "<h2>Rail Replacement Services Travel Advice</h2><h2>General Information</h2>"
      "</body></html>",
      "https://www.nationalrail.example/service_disruptions/");
  EXPECT_EQ(m.title, "Rail Replacement Services Travel Advice");
}

TEST(Title, SmallKickerInsideTheH1IsNotPartOfTheHeadline) {
  auto m = metadata_of(
      "<html><body><h1 itemprop=\"headline\"><small>Tunesien</small><br> Große Aufgaben für "
      "die neue Regierung</h1></body></html>",
      "https://stiftung.example/a");
  EXPECT_EQ(m.title, "Große Aufgaben für die neue Regierung");
  m = metadata_of(
      "<html><body><h1><span class=\"h1small\">Initiative Energie</span> Kostenloser "
      "Stromcheck für private Haushalte</h1></body></html>",
      "https://bauen.example/a");
  EXPECT_EQ(m.title, "Kostenloser Stromcheck für private Haushalte");
}

TEST(Title, BlockStyledAsTheHeadlineWhenThereIsNoHeadingHeadline) {
  auto m = metadata_of(
      "<html><head><title>Günstiger Autokredit im Mai >> Angebote vergleichen</title></head>"
      "<body><h1>Autokredit</h1><div class=\"plp-subheadline\">Schnell und einfach zum "
      "Kredit</div><p class=\"plp-headline\">Jetzt günstigen Autokredit finden</p>"
      "<h2>Inhaltsverzeichnis</h2></body></html>",
      "https://finance.example/autokredit/");
  EXPECT_EQ(m.title, "Jetzt günstigen Autokredit finden");
  // A real <h1> headline wins over any headline-classed teaser.
  m = metadata_of(
      "<html><body><h1>Die Stadt verklagt die Baufirma</h1><div class=\"teaser-headline\">"
      "Weitere Meldungen aus der Region</div></body></html>",
      "https://paper.example/a");
  EXPECT_EQ(m.title, "Die Stadt verklagt die Baufirma");
}

TEST(Title, NewsletterBoxHeadingIsNoHeadline) {
  auto m = metadata_of(
      "<html><head><title>Christmas Gift Guide | Journelles</title></head><body>"
      "<h1>Mein cosy Home Gift Guide bei Westwing</h1><p>Text.</p>"
      "<div class=\"newsletter-box\"><h1>Das ist Liebe in deinem Posteingang: Unser "
      "Newsletter!</h1></div></body></html>",
      "https://journelles.example/westwing");
  EXPECT_EQ(m.title, "Mein cosy Home Gift Guide bei Westwing");
}

TEST(Title, PageSwallowedByAnUnclosedNoscriptKeepsItsHeadline) {
  auto m = metadata_of(
      "<html><head><title>ORSO MARSICANO: UN ANNO DA RECORD | Parco Nazionale</title></head>"
      "<body><noscript><div id=\"nojs\"></noscript><div><h1>ORSO MARSICANO: UN ANNO DA "
      "RECORD</h1><p>" +
          std::string(1200, 'x') + "</p></div></body></html>",
      "https://parco.example/dettaglio.php?id=1");
  EXPECT_EQ(m.title, "ORSO MARSICANO: UN ANNO DA RECORD");
}

TEST(PublishedDate, OffsetIsKeptForThePagesOwnCalendarDate) {
  int off = 0;
  auto v = parse_date("2022-05-03T20:36:00-04:00", &off);
  ASSERT_TRUE(v);
  EXPECT_EQ(off, -240);
  page p;
  p.published_ms = v;
  p.published_offset_min = off;
  EXPECT_NE(to_json(p).find("\"published_at\":\"2022-05-03T20:36:00-04:00\""), std::string::npos);
  // Local midnight stays a bare calendar date.
  parse_date("2022-01-28T00:00:00+01:00", &off);
  EXPECT_EQ(off, 0);
}

TEST(PublishedDate, UtcInstantPrintedAtTheUrlsCalendarDate) {
  auto m = metadata_of(
      "<html><head><meta property=\"article:published_time\" content=\"2023-11-09T05:30:59Z\">"
      "</head><body></body></html>",
      "https://paper.example/2023/11/08/mayor-elected/");
  ASSERT_TRUE(m.published_ms);
  EXPECT_EQ(format_rfc3339(*m.published_ms), "2023-11-09T05:30:59Z");  // the same instant
  EXPECT_EQ(m.published_offset_min, -360);
}

TEST(PublishedDate, LabelledAndShortYearDates) {
  auto m =
      metadata_of("<html><body><p><strong>Datum</strong> <span>28.01.2022</span></p></body></html>",
                  "https://amt.example/presse/ki");
  ASSERT_TRUE(m.published_ms);
  EXPECT_EQ(*m.published_ms, days_from_civil(2022, 1, 28) * 86400000LL);
  EXPECT_EQ(find_text_date("Von: Jane Roe | 31.10.23"), days_from_civil(2023, 10, 31) * 86400000LL);
  EXPECT_FALSE(find_text_date("Version 1.2.23 released"));
}

}  // namespace
}  // namespace newsd::extract::detail

namespace newsd::extract {
namespace {

TEST(ExtractTail, ClosingAppealsAuthorBoxAndCreditsAreNotArticleText) {
  std::string para =
      "<p>The harbour authority opened the new northern pier on Monday, after three years of "
      "construction work that cost the region more than forty million euros in total.</p>"
      "<p>Ferries to the islands will use the pier from June, the authority said, and the old "
      "terminal in the city centre will be turned into a market hall for local producers.</p>"
      "<p>Fishermen welcomed the move, although several of them said that the new berths were "
      "too far away from the auction hall and asked for a shuttle service during the season.</p>";
  std::string html =
      "<html><head><title>New pier opens | Coast News</title></head><body><article>"
      "<h1>New pier opens</h1>" +
      para + para +
      "<p>Foto: Jane Roe</p>"
      "<h3>Über den Autor</h3><p>John Doe writes about the harbour and the fishing industry "
      "for the paper since 2009, mostly from the northern districts.</p>"
      "<p>Follow us on Telegram and subscribe to our newsletter for the latest news.</p>"
      "</article></body></html>";
  options o;
  o.url = "https://coast.example/news/pier";
  auto p = extract(html, o);
  ASSERT_TRUE(p.ok());
  EXPECT_NE(p->text.find("shuttle service during the season."), std::string::npos);
  EXPECT_EQ(p->text.find("Foto:"), std::string::npos);
  EXPECT_EQ(p->text.find("Über den Autor"), std::string::npos);
  EXPECT_EQ(p->text.find("John Doe writes"), std::string::npos);
  EXPECT_EQ(p->text.find("Telegram"), std::string::npos);
}

}  // namespace
}  // namespace newsd::extract
