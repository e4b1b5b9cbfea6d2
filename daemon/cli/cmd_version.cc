#include <curl/curl.h>
#include <librdkafka/rdkafka.h>
#include <libxml/xmlversion.h>
#include <simdjson.h>
#include <sqlite3.h>
#include <unicode/uversion.h>

#include <cstdio>
#include <toml++/toml.h>

#include "build_info.h"
#include "daemon/cli/commands.h"

namespace newsd::cli {

void add_version(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("version", "Print the version, build type and linked library versions");
  cmd->callback([&exit_code] {
    print_version();
    exit_code = 0;
  });
}

void print_version() {
  std::printf("newsd %s (%s)\n", NEWSD_VERSION, NEWSD_BUILD_TYPE);
  std::printf("librdkafka %s\n", rd_kafka_version_str());
  std::printf("libcurl %s\n", curl_version_info(CURLVERSION_NOW)->version);
  std::printf("simdjson %d.%d.%d\n", simdjson::SIMDJSON_VERSION_MAJOR, simdjson::SIMDJSON_VERSION_MINOR, simdjson::SIMDJSON_VERSION_REVISION);
  std::printf("toml++ %d.%d.%d\n", TOML_LIB_MAJOR, TOML_LIB_MINOR, TOML_LIB_PATCH);
  std::printf("sqlite %s\n", sqlite3_libversion());
  std::printf("libxml2 %s\n", LIBXML_DOTTED_VERSION);
  std::printf("icu %s\n", U_ICU_VERSION);
}

}  // namespace newsd::cli
