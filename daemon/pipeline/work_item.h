#pragma once
#include <cstdint>
#include <string>

#include "daemon/model/article.h"

namespace newsd::pipeline {

// One item on its way from a feed to Kafka.
struct work_item {
  model::article art;
  std::string feed_id;
  std::string item_key;     // the feed's stable key for the entry (seen-mark)
  int64_t enqueued_ms = 0;  // when it was parsed, for the delivery latency histogram
};

// A processed item ready to publish.
struct outgoing {
  work_item item;
  std::string topic;
  std::string key;
  std::string value;
  std::string source;  // the newsd-source header; empty: item.feed_id
  std::string
      packed;  // value compressed for the outbox (state::outbox::pack), off the publisher thread
  int attempts = 0;
  int64_t not_before_ms = 0;  // retry backoff
};

}  // namespace newsd::pipeline
