#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "daemon/cli/commands.h"

namespace newsd::cli {

void print_cannot_open_config(const config::load_result& res, const char* hint) {
  std::fprintf(stderr, "newsd: %s%s%s\n", res.errors.empty() ? "" : res.errors[0].c_str(),
               *hint != 0 ? " " : "", hint);
}

bool load_config(const std::string& path, config::config& cfg) {
  if (path.empty()) return true;
  auto res = config::load_file(path);
  if (res.cannot_open) {
    print_cannot_open_config(res, "(check --config FILE)");
    return false;
  }
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
    // An ifstream opens a directory and then reads nothing: refuse it by name.
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
      error = "cannot read " + path + ": it is a directory";
      return false;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      error = "cannot open " + path + ": " + std::strerror(errno);
      return false;
    }
    ss << in.rdbuf();
  }
  out = ss.str();
  return true;
}

namespace {
std::string output_name(std::FILE* out, const std::string& name) {
  return out == stdout ? "standard output" : name;
}
}  // namespace

bool write_output(std::FILE* out, std::string_view data, const char* cmd, const std::string& name) {
  if (std::fwrite(data.data(), 1, data.size(), out) == data.size()) return true;
  std::fprintf(stderr, "newsd %s: cannot write %s: %s\n", cmd, output_name(out, name).c_str(),
               std::strerror(errno));
  return false;
}

bool finish_output(std::FILE* out, const char* cmd, const std::string& name) {
  std::string shown = output_name(out, name);
  errno = 0;
  bool ok = std::fflush(out) == 0 && std::ferror(out) == 0;
  int err = errno;
  if (out != stdout && std::fclose(out) != 0 && ok) {
    ok = false;
    err = errno;
  }
  if (!ok)
    std::fprintf(stderr, "newsd %s: cannot write %s: %s\n", cmd, shown.c_str(),
                 err != 0 ? std::strerror(err) : "write error");
  return ok;
}

bool write_stdout(std::string_view data, const char* cmd) {
  return write_output(stdout, data, cmd, "") && finish_output(stdout, cmd, "");
}

}  // namespace newsd::cli
