#pragma once
// Internal: the analysis passes, one file each. Each is a free function from the school graph and
// the settings to a plain result plus its findings; analyse() (analyse.cpp) runs them in order.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "collabnet/analysis.hpp"
#include "collabnet/finding.hpp"
#include "collabnet/settings.hpp"
#include "graph/school_graph.hpp"

namespace collabnet::passes {

/// "Name (id)", or the id alone when the school has no name. Untrusted text, unescaped.
std::string school_label(const Network& network, std::size_t school);
/// "Name (id)" for a grouping, or the id alone.
std::string grouping_label(const Network& network, std::size_t grouping);
/// How people read a partnership record: "partnership P7 between A (S1) and B (S2)" when its id
/// was given in the file, "the partnership between A (S1) and B (S2)" when the loader generated
/// it (Partnership::id_generated: "partnership-19" means nothing to a reader). The one rule for
/// showing partnership ids in words (findings, the report).
std::string partnership_label(const Network& network, const Partnership& p);
/// " (partnership P7)" after a sentence that names both schools already; "" for a generated id.
std::string partnership_id_note(const Partnership& p);
/// "1 school", "3 schools": counts in messages read as plain English.
std::string count_of(std::size_t n, const char* singular, const char* plural);

struct ConnectivityResult {
  std::vector<std::size_t> component;        ///< per school; 0 = largest
  std::vector<std::size_t> component_sizes;  ///< descending, ties by smallest id
  std::vector<bool> articulation;            ///< per school
  std::vector<std::size_t> cuts_off;         ///< per school: schools outside the largest piece
                                             ///< left when it is removed (0 unless a cut school)
  std::vector<std::optional<std::size_t>> hangs_on;  ///< per school: nearest cut school it hangs on
  std::vector<std::uint32_t> bridges;        ///< link indices, sorted by the pair's ids
  std::vector<std::size_t> isolates;         ///< id order
  double density = 0;
  std::vector<Finding> findings;             ///< cut-school, bridge-link
};

/// Components, cut schools, bridges (one iterative Tarjan DFS), density, isolates, and for each
/// school the nearest cut school it hangs on. A school hangs on cut school c when removing c
/// leaves it in a piece strictly smaller than the largest piece of its component. O(n + m).
ConnectivityResult find_connectivity(const graph::SchoolGraph& graph, const Settings& settings);

struct CentralityResult {
  std::vector<std::size_t> degree, partnerships;
  std::vector<double> strength, betweenness, closeness, pagerank;
  /// 0: betweenness and closeness are exact; K: estimates from K sampled sources.
  std::size_t sampled_sources = 0;
  /// With settings.sample_error: the sources its bound asks for (sample_size.hpp); else 0.
  std::uint64_t error_sources = 0;
};

/// Degree, records, strength, exact betweenness and harmonic closeness (batched Brandes,
/// shortest_paths.hpp: fixed batches and chunks over settings.threads workers, partial sums added
/// in chunk order so any thread count gives the same bits), or estimates of both from
/// settings.sample seeded sources (or as many as settings.sample_error needs, sample_size.hpp);
/// PageRank by power iteration to an L1 change < 1e-14.
/// O(n·(n + m)) time (O(K·(n + m)) sampled), O(128·n) extra memory per thread.
CentralityResult compute_centrality(const graph::SchoolGraph& graph, const Settings& settings);

struct IsolationResult {
  std::vector<IsolationEntry> ranking;  ///< ranked by kIsolationRule
  std::vector<Finding> findings;        ///< isolated-school, weakly-connected-school, hangs-on-school
};

/// Schools without partners, with one partner, or hanging on one cut school, ranked so that small
/// and rural schools come first. O(n log n).
IsolationResult find_isolation(const graph::SchoolGraph& graph, const Settings& settings,
                               const ConnectivityResult& connectivity,
                               const CentralityResult& centrality);

/// De facto clusters: Louvain (igraph_community_multilevel, resolution 1) on summed weights,
/// seeded with settings.community_seed. membership per school (dense labels), and modularity.
struct CommunityPartition {
  std::vector<std::size_t> membership;
  double modularity = 0;
};
CommunityPartition detect_communities(const graph::SchoolGraph& graph, std::uint64_t seed);

struct ClusterSizeResult {
  std::vector<GroupingFigures> groupings;  ///< by grouping index (reciprocity left to direction)
  std::vector<Community> communities;      ///< size ≥ 2, descending size, ties by smallest id
  std::vector<std::optional<std::size_t>> community_of;  ///< per school
  double modularity = 0;
  std::vector<Finding> findings;  ///< oversize-, undersize-, dormant-grouping, oversize-community
};

/// Declared groupings' sizes and how many member pairs work together; de facto clusters and the
/// declared grouping each mostly matches. O(Σ size² + n + m) plus community detection
/// (about O(m log n)).
ClusterSizeResult check_cluster_sizes(const graph::SchoolGraph& graph, const Settings& settings);

struct DirectionResult {
  std::vector<std::size_t> gives, receives, gives_to;  ///< per school
  std::vector<std::size_t> expert_hubs;                ///< id order
  std::size_t one_way_records = 0;
  std::optional<double> reciprocity;
  std::vector<std::size_t> grouping_records;           ///< per grouping: records within it
  std::vector<std::optional<double>> grouping_reciprocity;
  std::vector<Finding> findings;  ///< one-way-link, receive-only-, give-only-school, expert-hub
};

/// One-way ("expert") records, per-school giving/receiving, reciprocity overall and within each
/// grouping (records with both ends among its members). O(r + Σ grouping sizes).
DirectionResult analyse_direction(const graph::SchoolGraph& graph, const Settings& settings);

struct StaffResult {
  std::vector<StaffFigures> schools;  ///< by school index
  StaffCoverage coverage;
  std::vector<Finding> findings;      ///< key-person, low-penetration-school
};

/// Staff roll-up (staff.cpp): per school, staff on file, staff named on partnership records
/// taking part, penetration beyond senior leadership; key persons who alone carry a pair's
/// records (2 or more) or all of a school's records (2 or more). Records without a staff list
/// are unknown, never "nobody". O(staff + Σ record staff + r log r).
StaffResult analyse_staff(const graph::SchoolGraph& graph, const Settings& settings);

struct SurveyResult {
  std::optional<SurveyFigures> figures;  ///< survey networks only
  std::vector<bool> keep;                ///< per record: takes part under settings' --ties
  std::vector<Finding> findings;         ///< disputed-link
};

/// Confirmation of every record, the survey figures and disputed links. O(records + schools
/// log schools). Runs before the graph is built: --ties confirmed leaves records out of it.
SurveyResult analyse_survey(const Network& network, const Settings& settings);

}  // namespace collabnet::passes
