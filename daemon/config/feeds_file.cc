#include "daemon/config/feeds_file.h"

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <toml++/toml.h>

#include "connectors/feeds/opml.h"
#include "daemon/config/values.h"

namespace newsd::config {

namespace {

bool looks_like_xml(const std::string& text, const std::string& path) {
  auto ext = std::filesystem::path(path).extension().string();
  if (ext == ".opml" || ext == ".xml") return true;
  size_t i = text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
  while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
  return i < text.size() && text[i] == '<';
}

std::vector<feed> from_opml(const std::string& text, const std::string& path, std::vector<std::string>& errors) {
  std::vector<feed> out;
  auto list = feeds::parse_opml(text);
  if (!list) {
    errors.push_back(path + ":1: not a usable OPML file: " + list.err().message);
    return out;
  }
  for (auto& o : *list) {
    if (auto why = check_feed_url(o.url); !why.empty()) {
      errors.push_back(path + ":1: outline xmlUrl \"" + o.url + "\" " + why);
      continue;
    }
    feed f;
    f.id = o.id.empty() ? o.url : o.id;
    f.url = o.url;
    f.name = o.name;
    f.language = o.language;
    f.line = 1;  // the OPML parser does not keep lines
    out.push_back(std::move(f));
  }
  return out;
}

std::vector<feed> from_toml(const std::string& text, const std::string& path, std::vector<std::string>& errors) {
  // Only [[feeds]] belong here: other sections would be silently ignored otherwise.
  try {
    auto root = toml::parse(text, path);
    for (auto&& [k, v] : root) {
      if (k.str() != "feeds") {
        errors.push_back(path + ":" + std::to_string(v.source().begin.line) + ": unknown key \"" +
                         std::string(k.str()) + "\" in a feeds file (only [[feeds]] may appear)");
      }
    }
  } catch (const toml::parse_error& e) {
    errors.push_back(path + ":" + std::to_string(e.source().begin.line) + ": " + std::string(e.description()));
    return {};
  }
  auto sub = load_string(text, path);  // the same [[feeds]] rules and messages as the config
  errors.insert(errors.end(), sub.errors.begin(), sub.errors.end());
  return std::move(sub.cfg.feeds);
}

}  // namespace

void merge_feeds_file(config& c, std::string_view config_name, std::vector<std::string>& errors) {
  std::filesystem::path p(c.fetch.feeds_file);
  if (p.is_relative() && !config_name.empty() && config_name.front() != '<') {
    p = std::filesystem::path(config_name).parent_path() / p;
  }
  std::string path = p.string();
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    errors.push_back(std::string(config_name) + ":1: fetch.feeds_file: cannot open \"" + path + "\"");
    return;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  auto list = looks_like_xml(text, path) ? from_opml(text, path, errors) : from_toml(text, path, errors);
  std::set<std::string> ids;
  for (auto& f : c.feeds) ids.insert(f.id);
  for (auto& f : list) {
    if (!check_feed_url(f.url).empty()) continue;  // reported by from_toml / from_opml
    if (!ids.insert(f.id).second) {
      errors.push_back(path + ":" + std::to_string(f.line) + ": duplicate feed id \"" + f.id +
                       "\" (already in the config or earlier in this file)");
      continue;
    }
    c.feeds.push_back(std::move(f));
  }
}

}  // namespace newsd::config
