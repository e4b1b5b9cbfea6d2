#include "daemon/entities/tagger.h"

namespace newsd::entities {

namespace {
class empty_tagger final : public tagger {
 public:
  std::vector<model::entity> tag(std::string_view, std::string_view) const override { return {}; }
  std::vector<std::string> tag_tokens(const std::vector<std::string>& tokens,
                                      std::string_view) const override {
    return std::vector<std::string>(tokens.size(), "O");
  }
};
}  // namespace

result<std::shared_ptr<const tagger>> tagger::load(const std::string&) {
  return std::shared_ptr<const tagger>(std::make_shared<empty_tagger>());
}

}  // namespace newsd::entities
