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

// Entities are looked for in the first this many code points of a text only:
// tagging time and output grow with the text (a 5 MB page of names took
// minutes and 16 MB of entities), and one article must not stall the stage.
// Offsets stay valid: the tagged text is a prefix. Config: [entities] max_tag_chars.
// The config's default (processor_test checks they agree; clang cannot evaluate a
// static_assert over a struct with std::string members).
inline constexpr size_t kDefaultMaxTagCodePoints = 100000;

// The longest prefix of text holding at most max_cp code points (whole UTF-8 sequences).
std::string_view code_point_prefix(std::string_view text, size_t max_cp);

class processor {
 public:
  processor(const config::config& cfg, std::shared_ptr<const entities::tagger> tagger,
            dedup::index* index);

  // Thread-safe, stateless per item. Returns an error when the item can never
  // be processed (a dead letter).
  status prepare(model::article& a) const;
  // Single-threaded: the dedup window has one writer.
  model::dedup_verdict dedup(const model::article& a);
  // Thread-safe. Tags the first max_tag_code_points() of the text.
  std::vector<model::entity> enrich(const model::article& a) const;
  // SIGHUP may change it under running workers.
  void set_max_tag_code_points(size_t n) { max_tag_cp_.store(n, std::memory_order_relaxed); }
  size_t max_tag_code_points() const { return max_tag_cp_.load(std::memory_order_relaxed); }

  // All three in order.
  result<model::record> process(model::article a);

  // SIGHUP: a new model/gazetteer, swapped atomically under running workers.
  void set_tagger(std::shared_ptr<const entities::tagger> t) { tagger_.store(std::move(t)); }

 private:
  const config::config& cfg_;
  std::atomic<std::shared_ptr<const entities::tagger>> tagger_;
  dedup::index* index_;
  std::atomic<size_t> max_tag_cp_{kDefaultMaxTagCodePoints};
};

}  // namespace newsd::pipeline
