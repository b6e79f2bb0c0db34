// Isolation: the schools most at risk of professional isolation, and why.

#include <algorithm>
#include <tuple>

#include "output/format.hpp"
#include "passes/passes.hpp"

namespace collabnet::passes {
namespace {

std::string risk_words(const School& school, bool small, bool rural) {
  if (small && rural) return "a small rural school (" + std::to_string(*school.roll) + " pupils)";
  if (small) return "a small school (" + std::to_string(*school.roll) + " pupils)";
  if (rural) return "a rural school";
  return "";
}

}  // namespace

IsolationResult find_isolation(const graph::SchoolGraph& g, const Settings& settings,
                               const ConnectivityResult& connectivity,
                               const CentralityResult& centrality) {
  const Network& net = *g.network;
  IsolationResult r;
  for (std::size_t v = 0; v < g.n; ++v) {
    const School& school = net.schools[v];
    const bool small = school.roll && *school.roll < settings.small_school_roll;
    const bool rural = school.rural.value_or(false);
    const std::string risk = risk_words(school, small, rural);
    const std::string label = school_label(net, v);
    IsolationEntry entry{v, IsolationConcern::no_partner, std::nullopt, small, rural};
    if (centrality.degree[v] == 0) {
      Finding f{"isolated-school", {school.id}, "", {}};
      f.message = label + (risk.empty() ? "" : ", " + risk + ",") +
                  " has no partnership with any other school.";
      if (school.roll) f.extra.emplace_back("small", small);
      if (school.rural) f.extra.emplace_back("rural", *school.rural);
      r.findings.push_back(std::move(f));
    } else if (centrality.degree[v] == 1) {
      entry.concern = IsolationConcern::one_partner;
      const std::size_t partner = g.neighbours(v)[0];
      entry.hangs_on = connectivity.hangs_on[v];
      Finding f{"weakly-connected-school", {school.id}, "", {}};
      f.message = label + (risk.empty() ? "" : ", " + risk + ",") +
                  " works with only one other school: " + school_label(net, partner) + ".";
      f.extra.emplace_back("partner", net.schools[partner].id);
      if (school.roll) f.extra.emplace_back("small", small);
      if (school.rural) f.extra.emplace_back("rural", *school.rural);
      r.findings.push_back(std::move(f));
    } else if (connectivity.hangs_on[v]) {
      // One partner schools are already reported above; their partner is necessarily the cut
      // school they hang on, so a second finding would only repeat it.
      entry.concern = IsolationConcern::hangs_on_school;
      entry.hangs_on = connectivity.hangs_on[v];
      const std::size_t cut = *entry.hangs_on;
      Finding f{"hangs-on-school", {school.id}, "", {}};
      f.message = label + " reaches most of its network only through " + school_label(net, cut) +
                  ": if that school withdraws, it is cut off from most of them.";
      f.extra.emplace_back("on", net.schools[cut].id);
      r.findings.push_back(std::move(f));
    } else {
      continue;
    }
    r.ranking.push_back(entry);
  }
  // kIsolationRule: small and rural first (both before either), then the concern, then lower
  // closeness (farther from everyone), then id.
  std::sort(r.ranking.begin(), r.ranking.end(),
            [&](const IsolationEntry& x, const IsolationEntry& y) {
              const int rx = int{x.small} + int{x.rural}, ry = int{y.small} + int{y.rural};
              // Closeness as printed (9 decimals): schools that tie there are ranked by id,
              // whatever the last bits of their sums (which the order of addition decides).
              return std::tuple{-rx, static_cast<int>(x.concern),
                                output::round9(centrality.closeness[x.school]),
                                g.id_rank[x.school]} <
                     std::tuple{-ry, static_cast<int>(y.concern),
                                output::round9(centrality.closeness[y.school]),
                                g.id_rank[y.school]};
            });
  return r;
}

}  // namespace collabnet::passes
