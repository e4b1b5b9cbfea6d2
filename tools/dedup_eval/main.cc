// dedup_eval: runs the dedup index over a JSON Lines corpus and scores it on
// labelled pairs, with the decision parameters on the command line, e.g.
//   dedup_eval --input ant-dev.jsonl --labels ant-dev-labels.jsonl --containment 0.7
// or scores a `newsd process` output: dedup_eval --records out.jsonl --labels ...
#include <simdjson.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>

#include "daemon/dedup/dedup.h"
#include "daemon/model/article.h"
#include "tools/dedup_eval/label_score.h"

using namespace newsd;

int main(int argc, char** argv) {
  CLI::App app("Scores dedup verdicts on labelled pairs");
  std::string input, records, labels, dump;
  config::dedup_section cfg;
  dedup::tuning t;
  bool verbose = false;
  app.add_option("--input", input, "Articles (newsd process input) to run through the index");
  app.add_option("--records", records, "newsd process output to score instead");
  app.add_option("--labels", labels, "Labelled pairs")->required();
  app.add_option("--threshold", cfg.threshold);
  app.add_option("--containment", cfg.containment);
  app.add_option("--window-hours", cfg.window_hours);
  app.add_option("--bands", t.bands);
  app.add_option("--rows", t.rows);
  app.add_option("--min-shingles", t.min_shingles);
  app.add_option("--boilerplate-lines", t.boilerplate_lines);
  app.add_option("--same-lead", t.same_source_lead_novelty);
  app.add_option("--same-new-cont", t.same_source_new_containment);
  app.add_option("--cross-lead", t.cross_source_lead_novelty);
  app.add_option("--max-candidates", t.max_candidates);
  app.add_option("--quoted-share", t.quoted_share, "above 1 disables the quotation rule");
  std::string archive_dir;
  app.add_option("--aligned-containment", t.aligned_containment,
                 "second tier from this containment (at or above --containment: off)");
  app.add_option("--aligned-share", t.aligned_share);
  app.add_option("--aligned-run", t.aligned_run);
  app.add_flag("--aligned-same-source", t.aligned_same_source);
  app.add_option("--archive-dir", archive_dir, "second tier's files (default: in memory)");
  app.add_flag("-v", verbose, "List the wrong pairs");
  app.add_option("--dump", dump,
                 "Write every verdict (id, status, duplicate_of, similarity) as TSV: "
                 "a byte-identical dump proves a speed change kept the decisions");
  CLI11_PARSE(app, argc, argv);

  std::map<std::string, std::string> root;
  simdjson::ondemand::parser parser;
  std::string line;
  if (!input.empty()) {
    std::ifstream in(input);
    dedup::index idx(cfg, t);
    if (auto r = idx.attach_archive(archive_dir); !r) {
      std::fprintf(stderr, "%s\n", r.err().message.c_str());
      return 1;
    }
    auto t0 = std::chrono::steady_clock::now();
    size_t n = 0;
    std::FILE* dump_f = dump.empty() ? nullptr : std::fopen(dump.c_str(), "w");
    while (std::getline(in, line)) {
      auto a = model::parse_input_article(line);
      if (!a) continue;
      if (a->canonical_url.empty()) a->canonical_url = dedup::canonicalize_url(a->url);
      model::assign_id(*a);
      auto v = idx.check_and_insert(*a);
      root[a->id] = v.status == model::dedup_status::unique ? a->id : v.duplicate_of;
      if (dump_f != nullptr) {
        std::fprintf(dump_f, "%s\t%d\t%s\t%.6f\n", a->id.c_str(), static_cast<int>(v.status),
                     v.duplicate_of.c_str(), v.similarity);
      }
      ++n;
    }
    if (dump_f != nullptr) std::fclose(dump_f);
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    auto s = idx.get_stats();
    std::fprintf(stderr,
                 "%zu articles in %.2f s; unique %llu exact %llu near %llu; candidates %llu "
                 "verifications %llu aligned %llu; memory %.1f MB\n",
                 n, secs, (unsigned long long)s.unique, (unsigned long long)s.exact_duplicates,
                 (unsigned long long)s.near_duplicates, (unsigned long long)s.candidates,
                 (unsigned long long)s.verifications, (unsigned long long)s.aligned_checks,
                 s.memory_bytes / 1e6);
  } else if (!records.empty()) {
    std::ifstream in(records);
    while (std::getline(in, line)) {
      simdjson::padded_string p(line);
      auto doc = parser.iterate(p);
      std::string_view id, status, dup;
      if (doc["id"].get_string().get(id)) continue;
      auto d = doc["dedup"];
      std::string r(id);
      if (!d["status"].get_string().get(status) && status != "unique" &&
          !d["duplicate_of"].get_string().get(dup)) {
        r = std::string(dup);
      }
      root[std::string(id)] = r;
    }
  } else {
    std::fprintf(stderr, "give --input or --records\n");
    return 2;
  }
  dedup_eval::resolve_clusters(root);
  auto pairs = dedup_eval::read_labels(labels);
  if (!pairs) {
    std::fprintf(stderr, "%s\n", pairs.err().message.c_str());
    return 1;
  }
  auto s = dedup_eval::score_pairs(*pairs, root);
  if (verbose) {
    for (const auto& m : s.misses) std::printf("%s\n", m.c_str());
  }
  std::printf("COPY precision %.3f recall %.3f (%d/%d)  SAME_STORY flagged %.3f (%d/%d)  "
              "UNRELATED flagged %d/%d\n",
              s.precision(), s.recall(), s.copy_flagged, s.copy, s.same_rate(), s.same_flagged,
              s.same, s.unrelated_flagged, s.unrelated);
  return 0;
}
