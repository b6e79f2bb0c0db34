// compare_analyses (compare.hpp): the diff of two analyses. Links come from the same school graph
// analyse() builds (graph::build_school_graph with the analysis' own date); sizes, isolation,
// findings and depth levels are read from the two Analysis objects.
#include <algorithm>
#include <map>
#include <set>
#include <iterator>
#include <tuple>
#include <variant>

#include "collabnet/compare.hpp"
#include "depth/depth.hpp"
#include "graph/school_graph.hpp"

namespace collabnet {
namespace {

using Pair = std::pair<std::string, std::string>;

/// Linked pairs (ids, a < b) → summed weight, over the records that took part in the analysis.
std::map<Pair, double> links_of(const Network& net, const Analysis& a) {
  const graph::SchoolGraph g = graph::build_school_graph(net, a.network.as_of);
  std::map<Pair, double> out;
  for (const graph::Link& l : g.links) {
    std::string x = net.schools[l.a].id, y = net.schools[l.b].id;
    if (y < x) std::swap(x, y);
    out.emplace(Pair(std::move(x), std::move(y)), l.weight);
  }
  return out;
}

std::string extra_string(const Finding& f, std::string_view key) {
  for (const auto& [k, v] : f.extra)
    if (k == key)
      if (const auto* s = std::get_if<std::string>(&v)) return *s;
  return "";
}

/// A finding's identity across waves: kind, subject, and a depth finding's indicator.
using FindingKey = std::tuple<std::string, std::vector<std::string>, std::string>;
FindingKey key_of(const Finding& f) { return {f.kind, f.subject, extra_string(f, "indicator")}; }

WaveSummary summary_of(const Network& net, const Analysis& a) {
  WaveSummary w;
  w.name = net.name;
  w.as_of = a.network.as_of ? a.network.as_of : net.as_of;
  w.schools = a.network.schools;
  w.links = a.network.links;
  return w;
}

}  // namespace

bool ChangeReport::empty() const {
  return schools_added.empty() && schools_removed.empty() && gained.empty() && lost.empty() &&
         stronger.empty() && weaker.empty() && new_findings.empty() && resolved_findings.empty() &&
         groupings.empty() && depth.empty();
}

ChangeReport compare_analyses(const Network& before, const Analysis& ab, const Network& after,
                              const Analysis& aa) {
  ChangeReport r;
  r.settings = aa.settings;
  r.before = summary_of(before, ab);
  r.after = summary_of(after, aa);

  std::set<std::string> ids_before, ids_after;
  for (const School& s : before.schools) ids_before.insert(s.id);
  for (const School& s : after.schools) ids_after.insert(s.id);
  std::set_difference(ids_after.begin(), ids_after.end(), ids_before.begin(), ids_before.end(),
                      std::back_inserter(r.schools_added));
  std::set_difference(ids_before.begin(), ids_before.end(), ids_after.begin(), ids_after.end(),
                      std::back_inserter(r.schools_removed));

  const auto lb = links_of(before, ab), la = links_of(after, aa);
  for (const auto& [pair, w] : la) {
    auto it = lb.find(pair);
    if (it == lb.end())
      r.gained.push_back({pair.first, pair.second, 0, w});
    else if (w > it->second)
      r.stronger.push_back({pair.first, pair.second, it->second, w});
    else if (w < it->second)
      r.weaker.push_back({pair.first, pair.second, it->second, w});
    else
      r.unchanged.push_back({pair.first, pair.second, w, w});
  }
  for (const auto& [pair, w] : lb)
    if (!la.count(pair)) r.lost.push_back({pair.first, pair.second, w, 0});

  // Findings: new (after only), resolved (before only), persisting (both), per kind.
  std::multiset<FindingKey> kb, ka;
  for (const Finding& f : ab.findings) kb.insert(key_of(f));
  for (const Finding& f : aa.findings) ka.insert(key_of(f));
  std::map<std::string, std::size_t> persisting;
  for (const Finding& f : aa.findings) {
    if (kb.count(key_of(f)))
      ++persisting[f.kind];
    else
      r.new_findings.push_back(f);
  }
  for (const Finding& f : ab.findings)
    if (!ka.count(key_of(f))) r.resolved_findings.push_back(f);
  for (std::string_view kind : kFindingKinds)
    r.persisting.emplace_back(std::string(kind), persisting[std::string(kind)]);
  for (const auto& [kind, n] : persisting)  // kinds this version does not list (never, today)
    if (finding_kind_rank(kind) < 0) r.persisting.emplace_back(kind, n);

  auto isolated_in_both = [&](const std::vector<Finding>& list, std::vector<std::string>& out) {
    for (const Finding& f : list)
      if (f.kind == "isolated-school" && ids_before.count(f.subject[0]) &&
          ids_after.count(f.subject[0]))
        out.push_back(f.subject[0]);
    std::sort(out.begin(), out.end());
  };
  isolated_in_both(r.new_findings, r.newly_isolated);
  isolated_in_both(r.resolved_findings, r.no_longer_isolated);

  // Groupings by id: sizes from each analysis.
  std::map<std::string, GroupingChange> groups;
  for (std::size_t gi = 0; gi < before.groupings.size(); ++gi) {
    GroupingChange& c = groups[before.groupings[gi].id];
    c.id = before.groupings[gi].id;
    c.size_before = ab.groupings[gi].size;
  }
  for (std::size_t gi = 0; gi < after.groupings.size(); ++gi) {
    GroupingChange& c = groups[after.groupings[gi].id];
    c.id = after.groupings[gi].id;
    c.size_after = aa.groupings[gi].size;
  }
  for (auto& [id, c] : groups) {
    if (c.size_before == c.size_after) continue;
    const std::size_t max = aa.settings.max_grouping_size;
    c.crossed_max = c.size_before && c.size_after && ((*c.size_before > max) != (*c.size_after > max));
    r.groupings.push_back(c);
  }

  // Depth: each subject and indicator's level as of each wave's date.
  using DKey = std::tuple<std::string, std::string, std::string>;
  std::map<DKey, DepthChange> levels;
  auto read = [&](const Analysis& a, const std::optional<std::string>& date, bool is_before) {
    for (const DepthSubject& s : a.depth.subjects)
      for (const IndicatorSeries& is : s.indicators) {
        const std::optional<int> level =
            date ? depth::level_as_of(is, *date) : std::optional<int>(is.latest);
        if (!level) continue;
        DepthChange& c = levels[DKey(s.subject_kind, s.subject, is.indicator)];
        c.subject = s.subject;
        c.subject_kind = s.subject_kind;
        c.indicator = is.indicator;
        (is_before ? c.before : c.after) = level;
      }
  };
  read(ab, r.before.as_of, true);
  read(aa, r.after.as_of, false);
  for (auto& [key, c] : levels)
    if (c.before != c.after) r.depth.push_back(c);
  return r;
}

}  // namespace collabnet
