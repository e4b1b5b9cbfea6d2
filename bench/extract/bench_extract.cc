// Extraction throughput on synthetic ~100 KB news pages (target: >= 300 pages/s on one core).
#include <benchmark/benchmark.h>

#include <string>

#include "connectors/extract/extract.h"

namespace {

// A page shaped like a real article: a heavy head, navigation, a body of paragraphs with
// inline links, a read-also box, a share bar, related cards, comments and a footer.
std::string make_page(size_t target_bytes, bool arabic) {
  const std::string para =
      arabic ? "وقال المتحدث باسم الوزارة في بيان صحفي إن الحكومة ستواصل دعم المشروعات الصغيرة، "
               "وإن <a href=\"/tag/x\">البرنامج الجديد</a> سيشمل كل المحافظات خلال العام المقبل."
             : "The ministry said in a statement that the government would keep supporting small "
               "businesses, and that the <a href=\"/tag/x\">new programme</a> would cover every "
               "region during the next year, according to officials.";
  std::string head =
      "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Budget plan approved | "
      "Example News</title><meta property=\"og:site_name\" content=\"Example News\">"
      "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"Budget "
      "plan approved\",\"datePublished\":\"2024-05-01T10:00:00Z\"}</script><style>";
  for (int i = 0; i < 200; ++i) head += ".c" + std::to_string(i) + "{margin:0;padding:1px}";
  head += "</style><script>var x = [";
  for (int i = 0; i < 1500; ++i) head += std::to_string(i) + ",";
  head += "0];</script></head><body><nav><ul>";
  for (int i = 0; i < 40; ++i) head += "<li><a href=\"/s/" + std::to_string(i) + "\">Section</a></li>";
  head += "</ul></nav><div class=\"container\"><div class=\"main\"><article><h1>Budget plan "
          "approved</h1><div class=\"share\"><a href=\"#\">Share</a></div><div "
          "class=\"article-body\">";
  std::string tail =
      "</div></article><section class=\"related\"><ul>";
  for (int i = 0; i < 30; ++i)
    tail += "<li><div class=\"card\"><a href=\"/n/" + std::to_string(i) +
            "\">Another headline about something else</a><p>Short excerpt of that story.</p></div></li>";
  tail += "</ul></section><div id=\"comments\">";
  for (int i = 0; i < 20; ++i) tail += "<div class=\"comment\"><p>A reader comment here.</p></div>";
  tail += "</div></div><aside class=\"sidebar\"><ul>";
  for (int i = 0; i < 30; ++i) tail += "<li><a href=\"/m/" + std::to_string(i) + "\">Most read</a></li>";
  tail += "</ul></aside></div><footer><ul>";
  for (int i = 0; i < 60; ++i) tail += "<li><a href=\"/f/" + std::to_string(i) + "\">Link</a></li>";
  tail += "</ul></footer></body></html>";
  std::string body;
  int k = 0;
  while (head.size() + body.size() + tail.size() < target_bytes) {
    body += "<p>" + para + "</p>\n";
    if (++k % 8 == 0)
      body += "<div class=\"read-also\"><b>Read also</b><a href=\"/r\">Related story</a></div>"
              "<h2>A subheading in the article</h2>";
  }
  return head + body + tail;
}

void run(benchmark::State& state, bool arabic) {
  const std::string page = make_page(100 * 1024, arabic);
  newsd::extract::options opts;
  opts.url = "https://example.com/2024/05/01/budget";
  size_t chars = 0;
  for (auto _ : state) {
    auto p = newsd::extract::extract(page, opts);
    if (!p.ok() || p->text.empty()) state.SkipWithError("extraction failed");
    else chars += p->text.size();
    benchmark::DoNotOptimize(chars);
  }
  state.SetItemsProcessed(state.iterations());  // items/s = pages/s
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * page.size()));
  state.counters["page_kb"] = static_cast<double>(page.size()) / 1024.0;
}

void BM_extract_english_100kb(benchmark::State& state) { run(state, false); }
void BM_extract_arabic_100kb(benchmark::State& state) { run(state, true); }
BENCHMARK(BM_extract_english_100kb)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_extract_arabic_100kb)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
