#pragma once
// The feed-parser tests' one way to parse a document that must parse.
#include <gtest/gtest.h>

#include <string_view>

#include "connectors/feeds/parse.h"

namespace newsd::feeds {

inline document must_parse(std::string_view body, parse_options opts = {}) {
  auto r = parse(body, opts);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.err().message);
  return r.ok() ? *r : document{};
}

}  // namespace newsd::feeds
