#pragma once
// Settings of an analysis: thresholds an authority may tune, each default with its source.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace collabnet {

/// Most effective collaborations have 2 to 8 schools (NFER 2007, "Inter-school collaboration:
/// a literature review", Atkinson et al.): a grouping of more than this many schools is flagged.
inline constexpr std::size_t kDefaultMaxGroupingSize = 8;
/// Schools with fewer pupils than this are "small": their staff have few colleagues in the same
/// role, so professional isolation is the risk the network is meant to offset. 100 pupils is
/// the product's default (issue 4), not a research figure: definitions of "small" differ between
/// authorities, which set their own with --small-school-roll.
inline constexpr std::int64_t kDefaultSmallSchoolRoll = 100;
/// A school giving one-way ("expert") support to at least this many schools is an expert hub:
/// the product's default (issue 4): with three or more dependants a hub's capacity becomes a risk
/// to the network. Tunable with --expert-hub-min.
inline constexpr std::size_t kDefaultExpertHubMin = 3;
/// Seed of community detection, so that the same network always gives the same clusters.
inline constexpr std::uint64_t kDefaultCommunitySeed = 1;
/// Seed of --sample's choice of sources, so that the same network gives the same estimates.
inline constexpr std::uint64_t kDefaultSampleSeed = 1;
/// --sample-error's probability when --confidence is not given: the usual 95 %.
inline constexpr double kDefaultConfidence = 0.95;

struct Settings {
  std::size_t max_grouping_size = kDefaultMaxGroupingSize;
  std::int64_t small_school_roll = kDefaultSmallSchoolRoll;
  std::size_t expert_hub_min = kDefaultExpertHubMin;
  std::uint64_t community_seed = kDefaultCommunitySeed;
  /// Only partnerships active on this ISO date (YYYY-MM-DD) take part (`--as-of DATE`).
  std::optional<std::string> as_of;
  /// Without as_of: true analyses as of the network's own `as_of` when it has one (the dated
  /// picture, the command line's default: analysis-output.md); false counts every record
  /// whatever its dates (`--as-of all`, and this struct's default for library callers).
  bool network_as_of = false;
  /// Worker threads for centrality; 0: all hardware threads. Never changes any result.
  unsigned threads = 0;
  /// 0: exact betweenness and closeness (every school a source). K > 0: estimates from K
  /// sources drawn with sample_seed (Brandes & Pich 2007), marked as estimates in every output;
  /// K ≥ schools is exact.
  std::size_t sample = 0;
  std::uint64_t sample_seed = kDefaultSampleSeed;
  /// --sample-error EPS (instead of `sample`): as many sources as put every school's betweenness
  /// and closeness within EPS of the exact figure (0-to-1 scale), all schools at once, with
  /// probability `confidence` (passes/sample_size.hpp, docs/sampling.md); exact when that is
  /// every school. Both in (0, 1).
  std::optional<double> sample_error;
  double confidence = kDefaultConfidence;
  /// Called with (stage, share done in [0, 1]) during long stages, one call at a time; never
  /// changes any result. Empty: no reports.
  std::function<void(std::string_view, double)> progress;
  /// Publish mode is the default: staff appear as counts or by their id, never by name. True
  /// (`--show-staff-names`): findings about a staff member also give the name, where known.
  bool show_staff_names = false;
  /// `--ties confirmed`: survey networks are analysed with confirmed and not-surveyed records
  /// only (analysis-output.md); false (`--ties all`, the default) keeps every record.
  bool confirmed_ties_only = false;
};

/// True when `date` is a real calendar date written YYYY-MM-DD (leap years included). O(1).
bool is_iso_date(const std::string& date);

}  // namespace collabnet
