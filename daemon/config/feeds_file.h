#pragma once
// [fetch] feeds_file: more [[feeds]] from a TOML file or an OPML file, merged
// after the config's own feeds. Internal to the config loader.
#include <string>
#include <string_view>
#include <vector>

#include "daemon/config/config.h"

namespace newsd::config {

// Reads c.fetch.feeds_file (relative to the directory of `config_name` when that is a
// path) and appends its feeds to c.feeds; problems go to `errors` as FILE:LINE: message.
void merge_feeds_file(config& c, std::string_view config_name, std::vector<std::string>& errors);

}  // namespace newsd::config
