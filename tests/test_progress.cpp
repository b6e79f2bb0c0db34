// The progress line of long stages: silent for the first second, "done" only for a stage that
// finished, and a redrawn terminal line ended (not left open) when a stage fails.
#include <catch2/catch.hpp>

#include <chrono>
#include <sstream>
#include <thread>

#include "progress.hpp"

using collabnet::cli::Progress;

TEST_CASE("progress: silent at first, done only when finished, a failed stage just ends") {
  std::ostringstream log;
  Progress p(log, false);
  p.update("loading", 0.1);
  p.update("loading", 1.0);
  CHECK(log.str().empty());  // a stage under a second says nothing at all

  std::ostringstream term;
  Progress t(term, true);
  t.update("loading", 0.1);
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  t.update("loading", 0.5);
  // Half done after a little over a second: about one more second ("1 s", rounded up: 2 s
  // when the sleep ran long).
  const std::string shown = term.str();
  CHECK(shown.rfind("\rloading: 50%, about ", 0) == 0);
  CHECK(shown.size() > 4);
  CHECK(shown.substr(shown.size() - 3) == "\x1b[K");
  t.abandon();
  CHECK(term.str() == shown + "\n");  // the line is ended; nothing says "done"

  std::ostringstream ok;
  Progress d(ok, false);
  d.update("loading", 0.1);
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  d.update("loading", 0.5);
  d.update("loading", 1.0);
  CHECK(ok.str().find("loading: 50%") == 0);
  CHECK(ok.str().find("\nloading: done in ") != std::string::npos);
}
