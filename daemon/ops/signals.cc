#include "daemon/ops/signals.h"

#include <systemd/sd-daemon.h>

#include <csignal>
#include <string>
#include <unistd.h>

namespace newsd::ops {

namespace {
signal_flags g_flags;

void on_signal(int sig) {
  if (sig == SIGHUP) {
    g_flags.reload.fetch_add(1);
    return;
  }
  if (g_flags.stop.fetch_add(1) >= 1) {
    // Second SIGTERM/SIGINT: the operator insists. Undelivered items stay in the outbox.
    const char msg[] = "newsd: second stop signal, exiting now\n";
    (void)!write(2, msg, sizeof msg - 1);
    _exit(130);
  }
}
}  // namespace

signal_flags& install_signal_handlers() {
  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGTERM, &sa, nullptr);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGHUP, &sa, nullptr);
  signal(SIGPIPE, SIG_IGN);
  return g_flags;
}

void notify_ready() { sd_notify(0, "READY=1"); }
void notify_reloading() { sd_notify(0, "RELOADING=1"); }
void notify_stopping() { sd_notify(0, "STOPPING=1"); }
void notify_watchdog() { sd_notify(0, "WATCHDOG=1"); }
void notify_status(std::string_view status) {
  std::string s = "STATUS=" + std::string(status);
  sd_notify(0, s.c_str());
}

}  // namespace newsd::ops
