// Direction: one-way ("expert") partnerships, where knowledge flows from one school to another
// only. Useful, but a school that only ever receives risks dependency rather than collaboration.

#include <algorithm>

#include "passes/passes.hpp"

namespace collabnet::passes {

DirectionResult analyse_direction(const graph::SchoolGraph& g, const Settings& settings) {
  const Network& net = *g.network;
  const std::size_t n = g.n;
  DirectionResult r;
  r.gives.assign(n, 0);
  r.receives.assign(n, 0);
  r.gives_to.assign(n, 0);
  std::vector<bool> has_mutual(n, false);
  std::vector<std::size_t> received_from(n, 0);
  std::vector<std::string> one_way_ids;
  std::vector<Finding> one_way_links;

  std::size_t mutual = 0;
  for (std::size_t p : g.records) {
    const Partnership& rec = g.record(p);
    if (rec.direction == Direction::mutual) {
      ++mutual;
      has_mutual[rec.from] = has_mutual[rec.to] = true;
    } else {
      ++r.one_way_records;
      ++r.gives[rec.from];
      ++r.receives[rec.to];
    }
  }
  if (!g.records.empty())
    r.reciprocity = static_cast<double>(mutual) / static_cast<double>(g.records.size());

  // Per linked pair: which ways its one-way records run, and whether it has a mutual one.
  for (const graph::Link& link : g.links) {
    bool any_mutual = false, a_to_b = false, b_to_a = false;
    for (std::size_t p : g.records_of(link)) {
      const Partnership& rec = g.record(p);
      if (rec.direction == Direction::mutual)
        any_mutual = true;
      else if (rec.from == link.a)
        a_to_b = true;
      else
        b_to_a = true;
    }
    if (a_to_b) {
      ++r.gives_to[link.a];
      ++received_from[link.b];
    }
    if (b_to_a) {
      ++r.gives_to[link.b];
      ++received_from[link.a];
    }
    if (any_mutual || (a_to_b && b_to_a)) continue;
    for (std::size_t p : g.records_of(link)) {
      const Partnership& rec = g.record(p);
      Finding f{"one-way-link", {rec.id}, "", {}};
      f.message = school_label(net, rec.from) + " gives one-way support to " +
                  school_label(net, rec.to) + partnership_id_note(rec) +
                  " and nothing runs back: the receiving school may come to depend on it.";
      f.extra.emplace_back("from", net.schools[rec.from].id);
      f.extra.emplace_back("to", net.schools[rec.to].id);
      r.findings.push_back(std::move(f));
    }
  }

  for (std::size_t rank = 0; rank < n; ++rank) {
    const std::size_t v = g.by_id[rank];
    const std::string& id = net.schools[v].id;
    if (r.receives[v] > 0 && r.gives[v] == 0 && !has_mutual[v]) {
      Finding f{"receive-only-school", {id}, "", {}};
      f.message = school_label(net, v) + " only receives one-way support (from " +
                  count_of(received_from[v], "school", "schools") +
                  ") and has no two-way partnership: it takes part as a dependant, not a partner.";
      f.extra.emplace_back("receives_from", static_cast<std::int64_t>(received_from[v]));
      r.findings.push_back(std::move(f));
    }
    if (r.gives_to[v] >= 2 && r.receives[v] == 0) {
      Finding f{"give-only-school", {id}, "", {}};
      f.message = school_label(net, v) + " gives one-way support to " +
                  count_of(r.gives_to[v], "school", "schools") +
                  " and receives none: its own staff may gain little from the network.";
      f.extra.emplace_back("gives_to", static_cast<std::int64_t>(r.gives_to[v]));
      r.findings.push_back(std::move(f));
    }
    if (r.gives_to[v] >= settings.expert_hub_min && r.gives_to[v] > 0) {
      r.expert_hubs.push_back(v);
      Finding f{"expert-hub", {id}, "", {}};
      f.message = school_label(net, v) + " is an expert hub giving one-way support to " +
                  count_of(r.gives_to[v], "school", "schools") +
                  ": if its capacity runs out, they all lose that support.";
      f.extra.emplace_back("gives_to", static_cast<std::int64_t>(r.gives_to[v]));
      r.findings.push_back(std::move(f));
    }
  }

  // Reciprocity within each grouping: records with both ends among its members.
  r.grouping_records.assign(net.groupings.size(), 0);
  r.grouping_reciprocity.assign(net.groupings.size(), std::nullopt);
  std::vector<std::size_t> mark(n, 0);  // grouping index + 1 of the last marking
  for (std::size_t gi = 0; gi < net.groupings.size(); ++gi) {
    std::vector<std::size_t> members = net.groupings[gi].members;
    std::sort(members.begin(), members.end());
    members.erase(std::unique(members.begin(), members.end()), members.end());
    for (std::size_t s : members) mark[s] = gi + 1;
    std::size_t within = 0, within_mutual = 0;
    for (std::size_t s : members) {
      for (std::uint32_t slot = g.offsets[s]; slot < g.offsets[s + 1]; ++slot) {
        const graph::Vertex t = g.adjacent[slot];
        if (t < s || mark[t] != gi + 1) continue;  // each pair once, from its lower index
        for (std::size_t p : g.records_of(g.links[g.adjacent_link[slot]])) {
          ++within;
          if (g.record(p).direction == Direction::mutual) ++within_mutual;
        }
      }
    }
    r.grouping_records[gi] = within;
    if (within > 0)
      r.grouping_reciprocity[gi] =
          static_cast<double>(within_mutual) / static_cast<double>(within);
  }
  return r;
}

}  // namespace collabnet::passes
