#pragma once
// The tagger's load options from the [entities] section, in one place for the
// daemon and the CLI commands that tag (process, tag).
#include "daemon/config/config.h"
#include "daemon/entities/tagger.h"

namespace newsd {

inline entities::tagger::options entities_options(const config::entities_section& s) {
  entities::tagger::options o;
  o.second_pass = s.second_pass;
  o.word_cache_mb = static_cast<size_t>(s.word_cache_mb);
  return o;
}

}  // namespace newsd
