#pragma once
// Every metric newsd exposes, in one registry. Names follow Prometheus
// conventions (newsd_ prefix, _total counters, base units) and labels take
// bounded values only (never a URL or feed id).
#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include <memory>
#include <string>

namespace newsd::ops {

class metrics {
  // Declared first: every member below is registered in it.
  std::shared_ptr<prometheus::Registry> registry_;

 public:
  metrics();
  std::shared_ptr<prometheus::Registry> registry() const { return registry_; }
  // The text exposition format of everything registered.
  std::string scrape() const;

  // feeds and HTTP
  prometheus::Counter& fetch(
      const std::string& result);  // ok | not_modified | unchanged | http_4xx | http_5xx | network
                                   // | timeout | too_large | parse
  prometheus::Histogram& fetch_duration;
  prometheus::Counter& items_new;
  prometheus::Counter& items_seen;
  prometheus::Counter& http_bytes;
  prometheus::Gauge& feeds_active;
  prometheus::Gauge& feeds_failing;

  // pipeline
  prometheus::Gauge& queue_depth(const std::string& queue);
  prometheus::Counter& dedup(const std::string& status);
  prometheus::Counter& deadletter(const std::string& stage);
  prometheus::Counter& entities_tagged;
  prometheus::Gauge& dedup_index_articles;
  prometheus::Gauge& dedup_index_bytes;
  prometheus::Gauge& dedup_buckets;
  prometheus::Counter& dedup_candidates;
  prometheus::Counter& dedup_verifications;
  prometheus::Counter& dedup_aligned_checks;
  prometheus::Gauge& dedup_second_tier;
  prometheus::Gauge& dedup_archive_bytes;
  prometheus::Gauge& dedup_unarchived;
  prometheus::Counter& dedup_archive_write_failures;

  // delivery
  prometheus::Counter& published(const std::string& topic);
  prometheus::Counter& delivery_error(const std::string& error_class);
  prometheus::Counter& delivery_retries;
  prometheus::Histogram& delivery_latency;
  prometheus::Gauge& outbox_depth;

 private:
  prometheus::Family<prometheus::Counter>& fetches_;
  prometheus::Family<prometheus::Gauge>& queue_depth_;
  prometheus::Family<prometheus::Counter>& dedup_;
  prometheus::Family<prometheus::Counter>& deadletters_;
  prometheus::Family<prometheus::Counter>& published_;
  prometheus::Family<prometheus::Counter>& delivery_errors_;
};

}  // namespace newsd::ops
