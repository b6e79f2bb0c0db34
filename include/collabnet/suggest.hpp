#pragma once
// Partner suggestions (docs/contract/suggestions-output.md): for schools at risk of isolation,
// feasible new partners (near, a fitting sector, not already linked) that most raise the school's
// harmonic closeness, and a network plan of few new links that leaves as few schools as possible
// hanging on one link. Plain structs, std-only.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "collabnet/analysis.hpp"
#include "collabnet/network.hpp"
#include "collabnet/settings.hpp"

namespace collabnet {

/// A new partner is feasible within this many km, great-circle: the contract's default, about
/// half an hour's drive in rural Scotland, so that staff can meet in a working afternoon.
inline constexpr double kDefaultMaxKm = 25;
/// How many suggestions each school gets (the contract's default).
inline constexpr std::size_t kDefaultPerSchool = 3;

/// What to suggest, for whom (the analysis date and threads come from Settings). Each setting
/// is a flag and a --config key (max_km, per_school, any_sector).
struct SuggestRequest {
  std::vector<std::string> for_ids;  ///< --for: these schools; empty: every at-risk school
  std::size_t plan = 0;              ///< --plan K: at most K links; 0: no plan
  double max_km = kDefaultMaxKm;     ///< feasible partners lie within this distance
  std::size_t per_school = kDefaultPerSchool;
  bool any_sector = false;           ///< drop the rule: same sector, or one is all-through
};

struct Suggestion {
  std::size_t partner = 0;        ///< school index
  double km = 0;                  ///< great-circle distance
  double gain = 0;                ///< rise in closeness given the suggestions before it
  double closeness_after = 0;     ///< with this and every earlier suggestion added
  bool removes_dependence = false;  ///< this link alone ends the school's dependence
  /// The partner's network is one the school does not reach yet (nor through earlier
  /// suggestions): network_size is its school count. Otherwise closer counts the schools the
  /// link brings nearer.
  bool joins_network = false;
  std::size_t network_size = 0;
  std::size_t closer = 0;
  std::string reason;             ///< plain words (untrusted names inside: escape on output)
};

struct SchoolSuggestions {
  std::size_t school = 0;
  std::vector<std::string> why;   ///< finding kinds: isolated-school, weakly-connected-school, …
  bool small = false, rural = false;
  double closeness_before = 0;    ///< analyse's closeness
  bool dependent = false;         ///< has at most one partner, or hangs on one school or link
  /// All suggestions together leave it hanging on no single school or link.
  bool together_remove_dependence = false;
  std::vector<Suggestion> suggestions;
  std::string none_because;       ///< why there are no suggestions ("" when there are)
};

struct PlanStep {
  std::size_t a = 0, b = 0;       ///< school indices, a's id < b's id
  double km = 0;
  std::size_t at_risk_before = 0, at_risk_after = 0;  ///< recomputed on the graph
  double gain = 0;                ///< closeness gain of a plus that of b
  std::size_t lower_bound_after = 0;
};

struct Suggestions {
  Settings settings;              ///< as used (as_of resolved: --as-of, else the file's own)
  SuggestRequest request;         ///< as asked
  std::vector<SchoolSuggestions> schools;  ///< isolation-ranking order (then --for order)
  std::size_t without_location = 0;        ///< schools in the network without lat/lon
  std::size_t at_risk_without_location = 0;  ///< of the schools above, how many lack one
  bool plan_requested = false;
  std::size_t plan_limit = 0;
  std::size_t at_risk = 0;        ///< schools at risk before the plan (plan definition)
  std::size_t lower_bound = 0;    ///< fewest new links any plan could need (see README)
  std::vector<PlanStep> plan;
  std::string plan_stop;          ///< why the plan ended
};

/// Suggestions for `request`, on the analysis `analysis` of `network` made with `settings`.
/// Throws InputError naming --for when an id is unknown (every unknown id at once).
/// Cost: one breadth-first search from each at-risk school and, pruned to the schools whose
/// distance it shortens, from each feasible candidate (Crescenzi et al. 2016), spread over
/// settings.threads; the plan re-runs the connectivity pass once per step.
Suggestions suggest_partners(const Network& network, const Analysis& analysis,
                             const Settings& settings, const SuggestRequest& request);

/// The network with the suggested links (or, with `plan`, the plan's links) added as mutual
/// partnerships marked "proposed": true, dated from the analysis date when there is one, so that
/// analyse, render and report show the result.
Network with_proposed_links(const Network& network, const Suggestions& suggestions, bool plan);

/// Great-circle distance in km (haversine, R = 6371.0088 km, the IUGG mean Earth radius).
double great_circle_km(double lat1, double lon1, double lat2, double lon2);

/// Outputs (suggestions-output.md): text, the JSON document, and CSV tables.
std::string suggestions_to_text(const Network& network, const Suggestions& s);
std::string suggestions_to_json(const Network& network, const Suggestions& s);
std::string suggestions_csv(const Network& network, const Suggestions& s);
std::string suggestions_plan_csv(const Network& network, const Suggestions& s);

}  // namespace collabnet
