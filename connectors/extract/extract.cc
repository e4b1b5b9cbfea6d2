#include "connectors/extract/extract.h"

namespace newsd::extract {

result<page> extract(std::string_view, const options&) {
  return make_error(errc::unsupported, "extraction is not implemented yet");
}

std::string to_json(const page&) { return "{}"; }

std::string detect_language(std::string_view, std::string_view hint) { return std::string(hint); }

}  // namespace newsd::extract
