#include "daemon/config/config.h"

#include <toml++/toml.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "daemon/config/embedded_dev_config.h"
#include "daemon/config/feeds_file.h"
#include "daemon/config/table_reader.h"
#include "daemon/config/values.h"

namespace newsd::config {

namespace {

void read_daemon(table_reader& r, daemon_section& d) {
  r.str("log_level", d.log_level);
  r.str("log_format", d.log_format);
  r.integer("workers", d.workers, 0, 256);
  r.integer("queue_capacity", d.queue_capacity, 1, 1 << 20);
  r.duration("shutdown_timeout", d.shutdown_timeout_ms, 100);
}

void read_fetch(table_reader& r, fetch_section& f) {
  r.str("user_agent", f.user_agent);
  r.str("proxy", f.proxy);
  r.duration("connect_timeout", f.connect_timeout_ms, 100);
  r.duration("timeout", f.timeout_ms, 100);
  r.duration("low_speed_time", f.low_speed_time_ms, 1000);
  r.integer("low_speed_bytes", f.low_speed_bytes, 0, 1 << 30);
  r.integer("max_body_bytes", f.max_body_bytes, 1024, int64_t{1} << 32);
  r.integer("max_redirects", f.max_redirects, 0, 50);
  r.integer("max_concurrent", f.max_concurrent, 1, 100000);
  r.integer("per_host_concurrency", f.per_host_concurrency, 1, 1000);
  r.integer("per_host_requests_per_minute", f.per_host_requests_per_minute, 1, 100000);
  r.duration("default_interval", f.default_interval_ms, 1000);
  r.duration("min_interval", f.min_interval_ms, 1000);
  r.duration("max_interval", f.max_interval_ms, 1000);
  r.duration("revalidate_interval", f.revalidate_interval_ms, 60000);
  r.boolean("allow_private_addresses", f.allow_private_addresses);
  r.boolean("http2", f.http2);
  r.str("feeds_file", f.feeds_file);
}

void read_kafka(table_reader& r, kafka_section& k, std::string_view file,
                std::vector<std::string>& errors) {
  r.str("brokers", k.brokers);
  r.str("client_id", k.client_id);
  r.str("compression", k.compression);
  r.integer("partitions", k.partitions, 1, 10000);
  r.integer("replication_factor", k.replication_factor, 1, 100);
  r.boolean("create_topics", k.create_topics);
  r.duration("message_timeout", k.message_timeout_ms, 1000);
  r.duration("flush_timeout", k.flush_timeout_ms, 0);
  r.string_map("properties", k.properties);
  if (auto* t = r.sub_table("topics")) {
    table_reader tr(*t, "kafka.topics", file, errors);
    tr.str("articles", k.topics.articles);
    tr.str("duplicates", k.topics.duplicates);
    tr.str("deadletter", k.topics.deadletter);
    tr.finish();
  }
}

void read_feed(const toml::table& t, int index, std::string_view file,
               std::vector<std::string>& errors, feed& f) {
  table_reader r(t, "feeds[" + std::to_string(index) + "]", file, errors);
  f.line = static_cast<int>(t.source().begin.line);
  r.str("id", f.id);
  r.str("url", f.url);
  r.str("name", f.name);
  r.str("language", f.language);
  r.string_list("labels", f.labels);
  r.duration("interval", f.interval_ms, 1000);
  r.boolean("full_text", f.full_text);
  r.require("url", f.url, f.line);
  r.finish();
  if (f.id.empty()) f.id = f.url;  // a feed is known by its URL unless named
}

void validate(config& c, std::string_view file, std::vector<std::string>& errors,
              const toml::table& root) {
  auto line_of = [&](std::string_view section, std::string_view key) {
    if (auto* n = root.at_path(std::string(section) + "." + std::string(key)).node()) {
      return static_cast<int>(n->source().begin.line);
    }
    return 1;
  };
  auto err = [&](std::string_view section, std::string_view key, const std::string& msg) {
    errors.push_back(std::string(file) + ":" + std::to_string(line_of(section, key)) + ": " + msg);
  };
  static const std::set<std::string> levels{"debug", "info", "warn", "warning", "error"};
  if (!levels.count(c.daemon.log_level)) {
    err("daemon", "log_level",
        "daemon.log_level must be one of debug, info, warn, error; got \"" + c.daemon.log_level +
            "\"");
  }
  if (c.daemon.log_format != "text" && c.daemon.log_format != "json") {
    err("daemon", "log_format",
        "daemon.log_format must be \"text\" or \"json\"; got \"" + c.daemon.log_format + "\"");
  }
  static const std::set<std::string> codecs{"none", "gzip", "snappy", "lz4", "zstd"};
  if (!codecs.count(c.kafka.compression)) {
    err("kafka", "compression",
        "kafka.compression must be one of none, gzip, snappy, lz4, zstd; got \"" +
            c.kafka.compression + "\"");
  }
  if (c.kafka.brokers.empty()) err("kafka", "brokers", "kafka.brokers must not be empty");
  // Settings newsd owns for its delivery guarantees may not be overridden.
  static const std::set<std::string> owned{"enable.idempotence",
                                           "acks",
                                           "request.required.acks",
                                           "bootstrap.servers",
                                           "metadata.broker.list",
                                           "compression.codec",
                                           "compression.type",
                                           "message.timeout.ms",
                                           "client.id",
                                           "dr_msg_cb"};
  for (auto& [k, v] : c.kafka.properties) {
    if (owned.count(k)) {
      // Property names contain dots, so they cannot go through at_path().
      int line = 1;
      if (auto* n = root["kafka"]["properties"][k].node())
        line = static_cast<int>(n->source().begin.line);
      errors.push_back(std::string(file) + ":" + std::to_string(line) + ": kafka.properties.\"" +
                       k + "\" is set by newsd itself (use the [kafka] keys instead)");
    }
  }
  // Bad addresses would otherwise only fail when the daemon binds them.
  if (auto why = check_listen_address(c.metrics.listen); !why.empty())
    err("metrics", "listen", "metrics.listen: " + why);
  if (!c.dev.sample_server.empty()) {
    if (auto why = check_listen_address(c.dev.sample_server); !why.empty())
      err("dev", "sample_server", "dev.sample_server: " + why);
  }
  if (c.fetch.min_interval_ms > c.fetch.max_interval_ms) {
    err("fetch", "min_interval", "fetch.min_interval must not exceed fetch.max_interval");
  }
  if (c.dedup.bucket_hours > c.dedup.window_hours) {
    err("dedup", "bucket_hours", "dedup.bucket_hours must not exceed dedup.window_hours");
  }
  std::set<std::string> ids;
  for (auto& f : c.feeds) {
    if (f.url.empty()) continue;  // already reported as required
    if (auto why = check_feed_url(f.url); !why.empty()) {
      errors.push_back(std::string(file) + ":" + std::to_string(f.line) + ": feeds.url \"" + f.url +
                       "\" " + why);
    }
    if (!ids.insert(f.id).second) {
      errors.push_back(std::string(file) + ":" + std::to_string(f.line) + ": duplicate feed id \"" +
                       f.id + "\"");
    }
  }
}

}  // namespace

void sort_errors(std::vector<std::string>& errors) {
  std::map<std::string, size_t> file_rank;
  auto key = [&](const std::string& e) {
    // "FILE:LINE: message"; FILE may itself hold colons, so take the first ":DIGITS: ".
    for (size_t i = e.find(':'); i != std::string::npos; i = e.find(':', i + 1)) {
      size_t j = i + 1;
      long line = 0;
      while (j < e.size() && e[j] >= '0' && e[j] <= '9') line = line * 10 + (e[j++] - '0');
      if (j > i + 1 && e.compare(j, 2, ": ") == 0) {
        auto [it, _] = file_rank.emplace(e.substr(0, i), file_rank.size());
        return std::pair<size_t, long>(it->second, line);
      }
    }
    return std::pair<size_t, long>(SIZE_MAX, 0);
  };
  std::vector<std::pair<std::pair<size_t, long>, std::string>> keyed;
  for (auto& e : errors) keyed.emplace_back(key(e), std::move(e));
  std::stable_sort(keyed.begin(), keyed.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (size_t i = 0; i < keyed.size(); ++i) errors[i] = std::move(keyed[i].second);
}

bool parse_duration_ms(std::string_view s, int64_t& out) {
  if (s.empty()) return false;
  size_t i = 0;
  int64_t n = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
    n = n * 10 + (s[i] - '0');
    if (n > (int64_t{1} << 40)) return false;
    ++i;
  }
  if (i == 0) return false;
  std::string_view unit = s.substr(i);
  if (unit == "ms")
    out = n;
  else if (unit == "s" || unit.empty())
    out = n * 1000;
  else if (unit == "m")
    out = n * 60 * 1000;
  else if (unit == "h")
    out = n * 3600 * 1000;
  else if (unit == "d")
    out = n * 86400 * 1000;
  else
    return false;
  return true;
}

load_result load_string(std::string_view toml_text, std::string_view name) {
  load_result res;
  res.cfg.path = std::string(name);
  toml::table root;
  try {
    root = toml::parse(toml_text, name);
  } catch (const toml::parse_error& e) {
    res.errors.push_back(std::string(name) + ":" + std::to_string(e.source().begin.line) + ": " +
                         std::string(e.description()));
    return res;
  }
  auto& errors = res.errors;
  auto& c = res.cfg;
  table_reader top(root, "", name, errors);
  if (auto* t = top.sub_table("daemon")) {
    table_reader r(*t, "daemon", name, errors);
    read_daemon(r, c.daemon);
    r.finish();
  }
  if (auto* t = top.sub_table("fetch")) {
    table_reader r(*t, "fetch", name, errors);
    read_fetch(r, c.fetch);
    r.finish();
  }
  if (auto* t = top.sub_table("kafka")) {
    table_reader r(*t, "kafka", name, errors);
    read_kafka(r, c.kafka, name, errors);
    r.finish();
  }
  if (auto* t = top.sub_table("metrics")) {
    table_reader r(*t, "metrics", name, errors);
    r.boolean("enabled", c.metrics.enabled);
    r.str("listen", c.metrics.listen);
    r.finish();
  }
  if (auto* t = top.sub_table("state")) {
    table_reader r(*t, "state", name, errors);
    r.str("dir", c.state.dir);
    r.integer("outbox_max_items", c.state.outbox_max_items, 10, int64_t{1} << 32);
    r.finish();
  }
  if (auto* t = top.sub_table("dedup")) {
    table_reader r(*t, "dedup", name, errors);
    r.boolean("enabled", c.dedup.enabled);
    r.integer("window_hours", c.dedup.window_hours, 1, int64_t{24} * 365);
    r.integer("bucket_hours", c.dedup.bucket_hours, 1, int64_t{24} * 365);
    r.number("threshold", c.dedup.threshold, 0.05, 1.0);
    r.number("containment", c.dedup.containment, 0.05, 1.0);
    r.finish();
  }
  if (auto* t = top.sub_table("entities")) {
    table_reader r(*t, "entities", name, errors);
    r.boolean("enabled", c.entities.enabled);
    r.str("models_dir", c.entities.models_dir);
    auto* md = t->get("models_dir");
    c.entities.line = static_cast<int>((md != nullptr ? md : t)->source().begin.line);
    r.boolean("second_pass", c.entities.second_pass);
    r.integer("word_cache_mb", c.entities.word_cache_mb, 0, 4096);
    r.integer("max_tag_chars", c.entities.max_tag_chars, 1000, int64_t{1} << 30);
    r.finish();
  }
  if (auto* t = top.sub_table("extract")) {
    table_reader r(*t, "extract", name, errors);
    r.boolean("enabled", c.extract.enabled);
    r.integer("min_summary_chars", c.extract.min_summary_chars, 0, 1 << 20);
    r.finish();
  }
  if (auto* t = top.sub_table("dev")) {
    table_reader r(*t, "dev", name, errors);
    r.str("sample_server", c.dev.sample_server);
    r.finish();
  }
  if (auto* n = root.get("feeds")) {
    top.mark("feeds");
    auto* arr = n->as_array();
    if (!arr || !arr->is_array_of_tables()) {
      top.error(*n, "feeds must be an array of tables ([[feeds]])");
    } else {
      int i = 0;
      for (auto& el : *arr) {
        feed f;
        read_feed(*el.as_table(), i++, name, errors, f);
        c.feeds.push_back(std::move(f));
      }
    }
  }
  top.finish();
  if (!c.fetch.feeds_file.empty()) merge_feeds_file(c, name, errors);
  validate(c, name, errors, root);
  sort_errors(errors);
  return res;
}

load_result load_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    load_result res;
    res.cfg.path = path;
    res.cannot_open = true;
    res.errors.push_back("cannot open config " + path + ": " + std::strerror(errno));
    return res;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  return load_string(ss.str(), path);
}

std::string_view embedded_dev_config() { return kEmbeddedDevConfig; }

}  // namespace newsd::config
