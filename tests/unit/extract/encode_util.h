#pragma once
// Test helper: UTF-8 text as windows-1256 bytes (ICU), for pages in a legacy Arabic charset.
#include <gtest/gtest.h>
#include <unicode/ucnv.h>

#include <string>

namespace newsd::extract::testing_util {

inline std::string to_cp1256(const std::string& utf8) {
  std::string out(utf8.size() * 2 + 16, '\0');
  UErrorCode st = U_ZERO_ERROR;
  int32_t n = ucnv_convert("windows-1256", "UTF-8", out.data(), static_cast<int32_t>(out.size()),
                           utf8.data(), static_cast<int32_t>(utf8.size()), &st);
  EXPECT_TRUE(U_SUCCESS(st));
  out.resize(static_cast<size_t>(n));
  return out;
}

}  // namespace newsd::extract::testing_util
