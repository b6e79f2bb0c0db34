#pragma once
// Depth of collaboration (analysis-output.md, "Depth figures"): Northern Alliance Collaboration
// Framework ratings read as series per subject and indicator, and the levels of partnership
// records. Std-only; computed by analyse() (src/depth/).

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace collabnet {

/// One subject's ratings on one indicator, oldest first.
struct IndicatorSeries {
  std::string indicator;                            ///< one of kIndicators, or "overall"
  std::vector<std::pair<std::string, int>> series;  ///< (date, level), dates ascending
  int latest = 0;                                   ///< level of the last rating
  std::optional<int> change;                        ///< latest − previous; none with one rating
};

struct DepthSubject {
  std::string subject;       ///< id; "" for the network
  std::string subject_kind;  ///< grouping, network, partnership, school
  std::vector<IndicatorSeries> indicators;  ///< rated indicators, framework order, "overall" last
  /// The indicators (not "overall") at the subject's lowest latest level, framework order: the
  /// focus of the next improvement cycle.
  std::vector<std::string> weakest;
};

struct DepthFigures {
  bool assessed = false;                ///< ratings take part (the network has assessments)
  std::vector<std::string> waves;       ///< the distinct rating dates, ascending
  std::vector<DepthSubject> subjects;   ///< sorted by kind, then id
  /// Partnership records taking part by level: [1]..[5]; [0] counts records without a level.
  std::array<std::size_t, 6> partnership_levels{};
  std::size_t assessments_after_as_of = 0;  ///< ratings dated after the analysis date, left out
};

/// The framework's name of a level: "no", "emerging", "developing", "active", "advanced".
std::string_view level_name(int level);
/// Our plain-words reading of levels 2–5 on Himmelman's continuum (networking, coordinating,
/// cooperating, collaborating); "" for level 1. Ours, not the framework's: outputs say so.
std::string_view himmelman_reading(int level);
/// "Building Relationships" for "building-relationships" (the framework's printed names).
std::string indicator_title(std::string_view indicator);

}  // namespace collabnet
