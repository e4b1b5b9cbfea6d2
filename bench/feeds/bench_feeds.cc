// Parse throughput over generated real-world-sized feeds (target: >= 1,000
// feeds/s on one core). The "feeds/s" counter is the figure to report.
#include <benchmark/benchmark.h>

#include <string>

#include "connectors/feeds/parse.h"

namespace {

std::string paragraph(int i) {
  return "<p>Lorem ipsum dolor sit amet, <a href=\"/story/" + std::to_string(i) +
         "\">consectetur</a> adipiscing elit, sed do <b>eiusmod</b> tempor incididunt ut labore "
         "et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation.</p>";
}

std::string escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '<') out += "&lt;";
    else if (c == '&') out += "&amp;";
    else out += c;
  }
  return out;
}

// A news-site RSS 2.0 feed: `items` items with escaped HTML descriptions and content:encoded.
std::string make_rss(int items, int paragraphs) {
  std::string f =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" "
      "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
      "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">\n<channel>\n"
      "<title>Example News - World</title><link>https://news.example.com/world</link>"
      "<description>The latest world news</description><language>en-gb</language>"
      "<lastBuildDate>Mon, 06 Sep 2021 16:45:00 +0100</lastBuildDate><ttl>15</ttl>\n";
  for (int i = 0; i < items; ++i) {
    std::string body;
    for (int p = 0; p < paragraphs; ++p) body += paragraph(i * 100 + p);
    f += "<item><title>Story number " + std::to_string(i) + " &amp; more</title>"
         "<link>https://news.example.com/world/story-" + std::to_string(i) + "</link>"
         "<guid isPermaLink=\"true\">https://news.example.com/world/story-" + std::to_string(i) +
         "</guid><pubDate>Mon, 06 Sep 2021 1" + std::to_string(i % 10) + ":30:00 GMT</pubDate>"
         "<dc:creator>Reporter " + std::to_string(i % 7) + "</dc:creator>"
         "<category>World</category><category>Politics</category>"
         "<description>" + escape(paragraph(i)) + "</description>"
         "<content:encoded><![CDATA[" + body + "]]></content:encoded></item>\n";
  }
  return f + "</channel>\n</rss>\n";
}

std::string make_atom(int entries, int paragraphs) {
  std::string f =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">"
      "<title>Example Blog</title><id>tag:example.com,2021:blog</id>"
      "<link href=\"https://blog.example.com/\"/><updated>2021-09-06T16:45:00Z</updated>\n";
  for (int i = 0; i < entries; ++i) {
    std::string body;
    for (int p = 0; p < paragraphs; ++p) body += paragraph(p);
    f += "<entry><title type=\"html\">Post " + std::to_string(i) + "</title><id>tag:example.com,2021:" +
         std::to_string(i) + "</id><link href=\"/posts/" + std::to_string(i) + "\"/>"
         "<published>2021-09-0" + std::to_string(1 + i % 9) + "T10:00:00+02:00</published>"
         "<updated>2021-09-06T10:00:00Z</updated><author><name>Author</name></author>"
         "<summary>Short summary of the post</summary><content type=\"html\">" + escape(body) +
         "</content></entry>\n";
  }
  return f + "</feed>\n";
}

void run(benchmark::State& state, const std::string& body) {
  newsd::feeds::parse_options opts{"https://news.example.com/feed.xml", "application/rss+xml"};
  for (auto _ : state) {
    auto doc = newsd::feeds::parse(body, opts);
    if (!doc) state.SkipWithError("parse failed");
    benchmark::DoNotOptimize(doc);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * body.size()));
  state.counters["feeds/s"] = benchmark::Counter(static_cast<double>(state.iterations()),
                                                 benchmark::Counter::kIsRate);
  state.counters["KB"] = static_cast<double>(body.size()) / 1024.0;
}

void BM_Rss(benchmark::State& state) {
  static const std::string body = make_rss(static_cast<int>(state.range(0)), 3);
  run(state, body);
}
void BM_Atom(benchmark::State& state) {
  static const std::string body = make_atom(static_cast<int>(state.range(0)), 3);
  run(state, body);
}
void BM_RssLarge(benchmark::State& state) {
  static const std::string body = make_rss(static_cast<int>(state.range(0)), 8);
  run(state, body);
}

BENCHMARK(BM_Rss)->Arg(30);
BENCHMARK(BM_Atom)->Arg(30);
BENCHMARK(BM_RssLarge)->Arg(100);

}  // namespace

BENCHMARK_MAIN();
