#include "daemon/pipeline/daemon.h"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "common/log.h"
#include "common/time_util.h"
#include "daemon/ops/http_server.h"
#include "daemon/ops/metrics.h"
#include "daemon/ops/signals.h"
#include "daemon/pipeline/entities_options.h"
#include "daemon/pipeline/fetcher.h"
#include "daemon/pipeline/processor.h"
#include "daemon/pipeline/publisher.h"
#include "daemon/pipeline/queue.h"
#include "daemon/publish/dev_broker.h"

namespace newsd::pipeline {

namespace {

void apply_logging(const config::daemon_section& d) {
  log::level l = log::level::info;
  log::parse_level(d.log_level, l);
  log::set_level(l);
  log::set_format(d.log_format == "json" ? log::format::json : log::format::text);
}

outgoing to_outgoing(work_item&& w, const model::record& r, const config::kafka_topics& topics) {
  outgoing o;
  o.value = model::to_json(r);
  if (r.dedup.status == model::dedup_status::unique) {
    o.topic = topics.articles;
    o.key = r.art.id;
  } else {
    o.topic = topics.duplicates;
    o.key = r.dedup.duplicate_of;
  }
  w.art.id = r.art.id;
  w.art.url = r.art.url;
  o.item = std::move(w);
  return o;
}

// The process stage: prepare -> dedup -> enrich, in arrival order (the dedup
// window has a single writer). Dead letters leave here with their error.
// Exports the window's size; called from the process thread, which owns the index.
void export_dedup_stats(const dedup::index& index, ops::metrics& m, dedup::stats& last) {
  dedup::stats s = index.get_stats();
  m.dedup_index_articles.Set(static_cast<double>(s.indexed));
  m.dedup_index_bytes.Set(static_cast<double>(s.memory_bytes));
  m.dedup_buckets.Set(static_cast<double>(s.buckets));
  if (s.candidates > last.candidates)
    m.dedup_candidates.Increment(static_cast<double>(s.candidates - last.candidates));
  if (s.verifications > last.verifications) {
    m.dedup_verifications.Increment(static_cast<double>(s.verifications - last.verifications));
  }
  m.dedup_second_tier.Set(s.second_tier ? 1 : 0);
  m.dedup_archive_bytes.Set(static_cast<double>(s.archive_bytes));
  m.dedup_unarchived.Set(static_cast<double>(s.unarchived));
  if (s.aligned_checks > last.aligned_checks)
    m.dedup_aligned_checks.Increment(static_cast<double>(s.aligned_checks - last.aligned_checks));
  if (s.archive_write_failures > last.archive_write_failures)
    m.dedup_archive_write_failures.Increment(
        static_cast<double>(s.archive_write_failures - last.archive_write_failures));
  last = s;
}

void process_loop(processor& proc, const dedup::index& index, bounded_queue<work_item>& in,
                  bounded_queue<outgoing>& out, const config::config& cfg, ops::metrics& m) {
  dedup::stats last = index.get_stats();
  int64_t last_export = 0;
  for (;;) {
    if (int64_t now = now_unix_ms(); now - last_export >= 1000) {
      export_dedup_stats(index, m, last);
      last_export = now;
    }
    auto item = in.pop(std::chrono::milliseconds(100));
    if (!item) {
      if (in.closed_and_empty()) break;
      continue;
    }
    work_item w = std::move(*item);
    model::article a = w.art;
    auto rec = proc.process(std::move(a));
    outgoing o;
    if (!rec) {
      m.deadletter("process").Increment();
      if (log::enabled(log::level::debug)) {
        log::debug(
            "process", "item dead-lettered",
            "feed=" + w.feed_id + " url=" + w.art.url + " error=" + log::quote(rec.err().message));
      }
      o.topic = cfg.kafka.topics.deadletter;
      o.key = !w.art.url.empty() ? w.art.url : w.item_key;
      o.value = model::deadletter_json(rec.err().message, "process", w.feed_id, w.art.url,
                                       w.art.title + "\n" + w.art.text);
      o.item = std::move(w);
    } else {
      m.dedup(model::dedup_status_name(rec->dedup.status)).Increment();
      m.entities_tagged.Increment(static_cast<double>(rec->entities.size()));
      if (log::enabled(log::level::debug)) {
        log::debug(
            "process", "item processed",
            "feed=" + w.feed_id + " id=" + rec->art.id + " url=" + rec->art.url +
                " dedup=" + model::dedup_status_name(rec->dedup.status) +
                (rec->dedup.duplicate_of.empty() ? ""
                                                 : " duplicate_of=" + rec->dedup.duplicate_of) +
                " entities=" + std::to_string(rec->entities.size()) +
                " chars=" + std::to_string(rec->art.text.size()));
      }
      o = to_outgoing(std::move(w), *rec, cfg.kafka.topics);
    }
    o.packed = state::outbox::pack(o.value);
    // push moves from the item only when it succeeds, so a retry resends it whole.
    // NOLINTNEXTLINE(bugprone-use-after-move)
    while (!out.push(std::move(o), std::chrono::milliseconds(200))) {
      if (out.closed()) return;  // shutdown deadline passed; the item is fetched again later
    }
  }
}

}  // namespace

int run_daemon(config::config cfg, const run_options& opts) {
  apply_logging(cfg.daemon);
  auto& flags = ops::install_signal_handlers();
  ops::metrics metrics;
  ops::health health;
  log::info("daemon", "starting",
            "version=0.1.0 config=" + cfg.path + " feeds=" + std::to_string(cfg.feeds.size()));

  std::unique_ptr<ops::endpoint_server> ops_server, sample_server;
  if (cfg.metrics.enabled) {
    auto s = ops::start_ops_server(cfg.metrics.listen, metrics, health);
    if (!s) {
      log::error("ops", "cannot start the metrics endpoint",
                 "listen=" + cfg.metrics.listen + " error=" + log::quote(s.err().message));
      return 1;
    }
    ops_server = std::move(*s);
    log::info("ops", "metrics, /healthz and /readyz listening", "listen=" + cfg.metrics.listen);
  }
  if (!cfg.dev.sample_server.empty()) {
    auto s = ops::start_sample_server(cfg.dev.sample_server);
    if (!s) {
      log::error("dev", "cannot start the sample feed server",
                 "listen=" + cfg.dev.sample_server + " error=" + log::quote(s.err().message));
      return 1;
    }
    sample_server = std::move(*s);
    log::info("dev", "sample feeds served", "url=http://" + cfg.dev.sample_server + "/samples/");
  }

  auto store = state::store::open(cfg.state.dir);
  if (!store) {
    log::error("state", "cannot open the state store: " + store.err().message);
    return 1;
  }
  state::feed_state feed_state(**store);
  if (auto st = feed_state.init(); !st) {
    log::error("state", "cannot initialise feed state: " + st.err().message);
    return 1;
  }

  // The outbox writes seen-marks into feed state's table: initialise after it.
  state::outbox outbox(**store);
  if (auto st = outbox.init(); !st) {
    log::error("state", "cannot initialise the outbox: " + st.err().message);
    return 1;
  }

  std::unique_ptr<publish::dev_broker> broker;
  std::string bootstrap = cfg.kafka.brokers;
  if (cfg.kafka.brokers == "embedded") {
    auto b = publish::dev_broker::start(1);
    if (!b) {
      log::error("kafka", "cannot start the embedded broker: " + b.err().message);
      return 1;
    }
    broker = std::move(*b);
    for (const auto& t :
         {cfg.kafka.topics.articles, cfg.kafka.topics.duplicates, cfg.kafka.topics.deadletter}) {
      (void)broker->create_topic(t, cfg.kafka.partitions);
    }
    bootstrap = broker->bootstrap();
    std::ofstream(std::filesystem::path(cfg.state.dir) / "kafka-bootstrap") << bootstrap << "\n";
    log::info("kafka", "embedded Kafka-protocol broker started (mock cluster, in memory)",
              "bootstrap=" + bootstrap + " try=" +
                  log::quote("kcat -b " + bootstrap + " -C -t " + cfg.kafka.topics.articles));
  }

  std::shared_ptr<const entities::tagger> tagger;
  if (cfg.entities.enabled) {
    auto t = entities::tagger::load(cfg.entities.models_dir, entities_options(cfg.entities));
    if (!t) {
      log::error("entities", "cannot load models: " + t.err().message);
      return 1;
    }
    tagger = *t;
  }
  dedup::index index(cfg.dedup);
  if (auto st = index.load(**store); !st) {
    if (st.err().message.starts_with("dedup archive"))
      log::warn("dedup",
                "dedup archive unavailable: window restored, second tier off: " + st.err().message);
    else
      log::warn("dedup", "cannot restore the dedup window: " + st.err().message);
  }
  processor proc(cfg, tagger, &index);

  tracker tr;
  // Owned here so that the Kafka client is closed before the last log line.
  auto pub_holder = std::make_unique<publisher>(cfg, outbox, metrics, tr, opts.once);
  publisher& pub = *pub_holder;
  if (auto st = pub.start(bootstrap); !st) {
    log::error("kafka", "cannot create the producer: " + st.err().message);
    return 1;
  }
  if (auto st = pub.replay(); !st) {
    log::error("publish", "cannot read the outbox: " + st.err().message);
    return 1;
  }
  const std::vector<std::string> topics{cfg.kafka.topics.articles, cfg.kafka.topics.duplicates,
                                        cfg.kafka.topics.deadletter};
  if (auto st = pub.producer()->check_topics(topics, 5000); !st) {
    if (st.err().code != errc::not_found) {
      // Unreachable brokers (or topics without a leader): creating topics would not help.
      log::warn("kafka", st.err().message + "; records wait in the outbox until Kafka answers");
    } else if (cfg.kafka.create_topics) {
      auto cr = pub.producer()->create_topics(topics, cfg.kafka.partitions,
                                              cfg.kafka.replication_factor, 10000);
      if (!cr)
        log::error("kafka", "topic creation failed: " + cr.err().message);
      else
        log::info("kafka", "created missing topics: " + st.err().message);
    } else {
      // Records wait in the outbox until the topics exist (or auto-creation makes them).
      log::warn("kafka", st.err().message + " (create them, or set kafka.create_topics = true)");
    }
  }

  bounded_queue<work_item> parsed(static_cast<size_t>(cfg.daemon.queue_capacity));
  bounded_queue<outgoing> ready(static_cast<size_t>(cfg.daemon.queue_capacity));
  std::atomic<bool> stop_fetch{false};
  fetcher fetch(cfg, feed_state, metrics, tr, [&](work_item&& w) {
    // push moves from the item only when it succeeds, so a retry resends it whole.
    // NOLINTNEXTLINE(bugprone-use-after-move)
    while (!parsed.push(std::move(w), std::chrono::milliseconds(200))) {
      if (stop_fetch.load()) return false;
    }
    return true;
  });

  std::atomic<bool> publisher_ok{true}, publisher_done{false};
  std::thread fetch_thread([&] {
    fetch.run(stop_fetch, opts.once);
    parsed.close();
  });
  std::thread process_thread([&] {
    process_loop(proc, index, parsed, ready, cfg, metrics);
    ready.close();
    // Saved here (this thread owns the window), while the publisher may still
    // be draining: a full window's save is not added to the stop's tail.
    if (auto st = index.save(**store); !st)
      log::error("dedup", "cannot save the dedup window: " + st.err().message);
  });
  std::thread publish_thread([&] {
    publisher_ok = pub.run(ready);
    publisher_done = true;
  });

  health.ready = true;
  ops::notify_ready();
  log::info("daemon", "running", opts.once ? "mode=once" : "mode=daemon");

  int seen_reload = 0;
  bool stopping = false;
  // The whole stop (drain, final flush, closing) fits in shutdown_timeout;
  // the last part of it is kept for closing (joining the stages, saving the
  // dedup window, destroying the Kafka client).
  const int64_t close_reserve_ms = std::min<int64_t>(2000, cfg.daemon.shutdown_timeout_ms / 5);
  int64_t stop_deadline = 0;
  while (!publisher_done.load()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    metrics.queue_depth("parsed").Set(static_cast<double>(parsed.size()));
    metrics.queue_depth("publish").Set(static_cast<double>(ready.size()));
    if (!stopping && flags.stop.load() > 0) {
      stopping = true;
      health.draining = true;
      ops::notify_stopping();
      log::info("daemon", "stop requested: draining",
                "timeout_ms=" + std::to_string(cfg.daemon.shutdown_timeout_ms));
      stop_fetch = true;
      stop_deadline = now_unix_ms() + cfg.daemon.shutdown_timeout_ms;
      pub.begin_drain(stop_deadline - close_reserve_ms);
    }
    if (int r = flags.reload.load(); r != seen_reload) {
      seen_reload = r;
      ops::notify_reloading();
      if (cfg.path.rfind('<', 0) == 0) {
        log::info("daemon", "reload: the embedded config cannot change; nothing to do");
      } else {
        auto res = config::load_file(cfg.path);
        if (!res.ok()) {
          for (const auto& e : res.errors) log::error("config", "reload rejected", "error=" + log::quote(e));
        } else {
          apply_logging(res.cfg.daemon);
          fetch.set_feeds(res.cfg.feeds);
          for (const auto& key : config::restart_only_changes(cfg, res.cfg))
            log::warn("config", "reload: this change needs a restart; the running value is kept",
                      "setting=" + log::quote(key));
          proc.set_max_tag_code_points(static_cast<size_t>(res.cfg.entities.max_tag_chars));
          if (res.cfg.entities.enabled) {
            if (auto t = entities::tagger::load(res.cfg.entities.models_dir,
                                                entities_options(res.cfg.entities)))
              proc.set_tagger(*t);
            else
              log::error("entities",
                         "reload: cannot load models; keeping the old ones: " + t.err().message);
          }
          log::info("daemon", "config reloaded", "feeds=" + std::to_string(res.cfg.feeds.size()));
        }
      }
      ops::notify_ready();
    }
  }
  if (!stopping) stop_fetch = true;
  parsed.close();
  ready.close();
  fetch_thread.join();
  process_thread.join();
  publish_thread.join();
  // The final flush gets what is left of the stop budget, not a budget of its
  // own; --once already waited for its reports in the publisher.
  int64_t close_deadline =
      stopping ? stop_deadline - close_reserve_ms
      : publisher_ok
          ? now_unix_ms()
          : now_unix_ms() + std::min(cfg.kafka.flush_timeout_ms, cfg.daemon.shutdown_timeout_ms);
  bool closed = pub.close(close_deadline);
  size_t undelivered = pub.undelivered();
  std::string counts = "delivered=" + std::to_string(tr.delivered.load()) +
                       " deadlettered=" + std::to_string(tr.deadlettered.load()) +
                       " lost=" + std::to_string(tr.lost.load()) +
                       " undelivered=" + std::to_string(undelivered);
  // The Kafka client and the endpoints (civetweb) are closed before "stopped",
  // so that it is the last line; what is freed after it (models, dedup window)
  // takes milliseconds.
  pub_holder.reset();
  sample_server.reset();
  ops_server.reset();
  if (undelivered > 0) {
    log::warn("publish", "undelivered records stay in the outbox and are sent at the next start",
              "undelivered=" + std::to_string(undelivered));
  }
  int code = 0;
  if (!publisher_ok || !closed) {
    log::error(
        "daemon",
        "exiting after a fatal delivery or outbox error; the outbox is resent at the next start");
    code = 1;
  } else if (opts.once && (tr.lost.load() > 0 || undelivered > 0)) {
    log::error(
        "daemon", "--once: not every record was delivered",
        "undelivered=" + std::to_string(undelivered) + " lost=" + std::to_string(tr.lost.load()));
    code = 1;
  }
  log::info("daemon", "stopped", counts);
  return code;
}

}  // namespace newsd::pipeline
