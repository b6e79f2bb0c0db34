// analyse(): builds the school graph once and runs every pass, then assembles the Analysis.

#include <algorithm>
#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <tuple>

#include "collabnet/analysis.hpp"
#include "collabnet/diagnostic.hpp"
#include "depth/depth.hpp"
#include "load/builder.hpp"
#include "passes/passes.hpp"

namespace collabnet {

int finding_kind_rank(std::string_view kind) {
  const auto* it = std::find(std::begin(kFindingKinds), std::end(kFindingKinds), kind);
  return it == std::end(kFindingKinds) ? -1 : static_cast<int>(it - std::begin(kFindingKinds));
}

bool is_iso_date(const std::string& date) { return load::is_iso_date(date); }

namespace passes {

std::string school_label(const Network& network, std::size_t school) {
  const School& s = network.schools[school];
  return s.name.empty() ? s.id : s.name + " (" + s.id + ")";
}

std::string grouping_label(const Network& network, std::size_t grouping) {
  const Grouping& g = network.groupings[grouping];
  return g.name.empty() ? g.id : g.name + " (" + g.id + ")";
}

std::string partnership_label(const Network& network, const Partnership& p) {
  const std::string between =
      "between " + school_label(network, p.from) + " and " + school_label(network, p.to);
  return p.id_generated ? "the partnership " + between : "partnership " + p.id + " " + between;
}

std::string partnership_id_note(const Partnership& p) {
  return p.id_generated ? std::string() : " (partnership " + p.id + ")";
}

std::string count_of(std::size_t n, const char* singular, const char* plural) {
  return std::to_string(n) + " " + (n == 1 ? singular : plural);
}

}  // namespace passes

Analysis analyse(const Network& network, const Settings& given) {
  if (given.as_of && !is_iso_date(*given.as_of))
    throw InputError("--as-of", "not a date written YYYY-MM-DD: \"" + *given.as_of + "\"");
  // The dated picture by default (analysis-output.md): without --as-of, a network that says
  // which date it describes is analysed as of that date; --as-of all counts every record.
  Settings settings = given;
  std::string as_of_basis = settings.as_of ? "given" : "all";
  if (!settings.as_of && settings.network_as_of && network.as_of) {
    settings.as_of = network.as_of;
    as_of_basis = "file";
  }
  auto survey = passes::analyse_survey(network, settings);
  const graph::SchoolGraph g = graph::build_school_graph(
      network, settings.as_of,
      survey.figures && settings.confirmed_ties_only ? &survey.keep : nullptr);
  const std::size_t n = g.n;

  auto connectivity = passes::find_connectivity(g, settings);
  auto centrality = passes::compute_centrality(g, settings);
  auto isolation = passes::find_isolation(g, settings, connectivity, centrality);
  auto clusters = passes::check_cluster_sizes(g, settings);
  auto direction = passes::analyse_direction(g, settings);
  auto staff = passes::analyse_staff(g, settings);
  auto rated = depth::analyse_depth(g, settings);

  Analysis a;
  a.settings = settings;
  a.settings.progress = nullptr;  // the Analysis keeps the settings, not the caller's callback
  NetworkFigures& nf = a.network;
  nf.as_of = settings.as_of;
  nf.as_of_basis = as_of_basis;
  nf.schools = n;
  nf.partnerships = g.records.size();
  nf.partnerships_in_file = network.partnerships.size();
  if (!settings.as_of && network.as_of)
    for (const Partnership& p : network.partnerships)
      if (p.until && *p.until < *network.as_of) ++nf.ended_before_file_as_of;
  nf.links = g.links.size();
  nf.component_sizes = connectivity.component_sizes;
  nf.isolates = connectivity.isolates;
  nf.articulation_points = static_cast<std::size_t>(
      std::count(connectivity.articulation.begin(), connectivity.articulation.end(), true));
  for (std::uint32_t li : connectivity.bridges) {
    std::size_t x = g.links[li].a, y = g.links[li].b;
    if (g.id_rank[x] > g.id_rank[y]) std::swap(x, y);
    nf.bridges.emplace_back(x, y);
  }
  nf.density = connectivity.density;
  nf.reciprocity = direction.reciprocity;
  nf.one_way_records = direction.one_way_records;
  nf.sampled_sources = centrality.sampled_sources;
  nf.error_sources = centrality.error_sources;

  a.schools.resize(n);
  for (std::size_t v = 0; v < n; ++v) {
    SchoolFigures& s = a.schools[v];
    s.degree = centrality.degree[v];
    s.partnerships = centrality.partnerships[v];
    s.strength = centrality.strength[v];
    s.betweenness = centrality.betweenness[v];
    s.closeness = centrality.closeness[v];
    s.pagerank = centrality.pagerank[v];
    s.component = connectivity.component[v];
    s.articulation = connectivity.articulation[v];
    s.gives = direction.gives[v];
    s.receives = direction.receives[v];
    s.gives_to = direction.gives_to[v];
    s.community = clusters.community_of[v];
    const School& school = network.schools[v];
    s.small = school.roll && *school.roll < settings.small_school_roll;
    s.rural = school.rural.value_or(false);
  }
  a.groupings = std::move(clusters.groupings);
  for (std::size_t gi = 0; gi < a.groupings.size(); ++gi) {
    a.groupings[gi].records_within = direction.grouping_records[gi];
    a.groupings[gi].reciprocity = direction.grouping_reciprocity[gi];
  }
  a.communities = std::move(clusters.communities);
  a.modularity = clusters.modularity;
  a.expert_hubs = std::move(direction.expert_hubs);
  a.isolation = std::move(isolation.ranking);
  a.staff = std::move(staff.schools);
  a.staff_coverage = staff.coverage;
  a.survey = std::move(survey.figures);
  a.depth = std::move(rated.figures);

  for (auto* list : {&connectivity.findings, &isolation.findings, &clusters.findings,
                     &direction.findings, &staff.findings, &survey.findings, &rated.findings})
    for (Finding& f : *list) a.findings.push_back(std::move(f));
  // Most urgent kind first; within a kind by subject (ids in code-point order), except that the
  // schools at risk of isolation come in the isolation ranking (small rural ones first), the
  // order the report uses: every list of at-risk schools has one order.
  // De facto communities keep their own order (by size), not "community-10" < "community-2".
  std::unordered_map<std::string_view, std::size_t> at_risk;  // school id → isolation rank
  for (std::size_t i = 0; i < a.isolation.size(); ++i)
    at_risk.emplace(network.schools[a.isolation[i].school].id, i);
  auto risk_rank = [&](const Finding& f) -> std::size_t {
    if (f.subject.size() != 1) return SIZE_MAX;
    const auto it = at_risk.find(f.subject[0]);
    return it == at_risk.end() ? SIZE_MAX : it->second;
  };
  std::stable_sort(a.findings.begin(), a.findings.end(), [&](const Finding& x, const Finding& y) {
    if (x.kind == y.kind && x.kind == "oversize-community") return false;
    const int rx = finding_kind_rank(x.kind), ry = finding_kind_rank(y.kind);
    if (rx != ry) return rx < ry;
    if (x.kind == "isolated-school" || x.kind == "weakly-connected-school" ||
        x.kind == "hangs-on-school") {
      const std::size_t kx = risk_rank(x), ky = risk_rank(y);
      if (kx != ky) return kx < ky;
    }
    return x.subject < y.subject;
  });
  return a;
}

}  // namespace collabnet
