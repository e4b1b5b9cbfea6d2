// The fetch stage end to end against a loopback server: validators, content
// hash, permanent redirects, errors and backoff, charsets. The fetcher runs in
// `once` mode (each feed polled once per run), state in an in-memory store.
#include <gtest/gtest.h>
#include <iconv.h>

#include <atomic>
#include <chrono>
#include <map>
#include <thread>

#include "common/time_util.h"
#include "daemon/pipeline/fetcher.h"
#include "tests/support/test_support.h"

namespace newsd::pipeline {
namespace {

using newsd::testing::http_request;
using newsd::testing::http_response;
using newsd::testing::http_server;

std::string rss(const std::vector<std::string>& guids, const std::string& title_prefix = "Item ") {
  std::string s =
      "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title><link>http://x/</link>";
  for (auto& g : guids) {
    s += "<item><title>" + title_prefix + g + "</title><link>http://127.0.0.1:1/" + g +
         "</link><guid>" + g + "</guid><description>" + std::string(500, 'w') +
         "</description></item>";
  }
  return s + "</channel></rss>";
}

struct harness {
  config::config cfg;
  std::unique_ptr<state::store> store;
  std::unique_ptr<state::feed_state> fs;
  ops::metrics metrics;
  tracker tr;
  std::vector<work_item> items;
  std::unique_ptr<fetcher> f;

  explicit harness(std::vector<config::feed> feeds) {
    cfg.fetch.allow_private_addresses = true;
    cfg.fetch.timeout_ms = 2000;
    cfg.fetch.max_body_bytes = 1 << 20;
    cfg.fetch.per_host_requests_per_minute = 6000;  // several feeds share the loopback host
    cfg.extract.enabled = false;                    // no article page fetches here
    cfg.feeds = std::move(feeds);
    auto opened = state::store::open(":memory:");
    EXPECT_TRUE(opened);
    store = std::move(*opened);
    fs = std::make_unique<state::feed_state>(*store);
    EXPECT_TRUE(fs->init());
    f = std::make_unique<fetcher>(cfg, *fs, metrics, tr, [this](work_item&& w) {
      tr.end(tracking_key(w.feed_id, w.item_key));                // as if delivered...
      (void)fs->mark_seen(w.feed_id, w.item_key, now_unix_ms());  // ...and marked seen
      items.push_back(std::move(w));
      return true;
    });
  }
  // One poll of every feed; returns the items emitted by it.
  std::vector<work_item> poll() {
    items.clear();
    std::atomic<bool> stop{false};
    f->run(stop, true);
    return std::move(items);
  }
  state::feed_record rec(const std::string& id) { return *f->feed(id); }
  double count(const std::string& result) { return metrics.fetch(result).Value(); }
};

config::feed feed(const std::string& id, const std::string& url) {
  config::feed f;
  f.id = id;
  f.url = url;
  return f;
}

TEST(Fetcher, ConditionalGet200Then304) {
  http_server srv;
  std::atomic<int> conditional{0};
  srv.route("/feed", [&](const http_request& req) {
    http_response r;
    auto inm = req.headers.find("if-none-match");
    if (inm != req.headers.end() && inm->second == "\"v1\"") {
      ++conditional;
      r.status = 304;
      return r;
    }
    r.headers = {{"Content-Type", "application/rss+xml"},
                 {"ETag", "\"v1\""},
                 {"Last-Modified", "Wed, 21 Oct 2015 07:28:00 GMT"}};
    r.body = rss({"a", "b"});
    return r;
  });
  harness h({feed("f", srv.url("/feed"))});
  EXPECT_EQ(h.poll().size(), 2u);
  EXPECT_EQ(h.rec("f").etag, "\"v1\"");
  EXPECT_TRUE(h.poll().empty());
  EXPECT_EQ(conditional.load(), 1);
  EXPECT_EQ(h.count("not_modified"), 1);
  EXPECT_EQ(h.count("ok"), 1);
  // Validators and the schedule survive a restart.
  auto saved = h.fs->get("f");
  ASSERT_TRUE(saved);
  EXPECT_EQ(saved->etag, "\"v1\"");
  EXPECT_EQ(saved->last_modified, "Wed, 21 Oct 2015 07:28:00 GMT");
  EXPECT_GT(saved->next_poll_ms, now_unix_ms());
}

TEST(Fetcher, SameEtagChangedBodyIsCaughtByTheHash) {
  http_server srv;
  std::atomic<int> version{1};
  srv.route("/feed", [&](const http_request&) {
    http_response r;  // ignores If-None-Match and never changes its ETag
    r.headers = {{"Content-Type", "application/rss+xml"}, {"ETag", "\"same\""}};
    r.body = version.load() == 1 ? rss({"a"}) : rss({"a", "b"});
    return r;
  });
  harness h({feed("f", srv.url("/feed"))});
  EXPECT_EQ(h.poll().size(), 1u);
  auto unchanged = h.poll();
  EXPECT_TRUE(unchanged.empty());
  EXPECT_EQ(h.count("unchanged"), 1);  // same body: not even parsed
  version = 2;
  auto fresh = h.poll();
  ASSERT_EQ(fresh.size(), 1u);
  EXPECT_EQ(fresh[0].art.title, "Item b");
  EXPECT_EQ(h.count("ok"), 2);
}

TEST(Fetcher, StaleEtagForeverIsCaughtByAnUnconditionalPoll) {
  http_server srv;
  std::atomic<int> version{1};
  std::atomic<int> unconditional{0};
  srv.route("/feed", [&](const http_request& req) {
    http_response r;  // answers 304 to any validator, though its content changes
    if (req.headers.count("if-none-match") != 0) {
      r.status = 304;
      return r;
    }
    ++unconditional;
    r.headers = {{"Content-Type", "application/rss+xml"}, {"ETag", "\"stale\""}};
    r.body = version.load() == 1 ? rss({"a"}) : rss({"a", "b"});
    return r;
  });
  harness h({feed("f", srv.url("/feed"))});
  h.cfg.fetch.revalidate_interval_ms = 200;
  EXPECT_EQ(h.poll().size(), 1u);
  version = 2;
  EXPECT_TRUE(h.poll().empty());  // within the interval: validators sent, 304
  EXPECT_EQ(h.count("not_modified"), 1);
  std::this_thread::sleep_for(std::chrono::milliseconds(250));
  auto fresh = h.poll();  // past it: no validators, the new item arrives
  ASSERT_EQ(fresh.size(), 1u);
  EXPECT_EQ(fresh[0].art.title, "Item b");
  EXPECT_EQ(unconditional.load(), 2);
  EXPECT_TRUE(h.poll().empty());  // and the next poll is conditional again
  EXPECT_EQ(h.count("not_modified"), 2);
}

TEST(Fetcher, PermanentRedirectMovesUrlAfterConsecutivePolls) {
  http_server srv;
  auto moved = [](int status, std::string to) {
    return [status, to](const http_request&) {
      http_response r;
      r.status = status;
      r.headers.emplace_back("Location", to);
      return r;
    };
  };
  srv.route("/old", moved(301, "/new"));
  srv.route("/old308", moved(308, "/new"));
  srv.route("/temp", moved(302, "/new"));
  srv.route("/temp307", moved(307, "/new"));
  srv.serve("/new", rss({"a"}), "application/rss+xml");
  harness h({feed("p", srv.url("/old")), feed("p8", srv.url("/old308")),
             feed("t", srv.url("/temp")), feed("t7", srv.url("/temp307"))});
  h.poll();
  EXPECT_EQ(h.rec("p").url, srv.url("/old"));  // one 301 is not enough
  EXPECT_EQ(h.rec("p").moved_streak, 1);
  h.poll();
  EXPECT_EQ(h.rec("p").url, srv.url("/new"));
  EXPECT_EQ(h.rec("p8").url, srv.url("/new"));
  EXPECT_EQ(h.fs->get("p")->url, srv.url("/new"));  // persisted
  h.poll();
  EXPECT_EQ(h.rec("t").url, srv.url("/temp"));  // temporary redirects never move it
  EXPECT_EQ(h.rec("t7").url, srv.url("/temp307"));
  EXPECT_EQ(srv.hits("/old"), 2);  // the third poll went to /new directly
}

TEST(Fetcher, InterruptedPermanentRedirectStartsOver) {
  http_server srv;
  std::atomic<bool> permanent{true};
  srv.route("/old", [&](const http_request&) {
    http_response r;
    r.status = permanent.load() ? 301 : 302;
    r.headers.emplace_back("Location", "/new");
    return r;
  });
  srv.serve("/new", rss({"a"}), "application/rss+xml");
  harness h({feed("f", srv.url("/old"))});
  h.poll();
  permanent = false;
  h.poll();
  permanent = true;
  h.poll();
  EXPECT_EQ(h.rec("f").url, srv.url("/old"));
  h.poll();
  EXPECT_EQ(h.rec("f").url, srv.url("/new"));
}

TEST(Fetcher, RedirectLoopIsAFailedPoll) {
  http_server srv;
  srv.route("/loop", [](const http_request&) {
    http_response r;
    r.status = 301;
    r.headers.emplace_back("Location", "/loop");
    return r;
  });
  harness h({feed("f", srv.url("/loop"))});
  h.poll();
  EXPECT_EQ(h.rec("f").error_streak, 1);
  EXPECT_EQ(h.rec("f").last_error, "redirect");
  EXPECT_EQ(h.rec("f").url, srv.url("/loop"));
}

TEST(Fetcher, TooManyRequestsHonoursRetryAfter) {
  http_server srv;
  srv.route("/feed", [](const http_request&) {
    http_response r;
    r.status = 429;
    r.headers.emplace_back("Retry-After", "3600");
    return r;
  });
  srv.route("/date", [](const http_request&) {
    http_response r;
    r.status = 503;
    // An HTTP date two hours ahead.
    time_t t = static_cast<time_t>(now_unix_ms() / 1000 + 7200);
    char buf[64];
    std::tm tm{};
    gmtime_r(&t, &tm);
    std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);
    r.headers.emplace_back("Retry-After", buf);
    return r;
  });
  harness h({feed("f", srv.url("/feed")), feed("d", srv.url("/date"))});
  int64_t before = now_unix_ms();
  h.poll();
  // Without Retry-After the first retry would come after default_interval (10 min).
  EXPECT_GE(h.rec("f").next_poll_ms - before, 3600 * 1000);
  EXPECT_GE(h.rec("d").next_poll_ms - before, 7100 * 1000);
  EXPECT_EQ(h.rec("f").error_streak, 1);
  EXPECT_EQ(h.count("http_4xx"), 1);
}

TEST(Fetcher, ServerErrorsBackOffThenRecover) {
  http_server srv;
  std::atomic<int> failures{3};
  srv.route("/feed", [&](const http_request&) {
    http_response r;
    if (failures.load() > 0) {
      --failures;
      r.status = 500;
      return r;
    }
    r.headers.emplace_back("Content-Type", "application/rss+xml");
    r.body = rss({"a"});
    return r;
  });
  harness h({feed("f", srv.url("/feed"))});
  std::vector<int64_t> delays;
  for (int i = 0; i < 3; ++i) {
    int64_t before = now_unix_ms();
    EXPECT_TRUE(h.poll().empty());
    delays.push_back(h.rec("f").next_poll_ms - before);
    EXPECT_EQ(h.rec("f").error_streak, i + 1);
    EXPECT_EQ(h.rec("f").last_error, "http_5xx");
  }
  EXPECT_GT(delays[1], delays[0]);  // doubling beats +-10% jitter
  EXPECT_GT(delays[2], delays[1]);
  EXPECT_EQ(h.poll().size(), 1u);
  EXPECT_EQ(h.rec("f").error_streak, 0);
  EXPECT_EQ(h.rec("f").last_error, "");
  EXPECT_LT(h.rec("f").next_poll_ms - now_unix_ms(), delays[2]);
}

TEST(Fetcher, TimeoutEndlessBodyAndBombAreFailedPolls) {
  newsd::testing::silent_server silent;
  http_server srv;
  srv.route("/endless", [](const http_request&) {
    http_response r;
    r.never_end = true;
    return r;
  });
  std::string bomb = newsd::testing::compress_body(std::string(32 << 20, ' '), "gzip");
  srv.route("/bomb", [&bomb](const http_request&) {
    http_response r;
    r.headers = {{"Content-Encoding", "gzip"}, {"Content-Type", "application/rss+xml"}};
    r.body = bomb;
    return r;
  });
  harness h({feed("silent", silent.url("/")), feed("endless", srv.url("/endless")),
             feed("bomb", srv.url("/bomb"))});
  h.cfg.fetch.timeout_ms = 500;
  h.f = std::make_unique<fetcher>(h.cfg, *h.fs, h.metrics, h.tr, [](work_item&&) { return true; });
  h.poll();
  EXPECT_EQ(h.rec("silent").last_error, "timeout");
  EXPECT_EQ(h.rec("endless").last_error, "too_large");
  EXPECT_EQ(h.rec("bomb").last_error, "too_large");
  for (auto id : {"silent", "endless", "bomb"}) EXPECT_EQ(h.rec(id).error_streak, 1) << id;
}

TEST(Fetcher, MalformedFeeds) {
  http_server srv;
  srv.serve("/garbage", "this is not a feed { at all", "application/rss+xml");
  // Unclosed tags and a bare ampersand: recoverable (bozo), items still come out.
  srv.serve("/broken",
            "<rss version=\"2.0\"><channel><title>A & B</title><item><title>x</title>"
            "<guid>g1</guid><link>http://127.0.0.1:1/x</link></item><item><title>y",
            "application/rss+xml");
  harness h({feed("garbage", srv.url("/garbage")), feed("broken", srv.url("/broken"))});
  auto items = h.poll();
  EXPECT_EQ(h.rec("garbage").last_error, "parse");
  EXPECT_EQ(h.rec("garbage").error_streak, 1);
  EXPECT_EQ(h.rec("garbage").content_hash, 0u);  // a failed parse is not remembered as seen
  EXPECT_EQ(h.rec("broken").error_streak, 0);
  ASSERT_GE(items.size(), 1u);
  EXPECT_EQ(items[0].art.title, "x");
}

std::string to_cp1256(const std::string& utf8) {
  iconv_t cd = iconv_open("WINDOWS-1256", "UTF-8");
  std::string in = utf8, out(utf8.size() * 2, '\0');
  char* ip = in.data();
  char* op = out.data();
  size_t il = in.size(), ol = out.size();
  iconv(cd, &ip, &il, &op, &ol);
  iconv_close(cd);
  out.resize(out.size() - ol);
  return out;
}

TEST(Fetcher, Windows1256FeedWithOnlyAnHttpCharset) {
  const std::string title = "\xd8\xa7\xd9\x84\xd8\xa3\xd8\xae\xd8\xa8\xd8\xa7\xd8\xb1";  // الأخبار
  std::string body = to_cp1256(
      "<rss version=\"2.0\"><channel><title>" + title + "</title><item><title>" + title +
      "</title><guid>ar1</guid><link>http://127.0.0.1:1/ar1</link></item></channel></rss>");
  ASSERT_EQ(body.find("\xd8\xa7"), std::string::npos);  // really not UTF-8 any more
  http_server srv;
  srv.serve("/ar", body, "application/rss+xml; charset=windows-1256");
  harness h({feed("ar", srv.url("/ar"))});
  auto items = h.poll();
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].art.title, title);
}

TEST(Fetcher, ReloadKeepsStateOfKeptFeeds) {
  http_server srv;
  srv.route("/a", [](const http_request&) {
    http_response r;
    r.headers = {{"Content-Type", "application/rss+xml"}, {"ETag", "\"a1\""}};
    r.body = rss({"a"});
    return r;
  });
  srv.serve("/b", rss({"b"}), "application/rss+xml");
  harness h({feed("a", srv.url("/a"))});
  h.poll();
  h.f->set_feeds({feed("a", srv.url("/a")), feed("b", srv.url("/b"))});
  h.f->apply_feed_changes();
  EXPECT_EQ(h.f->feed_count(), 2u);
  EXPECT_EQ(h.rec("a").etag, "\"a1\"");
  h.f->set_feeds({feed("b", srv.url("/b"))});
  h.f->apply_feed_changes();
  EXPECT_FALSE(h.f->feed("a").has_value());
  EXPECT_EQ(h.poll().size(), 1u);
  EXPECT_EQ(srv.hits("/a"), 1);
}

TEST(Fetcher, PageFetchesShareHostPoliteness) {
  http_server srv;
  std::string feed_body = "<rss version=\"2.0\"><channel><title>T</title>";
  for (int i = 0; i < 6; ++i) {
    feed_body += "<item><title>t</title><guid>p" + std::to_string(i) + "</guid><link>" +
                 srv.url("/page") + "?n=" + std::to_string(i) + "</link></item>";
  }
  feed_body += "</channel></rss>";
  srv.serve("/feed", feed_body, "application/rss+xml");
  srv.route("/page", [](const http_request&) {
    http_response r;
    r.delay_ms = 100;
    r.body = "<html><body><p>text</p></body></html>";
    r.headers.emplace_back("Content-Type", "text/html");
    return r;
  });
  harness h({feed("f", srv.url("/feed"))});
  h.cfg.extract.enabled = true;  // short summaries: every item wants its page
  h.cfg.fetch.per_host_concurrency = 1;
  h.cfg.fetch.per_host_requests_per_minute = 100000;
  h.f = std::make_unique<fetcher>(h.cfg, *h.fs, h.metrics, h.tr, [&h](work_item&& w) {
    h.items.push_back(std::move(w));
    return true;
  });
  auto items = h.poll();
  EXPECT_EQ(items.size(), 6u);
  EXPECT_EQ(srv.hits("/page"), 6);
  EXPECT_EQ(srv.max_concurrent(), 1);
  for (auto& w : items) EXPECT_FALSE(w.art.html.empty());
}

// An item with no summary whose page fails: a transient failure is not accepted now
// and is retried by the next poll (even when the feed answers with the same body and
// ETag); a permanent one goes on, marked, with the reason for its dead letter.
TEST(Fetcher, PageFailureWithoutSummaryIsRetriedOrExplained) {
  http_server srv;
  std::string feed_body = "<rss version=\"2.0\"><channel><title>T</title>";
  for (const char* p : {"ok", "busy", "gone"}) {
    feed_body += std::string("<item><title>t ") + p + "</title><guid>" + p + "</guid><link>" +
                 srv.url("/") + p + "</link></item>";
  }
  feed_body += "</channel></rss>";
  srv.route("/feed", [&](const http_request& req) {
    http_response r;
    if (req.headers.count("if-none-match") != 0) {
      r.status = 304;
      return r;
    }
    r.headers = {{"Content-Type", "application/rss+xml"}, {"ETag", "\"v1\""}};
    r.body = feed_body;
    return r;
  });
  std::atomic<int> busy_calls{0};
  auto page = [](int status) {
    http_response r;
    r.status = status;
    r.body = "<html><body><p>text</p></body></html>";
    r.headers.emplace_back("Content-Type", "text/html");
    return r;
  };
  srv.route("/ok", [&](const http_request&) { return page(200); });
  srv.route("/busy", [&](const http_request&) { return page(++busy_calls == 1 ? 503 : 200); });
  srv.route("/gone", [&](const http_request&) { return page(404); });
  harness h({feed("f", srv.url("/feed"))});
  h.cfg.extract.enabled = true;
  h.f = std::make_unique<fetcher>(h.cfg, *h.fs, h.metrics, h.tr, [&h](work_item&& w) {
    h.tr.end(tracking_key(w.feed_id, w.item_key));
    (void)h.fs->mark_seen(w.feed_id, w.item_key, now_unix_ms());
    h.items.push_back(std::move(w));
    return true;
  });
  auto first = h.poll();
  ASSERT_EQ(first.size(), 2u);
  std::map<std::string, work_item*> by_key;
  for (auto& w : first) by_key[w.item_key] = &w;
  ASSERT_TRUE(by_key.count("ok") && by_key.count("gone"));
  EXPECT_FALSE(by_key["ok"]->art.html.empty());
  EXPECT_EQ(by_key["gone"]->art.extraction, "failed");
  EXPECT_EQ(by_key["gone"]->art.extraction_error, "HTTP 404");  // said once

  auto second = h.poll();
  ASSERT_EQ(second.size(), 1u);
  EXPECT_EQ(second[0].item_key, "busy");
  EXPECT_FALSE(second[0].art.html.empty());
  EXPECT_EQ(busy_calls.load(), 2);
  EXPECT_TRUE(h.poll().empty());  // nothing pending: back to conditional polls
}

}  // namespace
}  // namespace newsd::pipeline
