#include "daemon/ops/metrics.h"

#include <prometheus/text_serializer.h>

#include <sstream>

#include "build_info.h"

namespace newsd::ops {

namespace {
using prometheus::BuildCounter;
using prometheus::BuildGauge;
using prometheus::BuildHistogram;

prometheus::Histogram::BucketBoundaries latency_buckets() {
  return {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};
}
}  // namespace

metrics::metrics()
    : registry_(std::make_shared<prometheus::Registry>()),
      fetch_duration(BuildHistogram()
                         .Name("newsd_feed_fetch_duration_seconds")
                         .Help("Time from request start to the last byte of a feed fetch")
                         .Register(*registry_)
                         .Add({}, latency_buckets())),
      items_new(BuildCounter()
                    .Name("newsd_feed_items_total")
                    .Help("Feed entries seen by the parser, by whether they were new")
                    .Register(*registry_)
                    .Add({{"status", "new"}})),
      items_seen(prometheus::BuildCounter()
                     .Name("newsd_feed_items_total")
                     .Help("Feed entries seen by the parser, by whether they were new")
                     .Register(*registry_)
                     .Add({{"status", "seen"}})),
      http_bytes(BuildCounter()
                     .Name("newsd_http_bytes_total")
                     .Help("Response body bytes received, after decompression")
                     .Register(*registry_)
                     .Add({})),
      feeds_active(BuildGauge()
                       .Name("newsd_feeds")
                       .Help("Configured feeds by state")
                       .Register(*registry_)
                       .Add({{"state", "active"}})),
      feeds_failing(BuildGauge()
                        .Name("newsd_feeds")
                        .Help("Configured feeds by state")
                        .Register(*registry_)
                        .Add({{"state", "failing"}})),
      entities_tagged(BuildCounter()
                          .Name("newsd_entities_total")
                          .Help("Entities attached to records")
                          .Register(*registry_)
                          .Add({})),
      dedup_index_articles(BuildGauge()
                               .Name("newsd_dedup_index_articles")
                               .Help("Articles in the near-duplicate window")
                               .Register(*registry_)
                               .Add({})),
      dedup_index_bytes(BuildGauge()
                            .Name("newsd_dedup_index_bytes")
                            .Help("Memory held by the near-duplicate window")
                            .Register(*registry_)
                            .Add({})),
      dedup_buckets(BuildGauge()
                        .Name("newsd_dedup_buckets")
                        .Help("Time buckets in the near-duplicate window")
                        .Register(*registry_)
                        .Add({})),
      dedup_candidates(BuildCounter()
                           .Name("newsd_dedup_candidates_total")
                           .Help("LSH candidates examined")
                           .Register(*registry_)
                           .Add({})),
      dedup_verifications(BuildCounter()
                              .Name("newsd_dedup_verifications_total")
                              .Help("Candidates verified on Jaccard and containment")
                              .Register(*registry_)
                              .Add({})),
      dedup_aligned_checks(
          BuildCounter()
              .Name("newsd_dedup_aligned_checks_total")
              .Help("Borderline candidates read back from the archive (second tier)")
              .Register(*registry_)
              .Add({})),
      dedup_second_tier(BuildGauge()
                            .Name("newsd_dedup_second_tier")
                            .Help("1 when the archive of the second verification tier is attached")
                            .Register(*registry_)
                            .Add({})),
      dedup_archive_bytes(BuildGauge()
                              .Name("newsd_dedup_archive_bytes")
                              .Help("Bytes of the second tier's archive (on disk beside the state)")
                              .Register(*registry_)
                              .Add({})),
      dedup_unarchived(
          BuildGauge()
              .Name("newsd_dedup_unarchived_articles")
              .Help("Window articles long enough for the archive that have no record in it")
              .Register(*registry_)
              .Add({})),
      dedup_archive_write_failures(BuildCounter()
                                       .Name("newsd_dedup_archive_write_failures_total")
                                       .Help("Failed archive writes, truncations and syncs")
                                       .Register(*registry_)
                                       .Add({})),
      delivery_retries(BuildCounter()
                           .Name("newsd_delivery_retries_total")
                           .Help("Records sent to Kafka again after a failed delivery")
                           .Register(*registry_)
                           .Add({})),
      delivery_latency(BuildHistogram()
                           .Name("newsd_delivery_latency_seconds")
                           .Help("Time from enqueue for publishing to the Kafka delivery report")
                           .Register(*registry_)
                           .Add({}, latency_buckets())),
      outbox_depth(BuildGauge()
                       .Name("newsd_outbox_depth")
                       .Help("Records accepted but not yet acknowledged by Kafka")
                       .Register(*registry_)
                       .Add({})),
      fetches_(BuildCounter()
                   .Name("newsd_feed_fetches_total")
                   .Help("Feed fetches by result")
                   .Register(*registry_)),
      queue_depth_(BuildGauge()
                       .Name("newsd_queue_depth")
                       .Help("Items waiting in a bounded queue between pipeline stages")
                       .Register(*registry_)),
      dedup_(BuildCounter()
                 .Name("newsd_dedup_articles_total")
                 .Help("Articles by dedup verdict")
                 .Register(*registry_)),
      deadletters_(BuildCounter()
                       .Name("newsd_deadletters_total")
                       .Help("Items sent to the dead-letter topic, by stage")
                       .Register(*registry_)),
      published_(BuildCounter()
                     .Name("newsd_records_published_total")
                     .Help("Records acknowledged by Kafka, by topic")
                     .Register(*registry_)),
      delivery_errors_(BuildCounter()
                           .Name("newsd_delivery_errors_total")
                           .Help("Failed Kafka deliveries by error class")
                           .Register(*registry_)) {
  BuildGauge()
      .Name("newsd_build_info")
      .Help("Build information; the value is always 1")
      .Register(*registry_)
      .Add({{"version", NEWSD_VERSION}, {"build_type", NEWSD_BUILD_TYPE}})
      .Set(1);
  // Export every bounded label value from the start, so that rates and
  // alerts work before the first event of a kind (absent series read as no data).
  for (const char* r : {"ok", "not_modified", "unchanged", "parse", "dns", "connect", "tls",
                        "timeout", "too_large", "http_4xx", "http_5xx", "redirect", "other"}) {
    fetches_.Add({{"result", r}});
  }
  for (const char* c : {"retriable", "timeout", "transport", "permanent"})
    delivery_errors_.Add({{"class", c}});
  for (const char* st : {"unique", "exact_duplicate", "near_duplicate"})
    dedup_.Add({{"status", st}});
  for (const char* st : {"fetch", "parse", "process", "publish"}) deadletters_.Add({{"stage", st}});
  for (const char* q : {"parsed", "publish"}) queue_depth_.Add({{"queue", q}});
}

std::string metrics::scrape() const {
  prometheus::TextSerializer s;
  std::ostringstream os;
  s.Serialize(os, registry_->Collect());
  return os.str();
}

prometheus::Counter& metrics::fetch(const std::string& result) {
  return fetches_.Add({{"result", result}});
}
prometheus::Gauge& metrics::queue_depth(const std::string& queue) {
  return queue_depth_.Add({{"queue", queue}});
}
prometheus::Counter& metrics::dedup(const std::string& status) {
  return dedup_.Add({{"status", status}});
}
prometheus::Counter& metrics::deadletter(const std::string& stage) {
  return deadletters_.Add({{"stage", stage}});
}
prometheus::Counter& metrics::published(const std::string& topic) {
  return published_.Add({{"topic", topic}});
}
prometheus::Counter& metrics::delivery_error(const std::string& c) {
  return delivery_errors_.Add({{"class", c}});
}

}  // namespace newsd::ops
