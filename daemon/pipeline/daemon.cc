#include "daemon/pipeline/daemon.h"

namespace newsd::pipeline {

int run_daemon(config::config, const run_options&) { return 1; }

}  // namespace newsd::pipeline
