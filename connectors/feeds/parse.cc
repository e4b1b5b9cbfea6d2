#include "connectors/feeds/parse.h"

namespace newsd::feeds {

result<document> parse(std::string_view, const parse_options&) {
  return make_error(errc::unsupported, "feed parsing is not implemented yet");
}

std::string to_json(const document&) { return "{}"; }

}  // namespace newsd::feeds
