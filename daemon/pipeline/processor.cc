#include "daemon/pipeline/processor.h"

#include <algorithm>

#include "common/log.h"
#include "common/utf8.h"
#include "connectors/extract/extract.h"

namespace newsd::pipeline {

std::string_view code_point_prefix(std::string_view text, size_t max_cp) {
  if (text.size() <= max_cp) return text;  // a code point is at least one byte
  size_t i = 0;
  for (size_t n = 0; n < max_cp && i < text.size(); ++n) {
    i += std::max<size_t>(1, utf8_sequence_length(text, i));
  }
  return text.substr(0, std::min(i, text.size()));
}

processor::processor(const config::config& cfg, std::shared_ptr<const entities::tagger> tagger,
                     dedup::index* index)
    : cfg_(cfg),
      tagger_(std::move(tagger)),
      index_(index),
      max_tag_cp_(static_cast<size_t>(cfg.entities.max_tag_chars)) {}

status processor::prepare(model::article& a) const {
  const std::string& hint = a.language.empty() ? a.language_hint : a.language;
  if (!a.html.empty() && cfg_.extract.enabled) {
    extract::options opts;
    opts.url = a.url;
    opts.language_hint = hint;
    auto page = extract::extract(a.html, opts);
    if (page && !page->text.empty()) {
      a.text = page->text;
      if (!page->title.empty()) a.title = page->title;
      if (a.url.empty()) a.url = page->url;
      if (a.canonical_url.empty()) a.canonical_url = page->canonical_url;
      if (!a.published_at_ms) a.published_at_ms = page->published_ms;
      if (a.language.empty()) a.language = page->language;
      a.authors = page->authors;
      a.site_name = page->site_name;
      a.extraction = "ok";
    } else {
      // Never publish an empty body: keep the feed's text, mark the failure.
      a.extraction = "failed";
      if (a.extraction_error.empty())
        a.extraction_error = page ? "the page has no article text" : page.err().message;
    }
    a.html.clear();
  }
  if (a.text.empty() && a.title.empty()) {
    return make_error(errc::invalid_input, "the article has no text");
  }
  if (a.text.empty() && a.extraction == "failed") {
    // A headline alone is no article: the dead letter says why the body is missing.
    return make_error(
        errc::invalid_input,
        "no article text: the feed item has no summary and the article page failed (" +
            a.extraction_error + ")");
  }
  if (a.language.empty())
    a.language = extract::detect_language(a.title + "\n" + a.text, a.language_hint);
  if (a.canonical_url.empty() && !a.url.empty()) a.canonical_url = dedup::canonicalize_url(a.url);
  model::assign_id(a);
  return ok_status();
}

model::dedup_verdict processor::dedup(const model::article& a) {
  if (index_ == nullptr || !cfg_.dedup.enabled) return {};
  return index_->check_and_insert(a);
}

std::vector<model::entity> processor::enrich(const model::article& a) const {
  auto t = tagger_.load();
  if (!t || !cfg_.entities.enabled) return {};
  std::string_view text = code_point_prefix(a.text, max_tag_code_points());
  if (text.size() < a.text.size() && log::enabled(log::level::debug)) {
    log::debug("process", "long text: entities tagged in its head only",
               "id=" + a.id + " bytes=" + std::to_string(a.text.size()) +
                   " tagged_bytes=" + std::to_string(text.size()));
  }
  return t->tag(text, a.language);
}

result<model::record> processor::process(model::article a) {
  if (auto st = prepare(a); !st) return st.err();
  model::record r;
  r.dedup = dedup(a);
  r.entities = enrich(a);
  r.art = std::move(a);
  return r;
}

}  // namespace newsd::pipeline
