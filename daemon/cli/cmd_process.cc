#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>

#include "common/log.h"
#include "daemon/cli/commands.h"
#include "daemon/config/config.h"
#include "daemon/dedup/dedup.h"
#include "daemon/entities/tagger.h"
#include "daemon/model/article.h"
#include "daemon/pipeline/entities_options.h"
#include "daemon/pipeline/offline_publish.h"
#include "daemon/pipeline/processor.h"

namespace newsd::cli {

void add_process(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand(
      "process",
      "Offline pipeline: JSON Lines articles in, one record per line out, in input order");
  static std::string config_file, input, output;
  cmd->add_option("--config", config_file, "Config file (defaults apply without one)");
  cmd->add_option("--input", input, "Input JSON Lines file, or - for stdin")->required();
  cmd->add_option("--output", output, "Output JSON Lines file, or - for stdout")->required();
  static bool publish_records = false;
  cmd->add_flag(
      "--publish", publish_records,
      "Also publish the records to Kafka ([kafka] of --config), through the outbox in [state] dir");
  cmd->callback([&exit_code] {
    config::config cfg;
    if (!load_config(config_file, cfg)) {
      exit_code = kExitConfig;
      return;
    }
    std::ifstream in_file;
    std::istream* in = &std::cin;
    if (input != "-") {
      std::error_code ec;
      if (std::filesystem::is_directory(input, ec)) {
        std::fprintf(stderr, "newsd process: cannot read input %s: it is a directory\n",
                     input.c_str());
        exit_code = kExitNoInput;
        return;
      }
      in_file.open(input, std::ios::binary);
      if (!in_file) {
        std::fprintf(stderr, "newsd process: cannot open input %s: %s\n", input.c_str(),
                     std::strerror(errno));
        exit_code = kExitNoInput;
        return;
      }
      in = &in_file;
    }
    FILE* out = stdout;
    if (output != "-") {
      out = std::fopen(output.c_str(), "wb");
      if (out == nullptr) {
        std::fprintf(stderr, "newsd process: cannot open output %s: %s\n", output.c_str(),
                     std::strerror(errno));
        exit_code = 73;  // EX_CANTCREAT
        return;
      }
    }
    std::shared_ptr<const entities::tagger> tagger;
    if (cfg.entities.enabled) {
      auto t = entities::tagger::load(cfg.entities.models_dir, entities_options(cfg.entities));
      if (!t) {
        std::fprintf(stderr, "newsd process: %s\n", t.err().message.c_str());
        exit_code = 1;
        return;
      }
      tagger = *t;
    }
    std::unique_ptr<pipeline::offline_publisher> pub;
    if (publish_records) {
      pub = std::make_unique<pipeline::offline_publisher>(cfg);
      if (auto st = pub->start(); !st) {
        std::fprintf(stderr, "newsd process: cannot publish: %s\n", st.err().message.c_str());
        exit_code = 1;
        return;
      }
    }
    dedup::index index(cfg.dedup);
    // The daemon's second verification tier, so that process gives its verdicts.
    if (auto st = index.attach_archive(""); !st)
      std::fprintf(stderr, "newsd process: %s\n", st.err().message.c_str());
    pipeline::processor proc(cfg, tagger, &index);
    const bool progress = isatty(STDERR_FILENO) != 0;
    std::string line;
    uint64_t n = 0, errors = 0;
    bool write_failed = false;
    while (std::getline(*in, line)) {
      ++n;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      std::string json;
      auto art = model::parse_input_article(line);
      if (!art) {
        json = model::input_error_json(art.err().message, n);
        ++errors;
      } else {
        auto rec = proc.process(std::move(*art));
        if (!rec) {
          json = model::input_error_json(rec.err().message, n);
          ++errors;
        } else {
          json = model::to_json(*rec);
          if (pub) pub->submit(*rec, json);
        }
      }
      json.push_back('\n');
      if (!write_output(out, json, "process", output)) {
        write_failed = true;
        break;  // records already written stay; the rest would be lost silently
      }
      if (progress && n % 1000 == 0)
        std::fprintf(stderr, "\rnewsd process: %llu articles", static_cast<unsigned long long>(n));
    }
    if (progress)
      std::fprintf(stderr, "\rnewsd process: %llu articles, %llu errors\n",
                   static_cast<unsigned long long>(n), static_cast<unsigned long long>(errors));
    if (!finish_output(out, "process", output) && !write_failed) write_failed = true;
    exit_code = write_failed ? kExitIoErr : 0;
    if (pub && !pub->finish()) {
      std::fprintf(stderr,
                   "newsd process: some records were not delivered; they stay in the outbox\n");
      exit_code = 1;
    }
  });
}

}  // namespace newsd::cli
