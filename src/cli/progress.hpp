#pragma once
// Progress of long stages on stderr (issue 8): percent done and time left, for any stage that
// runs longer than about a second. Shown on a terminal, or anywhere with --progress; never
// otherwise, so that scripts and tests see clean output.

#include <chrono>
#include <functional>
#include <iosfwd>
#include <string>
#include <string_view>

namespace collabnet::cli {

class Progress {
 public:
  /// `terminal`: redraw one line in place; otherwise write a line now and then.
  Progress(std::ostream& err, bool terminal) : err_(err), terminal_(terminal) {}
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  /// Reports that `stage` is `done` (0 to 1) of the way through. Silent for the stage's first
  /// second. Call from one thread at a time.
  void update(std::string_view stage, double done);
  /// The stage ended without finishing (an error follows): a line redrawn in place on a
  /// terminal is ended, and nothing says "done".
  void abandon();
  /// A callback for Settings::progress, reporting here.
  std::function<void(std::string_view, double)> callback() {
    return [this](std::string_view stage, double done) { update(stage, done); };
  }

 private:
  using Clock = std::chrono::steady_clock;
  std::ostream& err_;
  bool terminal_;
  std::string stage_;
  Clock::time_point start_{}, last_{};
  bool shown_ = false;
};

/// True when `err` is the process's stderr and that is a terminal.
bool stderr_is_terminal(const std::ostream& err);

}  // namespace collabnet::cli
