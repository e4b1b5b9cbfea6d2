#include <functional>

#include "daemon/config/config.h"

namespace newsd::config {

namespace {

// One entry per restart-only setting: a silent no-op on SIGHUP would leave an operator
// believing a new broker list or state dir is live.
struct setting {
  const char* name;
  std::function<bool(const config&, const config&)> same;
};

#define NEWSD_SETTING(section, key)                                                     \
  setting {                                                                             \
    "[" #section "] " #key,                                                             \
        [](const config& a, const config& b) { return a.section.key == b.section.key; } \
  }

const std::vector<setting>& restart_only_settings() {
  static const std::vector<setting> all = {
      NEWSD_SETTING(daemon, workers),
      NEWSD_SETTING(daemon, queue_capacity),
      NEWSD_SETTING(daemon, shutdown_timeout_ms),
      NEWSD_SETTING(fetch, user_agent),
      NEWSD_SETTING(fetch, proxy),
      NEWSD_SETTING(fetch, connect_timeout_ms),
      NEWSD_SETTING(fetch, timeout_ms),
      NEWSD_SETTING(fetch, low_speed_time_ms),
      NEWSD_SETTING(fetch, low_speed_bytes),
      NEWSD_SETTING(fetch, max_body_bytes),
      NEWSD_SETTING(fetch, max_redirects),
      NEWSD_SETTING(fetch, max_concurrent),
      NEWSD_SETTING(fetch, per_host_concurrency),
      NEWSD_SETTING(fetch, per_host_requests_per_minute),
      NEWSD_SETTING(fetch, default_interval_ms),
      NEWSD_SETTING(fetch, min_interval_ms),
      NEWSD_SETTING(fetch, max_interval_ms),
      NEWSD_SETTING(fetch, revalidate_interval_ms),
      NEWSD_SETTING(fetch, allow_private_addresses),
      NEWSD_SETTING(fetch, http2),
      NEWSD_SETTING(kafka, brokers),
      NEWSD_SETTING(kafka, client_id),
      NEWSD_SETTING(kafka, compression),
      NEWSD_SETTING(kafka, topics),
      NEWSD_SETTING(kafka, partitions),
      NEWSD_SETTING(kafka, replication_factor),
      NEWSD_SETTING(kafka, create_topics),
      NEWSD_SETTING(kafka, message_timeout_ms),
      NEWSD_SETTING(kafka, flush_timeout_ms),
      NEWSD_SETTING(kafka, properties),
      NEWSD_SETTING(metrics, enabled),
      NEWSD_SETTING(metrics, listen),
      NEWSD_SETTING(state, dir),
      NEWSD_SETTING(state, outbox_max_items),
      NEWSD_SETTING(dedup, enabled),
      NEWSD_SETTING(dedup, window_hours),
      NEWSD_SETTING(dedup, bucket_hours),
      NEWSD_SETTING(dedup, threshold),
      NEWSD_SETTING(dedup, containment),
      NEWSD_SETTING(entities, enabled),
      NEWSD_SETTING(extract, enabled),
      NEWSD_SETTING(extract, min_summary_chars),
      NEWSD_SETTING(dev, sample_server),
  };
  return all;
}

#undef NEWSD_SETTING

// The settings SIGHUP applies, blanked so that whole sections compare equal when only
// those differ.
config without_reloadable(config c) {
  c.path.clear();
  c.feeds.clear();
  c.fetch.feeds_file.clear();
  c.daemon.log_level.clear();
  c.daemon.log_format.clear();
  c.entities.models_dir.clear();
  c.entities.second_pass = false;
  c.entities.word_cache_mb = 0;
  c.entities.max_tag_chars = 0;
  c.entities.line = 0;
  return c;
}

}  // namespace

std::vector<std::string> restart_only_changes(const config& running, const config& loaded) {
  std::vector<std::string> out;
  for (const auto& s : restart_only_settings()) {
    if (!s.same(running, loaded)) out.emplace_back(s.name);
  }
  // Whole sections too, so that a key added later without an entry above is still
  // reported (by its section) rather than silently ignored.
  config a = without_reloadable(running), b = without_reloadable(loaded);
  auto section = [&](const char* name, bool same) {
    std::string prefix = std::string("[") + name + "] ";
    bool named = false;
    for (const auto& k : out) named = named || k.rfind(prefix, 0) == 0;
    if (!same && !named) out.push_back("[" + std::string(name) + "]");
  };
  section("daemon", a.daemon == b.daemon);
  section("fetch", a.fetch == b.fetch);
  section("kafka", a.kafka == b.kafka);
  section("metrics", a.metrics == b.metrics);
  section("state", a.state == b.state);
  section("dedup", a.dedup == b.dedup);
  section("entities", a.entities == b.entities);
  section("extract", a.extract == b.extract);
  section("dev", a.dev == b.dev);
  return out;
}

}  // namespace newsd::config
