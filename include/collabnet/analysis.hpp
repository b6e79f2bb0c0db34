#pragma once
// The analysis of a network: every figure the outputs show, computed once by analyse().
// Plain structs, std-only. Vectors over schools are indexed by the school's index in
// Network::schools; lists meant for output are already sorted by id (code-point order).

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "collabnet/depth.hpp"
#include "collabnet/finding.hpp"
#include "collabnet/network.hpp"
#include "collabnet/settings.hpp"

namespace collabnet {

/// Whole-network figures (analysis-output.md, "network").
struct NetworkFigures {
  /// The date the analysis is for, or nullopt (every record counts): Settings::as_of when given,
  /// else the network's own as_of when Settings::network_as_of.
  std::optional<std::string> as_of;
  /// Where as_of came from: "given" (--as-of DATE), "file" (the network's own as_of, the
  /// default) or "all" (no date: --as-of all, or none in the file).
  std::string as_of_basis = "all";
  std::size_t schools = 0;
  std::size_t partnerships = 0;          ///< partnership records taking part
  std::size_t partnerships_in_file = 0;  ///< all records, active or not
  /// Without as_of (--as-of all): records whose `until` is before the file's own as_of (they
  /// still count).
  std::size_t ended_before_file_as_of = 0;
  std::size_t links = 0;                 ///< distinct linked pairs (collapsed graph)
  std::vector<std::size_t> component_sizes;  ///< descending
  std::vector<std::size_t> isolates;     ///< school indices without any partnership, id order
  std::size_t articulation_points = 0;
  /// Bridge links as school index pairs (first has the smaller id), sorted by ids.
  std::vector<std::pair<std::size_t, std::size_t>> bridges;
  double density = 0;                    ///< 2·links / (n(n−1)); 0 when n < 2
  std::optional<double> reciprocity;     ///< share of records that are mutual; none: no records
  std::size_t one_way_records = 0;
  /// 0: betweenness and closeness are exact. K > 0: both are estimates from K sampled source
  /// schools (Settings::sample); every output says so.
  std::size_t sampled_sources = 0;
  /// With Settings::sample_error: the sources its bound asks for (at least 2). Less than
  /// `schools`: sampled_sources is this, and every output says "± EPS with probability P";
  /// otherwise the figures are exact and the outputs say that instead. 0 without it.
  std::uint64_t error_sources = 0;
};

/// Per-school figures. Metric semantics: DESIGN.md ("Metric semantics").
struct SchoolFigures {
  std::size_t degree = 0;        ///< distinct partner schools
  std::size_t partnerships = 0;  ///< partnership records touching the school
  double strength = 0;           ///< sum of those records' weights
  double betweenness = 0;        ///< hop-count shortest paths, NetworkX normalized=True
  double closeness = 0;          ///< harmonic closeness / (n − 1); 0 when n < 2
  double pagerank = 0;           ///< summed weights, damping 0.85, dangling mass spread uniformly
  std::size_t component = 0;     ///< 0 = largest component
  bool articulation = false;     ///< a cut school
  std::size_t gives = 0;         ///< one-way records in which it is `from`
  std::size_t receives = 0;      ///< one-way records in which it is `to`
  std::size_t gives_to = 0;      ///< distinct schools it gives one-way to
  std::optional<std::size_t> community;  ///< index into Analysis::communities; none: alone
  bool small = false;            ///< roll known and < small_school_roll
  bool rural = false;            ///< rural known and true
};

/// One declared grouping, with how much its members actually work together.
struct GroupingFigures {
  std::size_t size = 0;          ///< distinct member schools
  bool oversize = false;         ///< size > max_grouping_size
  bool undersize = false;        ///< size < 2
  std::size_t member_pairs = 0;  ///< size·(size−1)/2
  std::size_t linked_pairs = 0;  ///< member pairs joined by at least one partnership
  std::size_t unlinked_members = 0;  ///< members with no partnership to another member
  std::size_t records_within = 0;    ///< records with both ends in the grouping
  std::optional<double> reciprocity; ///< share of records_within that are mutual
};

/// A de facto cluster found by community detection (Louvain, modularity, summed weights).
struct Community {
  std::vector<std::size_t> members;  ///< school indices, id order
  bool oversize = false;             ///< more than max_grouping_size schools
  std::optional<std::size_t> grouping;  ///< declared grouping sharing most members, if any
  std::size_t overlap = 0;           ///< members shared with that grouping
  double jaccard = 0;                ///< |C ∩ G| / |C ∪ G| for that grouping
};

/// Why a school is in the isolation ranking, most serious first.
enum class IsolationConcern { no_partner, one_partner, hangs_on_school };

struct IsolationEntry {
  std::size_t school = 0;
  IsolationConcern concern = IsolationConcern::no_partner;
  std::optional<std::size_t> hangs_on;  ///< the cut school it depends on, if any
  bool small = false, rural = false;
};

/// Staff roll-up of one school (the staff pass). Staff are counted, never named. "Involved" means
/// named on a partnership record taking part in the analysis (any record, not only the school's
/// own). Records without a staff list are unknown, not "nobody": figures built from staff lists
/// are lower bounds when only some records list their staff (see records_with_staff).
struct StaffFigures {
  std::size_t on_file = 0;             ///< staff whose home school it is
  std::size_t records = 0;             ///< partnership records touching the school
  std::size_t records_with_staff = 0;  ///< of those, records with a staff list
  /// Home staff named on any record; nullopt (unknown) when the school has records but none of
  /// them lists its staff and no other record names its staff either.
  std::optional<std::size_t> involved;
  std::size_t involved_leadership = 0;   ///< involved with role headteacher or depute
  std::size_t involved_role_unknown = 0; ///< involved without a role
  std::optional<double> share_involved;  ///< involved / on_file; nullopt: unknown or no staff
  /// Penetration beyond senior leadership (NFER 2007, depth of collaboration): the share of
  /// involved staff with a known role that is not headteacher or depute. nullopt: no involved
  /// staff with a known role.
  std::optional<double> penetration;
  bool low_penetration = false;  ///< involved staff are all leadership (a low-penetration-school)
};

/// Network-wide staff figures: how much of the partnership data names its staff.
struct StaffCoverage {
  std::size_t staff = 0;               ///< staff on file
  std::size_t involved = 0;            ///< staff named on a record taking part
  std::size_t records = 0;             ///< partnership records taking part
  std::size_t records_with_staff = 0;  ///< of those, with a staff list
  std::optional<double> coverage;      ///< records_with_staff / records; nullopt: no records
  std::size_t key_persons = 0;         ///< distinct staff in key-person findings
};

/// Survey figures (analysis-output.md, "survey"): only for networks with a `survey` object.
/// Counts are partnership records in the file by confirmation (network-format.md).
struct SurveyFigures {
  std::string name;                  ///< the survey's name, "" when not given
  std::optional<std::string> closed;
  std::size_t schools = 0;           ///< schools in the network
  std::size_t respondents = 0;       ///< schools that answered
  double response_rate = 0;          ///< respondents / schools (0 without schools)
  std::size_t confirmed = 0, unconfirmed = 0, disputed = 0, not_surveyed = 0;
  /// Per record of Network::partnerships (file order), its confirmation.
  std::vector<Confirmation> confirmation;
  /// Schools that did not answer, small and rural first (both before either), then by id.
  std::vector<std::size_t> non_respondents;
  /// Records left out of the analysis by --ties confirmed (unconfirmed + disputed); 0 with all.
  std::size_t left_out = 0;
};

/// Each record's confirmation (network-format.md), in file order; empty without a survey.
/// O(records + respondents).
std::vector<Confirmation> confirmations(const Network& network);

/// "confirmed", "unconfirmed", "disputed", "not surveyed".
const char* to_string(Confirmation c);

struct Analysis {
  Settings settings;
  NetworkFigures network;
  std::vector<SchoolFigures> schools;      ///< by school index
  std::vector<GroupingFigures> groupings;  ///< by grouping index
  std::vector<Community> communities;      ///< size ≥ 2; descending size, ties by smallest id
  double modularity = 0;                   ///< of the community partition (0 without links)
  std::vector<std::size_t> expert_hubs;    ///< school indices, id order
  std::vector<IsolationEntry> isolation;   ///< ranked, most at risk first (rule: kIsolationRule)
  std::vector<Finding> findings;           ///< by urgency (kFindingKinds order), then subject
  std::vector<StaffFigures> staff;         ///< by school index (the staff pass)
  StaffCoverage staff_coverage;
  std::optional<SurveyFigures> survey;     ///< survey networks only
  DepthFigures depth;                      ///< framework ratings and partnership levels
};

/// The ranking rule of Analysis::isolation, in words, printed with the list.
inline constexpr const char* kIsolationRule =
    "small schools (roll below the small-school line) and rural schools first (both before "
    "either), then schools with no partner, one partner, or hanging on one school; ties by "
    "lower closeness, then id";

/// Analyses `network` with `settings`: builds the school graph once (keeping only partnerships
/// active on settings.as_of, if given) and runs the connectivity, centrality, isolation,
/// cluster-size, direction and staff passes. Deterministic: the same network and settings give the
/// same Analysis whatever settings.threads is.
/// Complexity: O(n·(n + m)) time for exact betweenness/closeness (n schools, m links), spread
/// over settings.threads (O(K·(n + m)) with settings.sample = K); O(n + m + records) memory plus
/// O(128·n) per thread for the batched shortest-path figures.
/// Throws InputError when settings.as_of is not a valid ISO date. A valid Network never throws
/// otherwise (an empty network gives an empty Analysis).
Analysis analyse(const Network& network, const Settings& settings);

}  // namespace collabnet
