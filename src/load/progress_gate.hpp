#pragma once
// Internal: the load progress callback (load.hpp) as the loaders drive it.
#include <algorithm>
#include <chrono>
#include <cstddef>

#include "collabnet/load.hpp"

namespace collabnet::load {

/// Turns bytes read into the fractions the caller's callback sees: never decreasing, at most
/// about ten a second, below 1 until the load is over, then exactly one 1.
class ProgressGate {
 public:
  explicit ProgressGate(const LoadProgress& callback) : callback_(callback) {}
  ProgressGate(const ProgressGate&) = delete;
  ProgressGate& operator=(const ProgressGate&) = delete;
  ~ProgressGate() {  // also when the load throws, so that a progress line is closed
    try {
      finish();
    } catch (...) {  // a report that failed must not end the process
    }
  }

  bool active() const { return static_cast<bool>(callback_); }
  void bytes(std::size_t done, std::size_t total) {
    if (!callback_ || total == 0) return;
    // Reading is most of a load; resolving references after it is quick.
    const double f = std::min(0.99, static_cast<double>(done) / static_cast<double>(total));
    if (f <= last_) return;  // a second pass (the slow path) is silent until it gets further
    const auto now = std::chrono::steady_clock::now();
    if (reported_ && now - when_ < std::chrono::milliseconds(100)) return;
    reported_ = true;
    when_ = now;
    last_ = f;
    callback_(f);
  }
  void finish() {
    if (!callback_ || last_ >= 1.0) return;
    last_ = 1.0;
    callback_(1.0);
  }

 private:
  const LoadProgress& callback_;
  double last_ = -1;
  bool reported_ = false;
  std::chrono::steady_clock::time_point when_{};
};

}  // namespace collabnet::load
