#include "progress.hpp"

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <iostream>
#include <ostream>

namespace collabnet::cli {
namespace {

/// "3 s", "2 min 5 s": time left, rounded up to whole seconds.
std::string duration(double seconds) {
  const long s = static_cast<long>(std::ceil(seconds));
  if (s < 60) return std::to_string(s) + " s";
  return std::to_string(s / 60) + " min " + std::to_string(s % 60) + " s";
}

}  // namespace

bool stderr_is_terminal(const std::ostream& err) {
  return &err == &std::cerr && isatty(STDERR_FILENO) == 1;
}

void Progress::update(std::string_view stage, double done) {
  const auto now = Clock::now();
  if (stage != stage_) {
    stage_ = std::string(stage);
    start_ = last_ = now;
    shown_ = false;
  }
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  if (elapsed < 1.0) return;  // short stages stay silent
  if (done >= 1.0) {
    if (shown_) {
      err_ << (terminal_ ? "\r" : "") << stage_ << ": done in " << duration(elapsed)
           << (terminal_ ? "\x1b[K\n" : "\n") << std::flush;
    }
    shown_ = false;
    return;
  }
  // A terminal line is redrawn ten times a second; a log gets a line every few seconds.
  const double gap = std::chrono::duration<double>(now - last_).count();
  if (shown_ && gap < (terminal_ ? 0.1 : 5.0)) return;
  last_ = now;
  shown_ = true;
  const int percent = static_cast<int>(done * 100);
  std::string line = stage_ + ": " + std::to_string(percent) + "%";
  if (done > 0.01) line += ", about " + duration(elapsed * (1 - done) / done) + " left";
  err_ << (terminal_ ? "\r" : "") << line << (terminal_ ? "\x1b[K" : "\n") << std::flush;
}

void Progress::abandon() {
  if (shown_ && terminal_) err_ << "\n" << std::flush;
  shown_ = false;
  stage_.clear();
}

}  // namespace collabnet::cli
