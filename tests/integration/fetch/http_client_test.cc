// The HTTP client against a real server on loopback: encodings, caps,
// redirects, timeouts and per-host politeness.
#include <gtest/gtest.h>

#include "common/time_util.h"
#include "connectors/http/client.h"
#include "connectors/http/headers.h"
#include "tests/support/test_support.h"

namespace newsd::http {
namespace {

using newsd::testing::http_request;
using newsd::testing::http_response;
using newsd::testing::http_server;

client_options loopback() {
  client_options o;
  o.allow_private_addresses = true;
  o.connect_timeout_ms = 2000;
  o.timeout_ms = 10000;
  o.per_host = {0, 0};
  return o;
}

const std::string kText = [] {
  std::string s;
  for (int i = 0; i < 2000; ++i)
    s += "<item><title>item " + std::to_string(i) + "</title></item>\n";
  return s;
}();

void serve_encoded(http_server& srv, const std::string& path, const std::string& enc) {
  std::string body = newsd::testing::compress_body(kText, enc);
  ASSERT_FALSE(body.empty());
  ASSERT_LT(body.size(), kText.size());
  srv.route(path, [body, enc](const http_request& req) {
    http_response r;
    r.headers.emplace_back("Content-Type", "application/xml");
    // Encode only when offered, like a real server.
    if (req.headers.count("accept-encoding") &&
        req.headers.at("accept-encoding").find(enc) != std::string::npos) {
      r.headers.emplace_back("Content-Encoding", enc);
      r.body = body;
    } else {
      r.status = 406;
    }
    return r;
  });
}

TEST(HttpClient, DecodesGzipDeflateAndBrotli) {
  http_server srv;
  client c(loopback());
  for (std::string enc : {"gzip", "deflate", "br"}) {
    if (enc == "br" && !newsd::testing::have_brotli_encoder()) continue;
    serve_encoded(srv, "/" + enc, enc);
    auto r = c.fetch({srv.url("/" + enc), "", "", {}});
    EXPECT_EQ(r.error, error_class::none) << enc << ": " << r.error_message;
    EXPECT_EQ(r.status, 200) << enc;
    EXPECT_EQ(r.body, kText) << enc;
  }
  ASSERT_TRUE(newsd::testing::have_brotli_encoder())
      << "brotli test did not run (libbrotli-dev missing)";
}

TEST(HttpClient, EndlessBodyStopsAtTheCap) {
  http_server srv;
  srv.route("/endless", [](const http_request&) {
    http_response r;
    r.never_end = true;
    return r;
  });
  auto o = loopback();
  o.max_body_bytes = 1 << 20;
  client c(o);
  auto r = c.fetch({srv.url("/endless"), "", "", {}});
  EXPECT_EQ(r.error, error_class::too_large);
  EXPECT_LE(r.body.size(), static_cast<size_t>(o.max_body_bytes));
}

TEST(HttpClient, DecompressionBombStopsAtTheCap) {
  // 64 MB of zeros gzip to about 64 KB: small on the wire, huge decoded.
  std::string bomb = newsd::testing::compress_body(std::string(64 << 20, '\0'), "gzip");
  ASSERT_LT(bomb.size(), 200u << 10);
  http_server srv;
  srv.route("/bomb", [&bomb](const http_request&) {
    http_response r;
    r.headers.emplace_back("Content-Encoding", "gzip");
    r.headers.emplace_back("Content-Type", "application/rss+xml");
    r.body = bomb;
    return r;
  });
  auto o = loopback();
  o.max_body_bytes = 1 << 20;
  client c(o);
  auto r = c.fetch({srv.url("/bomb"), "", "", {}});
  EXPECT_EQ(r.error, error_class::too_large);
  EXPECT_LE(r.body.size(), static_cast<size_t>(o.max_body_bytes));
}

TEST(HttpClient, DeclaredLengthAboveTheCapIsRefused) {
  http_server srv;
  srv.serve("/big", std::string(3 << 20, 'a'), "text/plain");
  auto o = loopback();
  o.max_body_bytes = 1 << 20;
  client c(o);
  auto r = c.fetch({srv.url("/big"), "", "", {}});
  EXPECT_EQ(r.error, error_class::too_large);
}

TEST(HttpClient, RedirectLoopIsAnError) {
  http_server srv;
  auto to = [](std::string where) {
    return [where](const http_request&) {
      http_response r;
      r.status = 302;
      r.headers.emplace_back("Location", where);
      return r;
    };
  };
  srv.route("/a", to("/b"));
  srv.route("/b", to("/a"));
  auto o = loopback();
  o.max_redirects = 20;
  client c(o);
  auto r = c.fetch({srv.url("/a"), "", "", {}});
  EXPECT_EQ(r.error, error_class::redirect);
  EXPECT_TRUE(r.redirect_loop);
  EXPECT_LE(srv.hits("/a"), 1);  // stopped when the loop closed, not after 20 hops
}

TEST(HttpClient, TooManyHopsIsAnError) {
  http_server srv;
  for (int i = 0; i < 8; ++i) {
    srv.route("/r" + std::to_string(i), [i](const http_request&) {
      http_response r;
      r.status = 301;
      r.headers.emplace_back("Location", "/r" + std::to_string(i + 1));
      return r;
    });
  }
  srv.serve("/r8", "<rss/>", "application/rss+xml");
  auto o = loopback();
  o.max_redirects = 3;
  client c(o);
  auto r = c.fetch({srv.url("/r0"), "", "", {}});
  EXPECT_EQ(r.error, error_class::redirect);
  EXPECT_FALSE(r.redirect_loop);
  EXPECT_EQ(srv.hits("/r8"), 0);
  o.max_redirects = 10;
  client c2(o);
  auto ok = c2.fetch({srv.url("/r0"), "", "", {}});
  EXPECT_EQ(ok.error, error_class::none);
  EXPECT_EQ(ok.redirects.size(), 8u);
  EXPECT_EQ(ok.effective_url, srv.url("/r8"));
}

http_server::handler redirect_to(std::string where, int status = 302) {
  return [where, status](const http_request&) {
    http_response r;
    r.status = status;
    if (!where.empty()) r.headers.emplace_back("Location", where);
    return r;
  };
}

TEST(HttpClient, RedirectWithoutLocationIsTheFinalAnswer) {
  http_server srv;
  srv.route("/start", redirect_to("/new", 301));
  srv.route("/new", redirect_to("", 301));  // a misconfigured origin
  client c(loopback());
  auto r = c.fetch({srv.url("/start"), "", "", {}});
  EXPECT_EQ(r.status, 301);
  EXPECT_EQ(r.redirects.size(), 1u);
  EXPECT_EQ(srv.hits("/new"), 1);  // asked once, not again and again
}

TEST(HttpClient, LocationWithSpacesIsEncodedAsCurlWould) {
  http_server srv;
  srv.route("/sp", redirect_to("/a b"));
  srv.serve("/a b", "ok", "text/plain");  // civetweb gives the decoded path
  client c(loopback());
  auto r = c.fetch({srv.url("/sp"), "", "", {}});
  EXPECT_EQ(r.error, error_class::none) << r.error_message;
  EXPECT_EQ(r.body, "ok");
}

TEST(HttpClient, CredentialsDoNotFollowARedirectToAnotherHost) {
  http_server other;
  std::map<std::string, std::string> seen_there, seen_here;
  other.route("/in", [&](const http_request& req) {
    seen_there = req.headers;
    return http_response{};
  });
  http_server srv;
  srv.route("/away", redirect_to(other.url("/in")));
  srv.route("/near", redirect_to("/in"));
  srv.route("/in", [&](const http_request& req) {
    seen_here = req.headers;
    return http_response{};
  });
  client c(loopback());
  const std::vector<std::string> extra{"Authorization: Bearer secret", "Cookie: s=1", "X-Trace: 7"};
  auto away = c.fetch({srv.url("/away"), "", "", extra});
  EXPECT_EQ(away.status, 200) << away.error_message;
  EXPECT_EQ(seen_there.count("authorization"), 0u);
  EXPECT_EQ(seen_there.count("cookie"), 0u);
  EXPECT_EQ(seen_there["x-trace"], "7");
  auto near = c.fetch({srv.url("/near"), "", "", extra});
  EXPECT_EQ(near.status, 200) << near.error_message;
  EXPECT_EQ(seen_here["authorization"], "Bearer secret");  // same host: kept
}

TEST(HttpClient, RetryAfterOn429And503) {
  http_server srv;
  srv.route("/busy", [](const http_request&) {
    http_response r;
    r.status = 429;
    r.headers.emplace_back("Retry-After", "120");
    return r;
  });
  srv.route("/down", [](const http_request&) {
    http_response r;
    r.status = 503;
    r.headers.emplace_back("Retry-After", "Fri, 01 Jan 2100 00:00:00 GMT");
    return r;
  });
  client c(loopback());
  auto busy = c.fetch({srv.url("/busy"), "", "", {}});
  EXPECT_EQ(busy.status, 429);
  EXPECT_EQ(busy.error, error_class::http_4xx);
  EXPECT_EQ(parse_retry_after(busy.header("retry-after"), now_unix_ms()), 120'000);
  auto down = c.fetch({srv.url("/down"), "", "", {}});
  EXPECT_EQ(down.error, error_class::http_5xx);
  EXPECT_GT(*parse_retry_after(down.header("retry-after"), now_unix_ms()),
            int64_t{365} * 86400 * 1000);
}

TEST(HttpClient, ServerThatNeverAnswersTimesOut) {
  newsd::testing::silent_server silent;
  auto o = loopback();
  o.timeout_ms = 500;
  client c(o);
  auto r = c.fetch({silent.url("/feed"), "", "", {}});
  EXPECT_EQ(r.error, error_class::timeout);
  EXPECT_EQ(r.status, 0);
}

TEST(HttpClient, LowSpeedLimitAborts) {
  http_server srv;
  srv.route("/slow", [](const http_request&) {
    http_response r;
    r.delay_ms = 2500;  // no byte for longer than low_speed_time
    r.body = "late";
    return r;
  });
  auto o = loopback();
  o.timeout_ms = 30000;
  o.low_speed_time_ms = 1000;
  o.low_speed_bytes = 1;
  client c(o);
  auto r = c.fetch({srv.url("/slow"), "", "", {}});
  EXPECT_EQ(r.error, error_class::timeout);
}

TEST(HttpClient, RefusesPrivateAddressesUnlessAllowed) {
  http_server srv;
  srv.serve("/x", "x", "text/plain");
  auto o = loopback();
  o.allow_private_addresses = false;
  client c(o);
  auto r = c.fetch({srv.url("/x"), "", "", {}});
  EXPECT_NE(r.error, error_class::none);
  EXPECT_EQ(srv.hits("/x"), 0);
}

TEST(HttpClient, PerHostConcurrencyIsRespected) {
  http_server srv;
  srv.route("/slow", [](const http_request&) {
    http_response r;
    r.delay_ms = 150;
    r.body = "ok";
    return r;
  });
  auto o = loopback();
  o.per_host = {1, 0};
  client c(o);
  int done = 0;
  for (int i = 0; i < 6; ++i) {
    c.submit({srv.url("/slow"), "", "", {}}, [&](response&& r) {
      EXPECT_EQ(r.status, 200);
      ++done;
    });
  }
  EXPECT_GE(c.queued(), 5);
  while (done < 6) c.perform(100);
  EXPECT_EQ(srv.hits("/slow"), 6);
  EXPECT_EQ(srv.max_concurrent(), 1);
}

TEST(HttpClient, RedirectHopWaitsForItsOwnHostsLimit) {
  // Feeds on one host redirect to another; the second host's limit must hold
  // for hops into it as for requests made to it directly.
  http_server target;
  target.route("/slow", [](const http_request&) {
    http_response r;
    r.delay_ms = 100;
    r.body = "ok";
    return r;
  });
  http_server origin;
  const std::string where = target.url("/slow");
  origin.route("/moved", [where](const http_request&) {
    http_response r;
    r.status = 302;
    r.headers.emplace_back("Location", where);
    return r;
  });
  auto o = loopback();
  o.per_host = {1, 0};
  client c(o);
  int done = 0;
  for (int i = 0; i < 3; ++i) {
    for (const std::string& url : {target.url("/slow"), origin.url("/moved")}) {
      c.submit({url, "", "", {}}, [&](response&& r) {
        EXPECT_EQ(r.status, 200);
        EXPECT_EQ(r.body, "ok");
        EXPECT_EQ(r.effective_url, where);
        ++done;
      });
    }
  }
  while (done < 6) c.perform(100);
  EXPECT_EQ(origin.hits("/moved"), 3);
  EXPECT_EQ(target.hits("/slow"), 6);
  EXPECT_EQ(target.max_concurrent(), 1);
}

TEST(HttpClient, PerHostRateDelaysStartsButCompletesAll) {
  http_server srv;
  srv.serve("/f", "ok", "text/plain");
  auto o = loopback();
  o.per_host = {2, 600};  // burst of two, then one every 100 ms
  client c(o);
  int done = 0;
  for (int i = 0; i < 5; ++i) c.submit({srv.url("/f"), "", "", {}}, [&](response&&) { ++done; });
  c.perform(0);
  EXPECT_EQ(c.queued(), 3);  // only the burst started
  while (done < 5) c.perform(100);
  EXPECT_EQ(srv.hits("/f"), 5);
}

}  // namespace
}  // namespace newsd::http
