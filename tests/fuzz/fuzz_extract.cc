// libFuzzer target for the article extractor (not wired into the build; see
// connectors/extract/README.md). Build by hand with clang:
//   clang++ -std=c++20 -fsanitize=fuzzer,address -I. tests/fuzz/fuzz_extract.cc \
//     connectors/extract/*.cc common/json_writer.cc common/time_util.cc common/result.cc \
//     $(xml2-config --cflags --libs) -licuuc -licui18n -lcld2 -lsimdjson
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "connectors/extract/extract.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  // The first byte picks a declared charset so decoding paths are fuzzed too.
  static const char* kTypes[] = {"", "text/html; charset=utf-8", "text/html; charset=windows-1256",
                                 "text/html; charset=iso-8859-1", "text/html; charset=bogus"};
  newsd::extract::options opts;
  if (!in.empty()) {
    opts.content_type = kTypes[static_cast<uint8_t>(in[0]) % 5];
    in.remove_prefix(1);
  }
  opts.url = "https://fuzz.example/2024/01/02/x";
  auto p = newsd::extract::extract(in, opts);
  if (p.ok()) (void)newsd::extract::to_json(*p);
  return 0;
}
