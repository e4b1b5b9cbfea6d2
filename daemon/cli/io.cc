#include <fstream>
#include <iostream>
#include <sstream>

#include "daemon/cli/commands.h"

namespace newsd::cli {

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
