#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <thread>

#include "daemon/cli/commands.h"
#include "daemon/config/config.h"
#include "daemon/ops/signals.h"
#include "daemon/publish/dev_broker.h"

namespace newsd::cli {

void add_dev_broker(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand(
      "dev-broker",
      "Run a local Kafka-protocol development cluster (librdkafka mock; nothing on disk)");
  static int brokers = 1;
  static int partitions = 6;
  static std::string port_file;
  cmd->add_option("--brokers", brokers, "Number of brokers")->check(CLI::Range(1, 16));
  cmd->add_option("--partitions", partitions, "Partitions of the news.* topics it creates")
      ->check(CLI::Range(1, 1000));
  cmd->add_option("--port-file", port_file, "Also write the bootstrap servers into this file");
  cmd->callback([&exit_code] {
    auto& flags = ops::install_signal_handlers();
    auto b = publish::dev_broker::start(brokers);
    if (!b) {
      std::fprintf(stderr, "newsd dev-broker: %s\n", b.err().message.c_str());
      exit_code = 1;
      return;
    }
    config::kafka_topics topics;
    for (const auto& t : {topics.articles, topics.duplicates, topics.deadletter}) {
      if (auto st = (*b)->create_topic(t, partitions); !st) {
        std::fprintf(stderr, "newsd dev-broker: %s\n", st.err().message.c_str());
      }
    }
    std::printf("%s\n", (*b)->bootstrap().c_str());
    std::fflush(stdout);
    if (!port_file.empty()) {
      // A script waiting for the file must not hang on a typo in its path.
      std::string tmp = port_file + ".tmp";
      std::ofstream f(tmp);
      f << (*b)->bootstrap() << "\n";
      f.close();
      int err = errno;
      if (!f || std::rename(tmp.c_str(), port_file.c_str()) != 0) {  // never a partial file
        if (f) err = errno;
        std::fprintf(stderr, "newsd dev-broker: cannot write --port-file %s: %s\n",
                     port_file.c_str(), std::strerror(err));
        std::remove(tmp.c_str());
        exit_code = 73;  // EX_CANTCREAT
        return;
      }
    }
    while (flags.stop.load() == 0) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    exit_code = 0;
  });
}

}  // namespace newsd::cli
