// libFuzzer target for the feed parser (built only with clang and -DNEWSD_FUZZ=ON;
// not wired into CMake yet). The first byte picks a Content-Type so the encoding
// paths get exercised too.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "connectors/feeds/parse.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const char* kTypes[] = {"", "application/rss+xml", "text/xml; charset=iso-8859-1",
                                 "application/atom+xml; charset=utf-16",
                                 "text/html; charset=windows-1256", "application/feed+json"};
  if (size == 0) return 0;
  newsd::feeds::parse_options opts{"http://fuzz.example/feed/", kTypes[data[0] % 6]};
  std::string_view body(reinterpret_cast<const char*>(data) + 1, size - 1);
  auto doc = newsd::feeds::parse(body, opts);
  if (doc) {
    auto json = newsd::feeds::to_json(*doc);
    for (const auto& e : doc->entries) (void)newsd::feeds::item_key(e);
    (void)json;
  }
  return 0;
}
