#pragma once
// The per-article stages, shared by `newsd run` and `newsd process` so both
// produce identical records: prepare (extract, language, canonical URL, id)
// -> dedup (single writer) -> enrich (entities).
#include <atomic>
#include <memory>

#include "daemon/config/config.h"
#include "daemon/dedup/dedup.h"
#include "daemon/entities/tagger.h"
#include "daemon/model/article.h"

namespace newsd::pipeline {

class processor {
 public:
  processor(const config::config& cfg, std::shared_ptr<const entities::tagger> tagger,
            dedup::index* index);

  // Thread-safe, stateless per item. Returns an error when the item can never
  // be processed (a dead letter).
  status prepare(model::article& a) const;
  // Single-threaded: the dedup window has one writer.
  model::dedup_verdict dedup(const model::article& a);
  // Thread-safe.
  std::vector<model::entity> enrich(const model::article& a) const;

  // All three in order.
  result<model::record> process(model::article a);

  // SIGHUP: a new model/gazetteer, swapped atomically under running workers.
  void set_tagger(std::shared_ptr<const entities::tagger> t) { tagger_.store(std::move(t)); }

 private:
  const config::config& cfg_;
  std::atomic<std::shared_ptr<const entities::tagger>> tagger_;
  dedup::index* index_;
};

}  // namespace newsd::pipeline
