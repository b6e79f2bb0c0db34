#pragma once
// Internal: the depth pass (analysis-output.md, "Depth figures"): framework ratings as series
// per subject and indicator, the levels of partnership records, and the findings
// falling-indicator, stalled-indicator and shallow-grouping. analyse() runs it with the others.

#include <vector>

#include "collabnet/depth.hpp"
#include "collabnet/finding.hpp"
#include "collabnet/settings.hpp"
#include "graph/school_graph.hpp"

namespace collabnet::depth {

struct DepthResult {
  DepthFigures figures;
  std::vector<Finding> findings;
};

/// Ratings dated after settings.as_of (when given) are left out and counted; partnership levels
/// are counted over the records taking part (graph.records). O(a log a + r) for a ratings and r
/// records.
DepthResult analyse_depth(const graph::SchoolGraph& graph, const Settings& settings);

/// The level of `series` as of `date` (the last rating dated on or before it), if any.
std::optional<int> level_as_of(const IndicatorSeries& series, const std::string& date);

}  // namespace collabnet::depth
