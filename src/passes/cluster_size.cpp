// Cluster size: declared groupings against the 2-to-8-schools guidance (NFER 2007), whether their
// members actually work together, and the de facto clusters the partnerships form.

#include <algorithm>
#include <map>
#include <tuple>

#include "passes/passes.hpp"

namespace collabnet::passes {
namespace {

bool linked(const graph::SchoolGraph& g, std::size_t a, std::size_t b) {
  const auto row = g.neighbours(a);
  return std::binary_search(row.begin(), row.end(), static_cast<graph::Vertex>(b));
}

}  // namespace

ClusterSizeResult check_cluster_sizes(const graph::SchoolGraph& g, const Settings& settings) {
  const Network& net = *g.network;
  const std::size_t max = settings.max_grouping_size;
  ClusterSizeResult r;
  r.groupings.resize(net.groupings.size());
  for (std::size_t gi = 0; gi < net.groupings.size(); ++gi) {
    const Grouping& grouping = net.groupings[gi];
    std::vector<std::size_t> members = grouping.members;
    std::sort(members.begin(), members.end());
    members.erase(std::unique(members.begin(), members.end()), members.end());
    GroupingFigures& fig = r.groupings[gi];
    fig.size = members.size();
    fig.oversize = fig.size > max;
    fig.undersize = fig.size < 2;
    fig.member_pairs = fig.size * (fig.size - (fig.size > 0 ? 1 : 0)) / 2;
    std::vector<bool> has_partner(members.size(), false);
    for (std::size_t i = 0; i < members.size(); ++i)
      for (std::size_t j = i + 1; j < members.size(); ++j)
        if (linked(g, members[i], members[j])) {
          ++fig.linked_pairs;
          has_partner[i] = has_partner[j] = true;
        }
    fig.unlinked_members =
        static_cast<std::size_t>(std::count(has_partner.begin(), has_partner.end(), false));

    const std::string label = grouping_label(net, gi);
    if (fig.oversize) {
      Finding f{"oversize-grouping", {grouping.id}, "", {}};
      f.message = label + " has " + std::to_string(fig.size) + " member schools, more than " +
                  std::to_string(max) +
                  ": the most effective collaborations have 2 to 8 schools (NFER 2007).";
      f.extra.emplace_back("size", static_cast<std::int64_t>(fig.size));
      f.extra.emplace_back("max", static_cast<std::int64_t>(max));
      r.findings.push_back(std::move(f));
    }
    if (fig.undersize) {
      Finding f{"undersize-grouping", {grouping.id}, "", {}};
      f.message = label + " has " + count_of(fig.size, "member school", "member schools") +
                  ": a collaboration needs at least 2.";
      f.extra.emplace_back("size", static_cast<std::int64_t>(fig.size));
      r.findings.push_back(std::move(f));
    }
    if (fig.size >= 2 && fig.linked_pairs == 0) {
      Finding f{"dormant-grouping", {grouping.id}, "", {}};
      f.message = label + " is declared with " + std::to_string(fig.size) +
                  " schools, but none of them has a partnership with another member: declared "
                  "but not working together.";
      f.extra.emplace_back("size", static_cast<std::int64_t>(fig.size));
      r.findings.push_back(std::move(f));
    }
  }

  // De facto clusters: relabel the partition deterministically (descending size, ties by the
  // smallest member id) and drop schools that are alone.
  const CommunityPartition partition = detect_communities(g, settings.community_seed);
  r.modularity = partition.modularity;
  std::map<std::size_t, std::vector<std::size_t>> by_label;
  for (std::size_t rank = 0; rank < g.n; ++rank)
    by_label[partition.membership[g.by_id[rank]]].push_back(g.by_id[rank]);
  std::vector<std::vector<std::size_t>> groups;
  for (auto& [label, members] : by_label)
    if (members.size() >= 2) groups.push_back(std::move(members));
  std::sort(groups.begin(), groups.end(), [&](const auto& x, const auto& y) {
    return std::tuple{y.size(), g.id_rank[x.front()]} < std::tuple{x.size(), g.id_rank[y.front()]};
  });
  r.community_of.assign(g.n, std::nullopt);
  std::vector<std::vector<std::size_t>> groupings_of(g.n);
  for (std::size_t gi = 0; gi < net.groupings.size(); ++gi) {
    for (std::size_t s : net.groupings[gi].members)
      if (groupings_of[s].empty() || groupings_of[s].back() != gi) groupings_of[s].push_back(gi);
  }
  for (auto& s_list : groupings_of) {  // duplicate members must not count twice
    std::sort(s_list.begin(), s_list.end());
    s_list.erase(std::unique(s_list.begin(), s_list.end()), s_list.end());
  }
  std::vector<std::size_t> overlap(net.groupings.size(), 0);
  for (std::size_t ci = 0; ci < groups.size(); ++ci) {
    Community c;
    c.members = std::move(groups[ci]);
    c.oversize = c.members.size() > max;
    std::vector<std::size_t> touched;
    for (std::size_t s : c.members) {
      r.community_of[s] = ci;
      for (std::size_t gi : groupings_of[s])
        if (overlap[gi]++ == 0) touched.push_back(gi);
    }
    // Best match: most shared members, then higher Jaccard (a tighter fit), then smaller id.
    for (std::size_t gi : touched) {
      const double jaccard = static_cast<double>(overlap[gi]) /
                             static_cast<double>(c.members.size() + r.groupings[gi].size -
                                                 overlap[gi]);
      const bool better =
          !c.grouping || overlap[gi] > c.overlap ||
          (overlap[gi] == c.overlap &&
           (jaccard > c.jaccard ||
            (jaccard == c.jaccard && net.groupings[gi].id < net.groupings[*c.grouping].id)));
      if (better) {
        c.grouping = gi;
        c.overlap = overlap[gi];
        c.jaccard = jaccard;
      }
    }
    for (std::size_t gi : touched) overlap[gi] = 0;
    if (c.oversize) {
      const std::string id = "community-" + std::to_string(ci + 1);
      Finding f{"oversize-community", {id}, "", {}};
      f.message = std::to_string(c.members.size()) +
                  " schools work together as one de facto cluster, including " +
                  school_label(net, c.members.front()) + ", more than " + std::to_string(max) +
                  " schools";
      if (c.grouping)
        f.message += " (it mostly matches " + grouping_label(net, *c.grouping) + ")";
      f.message += ".";
      f.extra.emplace_back("size", static_cast<std::int64_t>(c.members.size()));
      if (c.grouping) f.extra.emplace_back("grouping", net.groupings[*c.grouping].id);
      r.findings.push_back(std::move(f));
    }
    r.communities.push_back(std::move(c));
  }
  return r;
}

}  // namespace collabnet::passes
