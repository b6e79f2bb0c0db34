#pragma once
// What changed between two waves of a network (change-output.md, `collabnet compare`): both
// waves are analysed with the same settings by analyse(), and the two analyses are diffed; no
// figure is computed twice.

#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "collabnet/analysis.hpp"
#include "collabnet/network.hpp"
#include "collabnet/render.hpp"
#include "collabnet/settings.hpp"

namespace collabnet {

struct WaveSummary {
  std::string name;
  std::optional<std::string> as_of;  ///< the date the wave is analysed for (or the file's date)
  std::size_t schools = 0, links = 0;
};

struct LinkChange {
  std::string a, b;  ///< school ids, a < b
  double before = 0, after = 0;  ///< summed weights (0 where the pair is not linked)
};

struct GroupingChange {
  std::string id;
  std::optional<std::size_t> size_before, size_after;  ///< none: not in that wave
  bool crossed_max = false;  ///< over max_grouping_size in one wave and not in the other
};

struct DepthChange {
  std::string subject, subject_kind, indicator;
  std::optional<int> before, after;  ///< the latest level as of each wave's date
};

struct ChangeReport {
  Settings settings;
  WaveSummary before, after;
  std::vector<std::string> schools_added, schools_removed;  ///< ids, sorted
  std::vector<LinkChange> gained, lost, stronger, weaker;   ///< sorted by (a, b)
  std::vector<LinkChange> unchanged;  ///< linked in both waves with the same weight (diagrams)
  std::vector<Finding> new_findings, resolved_findings;     ///< kind order, then subject
  std::vector<std::pair<std::string, std::size_t>> persisting;  ///< every kind, kind order
  std::vector<GroupingChange> groupings;  ///< groupings whose size changed, by id
  std::vector<DepthChange> depth;         ///< levels that differ, by kind, subject, indicator
  /// Schools in both waves that started / stopped being isolated (isolated-school findings).
  std::vector<std::string> newly_isolated, no_longer_isolated;
  bool empty() const;  ///< nothing changed at all
};

/// Diffs two analysed waves (`a_before` = analyse(before, …), `a_after` likewise, same settings
/// but for the date). A finding is the same in both waves when its kind, subject and (for depth
/// findings) indicator are equal. O(n log n + m log m + findings log findings).
ChangeReport compare_analyses(const Network& before, const Analysis& a_before,
                              const Network& after, const Analysis& a_after);

/// The JSON document "collabnet-change/1" (change-output.md), with a trailing newline.
std::string change_to_json(const ChangeReport& report);
/// The plain-words summary for a strategy paper: isolation, groupings over the size limit and
/// links first. `after` names the schools.
std::string change_to_text(const ChangeReport& report, const Network& after, const Network& before);
/// CSV files (RFC 4180, CRLF): schools.csv, links.csv, findings.csv, groupings.csv, depth.csv.
std::map<std::string, std::string> change_to_csv(const ChangeReport& report);

/// The diagram of change (`render --view change --compare-with BEFORE`): every school of either
/// wave, links in both waves thin and grey, links gained solid and heavy, links lost dashed,
/// schools newly isolated and newly connected (no longer isolated) marked by shape and colour,
/// schools added or closed marked, with a legend; readable in greyscale. `theme` (load_theme;
/// null: "default") gives the font, title size, logo line and the change palette (`change.*`).
/// Names of changed schools always shown, others up to kDefaultLabelLimit schools.
/// Uses Graphviz (one thread at a time). O(n + links) plus the layout.
std::string render_change_diagram(const Network& before, const Network& after,
                                  const ChangeReport& report, DiagramFormat format,
                                  const std::shared_ptr<const render::Theme>& theme = {});

}  // namespace collabnet
