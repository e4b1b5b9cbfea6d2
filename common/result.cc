#include "common/result.h"

namespace newsd {

const char* errc_name(errc c) {
  switch (c) {
    case errc::invalid_input: return "invalid_input";
    case errc::not_found: return "not_found";
    case errc::io: return "io";
    case errc::network: return "network";
    case errc::timeout: return "timeout";
    case errc::too_large: return "too_large";
    case errc::unsupported: return "unsupported";
    case errc::config: return "config";
    case errc::kafka: return "kafka";
    case errc::internal: return "internal";
  }
  return "unknown";
}

}  // namespace newsd
