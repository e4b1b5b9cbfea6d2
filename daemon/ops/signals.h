#pragma once
// Signals become flags read by the daemon loop (no work in handlers), and
// sd_notify tells systemd about readiness, reloads and stopping.
#include <atomic>
#include <string_view>

namespace newsd::ops {

struct signal_flags {
  std::atomic<int> stop{0};    // SIGTERM / SIGINT count (a second one forces exit)
  std::atomic<int> reload{0};  // SIGHUP count
};

// Installs handlers for SIGTERM, SIGINT, SIGHUP; ignores SIGPIPE.
signal_flags& install_signal_handlers();

// sd_notify wrappers; no-ops outside systemd.
void notify_ready();
void notify_reloading();
void notify_stopping();
void notify_status(std::string_view status);
void notify_watchdog();

}  // namespace newsd::ops
