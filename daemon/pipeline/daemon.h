#pragma once
#include <string>

#include "daemon/config/config.h"

namespace newsd::pipeline {

struct run_options {
  bool once = false;  // poll every feed once, drain, wait for every delivery report, exit
};

// Runs the daemon until a stop signal (or, with once, until the single pass
// is delivered). Returns the process exit code.
int run_daemon(config::config cfg, const run_options& opts);

}  // namespace newsd::pipeline
