#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include "daemon/cli/commands.h"

namespace newsd::cli {

bool load_config(const std::string& path, config::config& cfg) {
  if (path.empty()) return true;
  auto res = config::load_file(path);
  for (const auto& e : res.errors) std::fprintf(stderr, "%s\n", e.c_str());
  if (!res.ok()) return false;
  cfg = std::move(res.cfg);
  return true;
}

bool read_input(const std::string& path, std::string& out, std::string& error) {
  std::stringstream ss;
  if (path == "-") {
    ss << std::cin.rdbuf();
  } else {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      error = "cannot open " + path;
      return false;
    }
    ss << in.rdbuf();
  }
  out = ss.str();
  return true;
}

}  // namespace newsd::cli
