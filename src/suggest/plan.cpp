// The network plan (suggestions-output.md, "The network plan"): greedy over feasible pairs, each
// step adding the link that leaves the fewest schools at risk, ties by the two schools' closeness
// gains, then distance. Every step's at-risk count is recomputed by the connectivity pass on the
// graph with the links added; the candidates of a step are ranked on the bridge tree.
//
// At risk (the plan's sense): a school with at most one partner, or on the strictly smaller side
// of a bridge. On the bridge tree of a component (its 2-edge-connected pieces, joined by the
// bridges), weighted by schools, every bridge's smaller side lies away from the weighted
// centroid; so the schools not at risk by a bridge are those of the centroid piece (and of the
// piece across a bridge that splits the component exactly in half). Adding a link inside a
// component turns the bridges on its tree path into cycle links and leaves every other bridge's
// sides as they were; a link between components moves the centroid along one path. Both are
// evaluated in time proportional to that path.

#include <algorithm>
#include <cmath>
#include <tuple>

#include "graph/school_graph.hpp"
#include "passes/shortest_paths.hpp"
#include "suggest/suggest_internal.hpp"

namespace collabnet::suggest {
namespace {

constexpr std::uint32_t kNone = kFar;

/// The bridge forest of a graph, each tree rooted at its weighted centroid.
struct Forest {
  std::vector<std::uint32_t> node_of;  ///< school → piece (2-edge-connected)
  std::vector<std::uint32_t> weight, low;  ///< piece → schools; schools with ≤ 1 partner
  std::vector<std::uint32_t> parent, depth, root, sub, directed, prefix;
  std::vector<std::uint32_t> tree_degree;
  std::vector<std::uint32_t> tie;          ///< root → the child across a half-half bridge
  std::vector<std::uint32_t> total;        ///< root → schools in the component
  std::vector<std::uint32_t> risk;         ///< root → schools at risk in the component
  std::vector<char> at_risk;               ///< per school
  std::size_t at_risk_count = 0;
  std::size_t lower_bound = 0;

  bool core(std::uint32_t t) const {
    return t == root[t] || t == tie[root[t]];
  }
};

Forest build_forest(const graph::SchoolGraph& g, const passes::ConnectivityResult& c) {
  const std::size_t n = g.n;
  Forest f;
  std::vector<std::pair<Vertex, Vertex>> bridges;
  for (std::uint32_t li : c.bridges) bridges.emplace_back(g.links[li].a, g.links[li].b);
  std::sort(bridges.begin(), bridges.end());
  auto is_bridge = [&](Vertex a, Vertex b) {
    return std::binary_search(bridges.begin(), bridges.end(), std::pair{std::min(a, b), std::max(a, b)});
  };
  f.node_of.assign(n, kNone);
  std::vector<Vertex> queue;
  for (std::size_t s = 0; s < n; ++s) {
    if (f.node_of[s] != kNone) continue;
    const auto id = static_cast<std::uint32_t>(f.weight.size());
    f.weight.push_back(0);
    f.low.push_back(0);
    queue.assign(1, static_cast<Vertex>(s));
    f.node_of[s] = id;
    for (std::size_t head = 0; head < queue.size(); ++head) {
      const Vertex x = queue[head];
      ++f.weight[id];
      if (g.degree(x) <= 1) ++f.low[id];
      for (Vertex y : g.neighbours(x))
        if (f.node_of[y] == kNone && !is_bridge(x, y)) {
          f.node_of[y] = id;
          queue.push_back(y);
        }
    }
  }
  const std::size_t m = f.weight.size();
  std::vector<std::vector<std::uint32_t>> adj(m);
  for (const auto& [a, b] : bridges) {
    adj[f.node_of[a]].push_back(f.node_of[b]);
    adj[f.node_of[b]].push_back(f.node_of[a]);
  }
  f.tree_degree.resize(m);
  for (std::size_t t = 0; t < m; ++t) f.tree_degree[t] = static_cast<std::uint32_t>(adj[t].size());
  f.parent.assign(m, kNone);
  f.depth.assign(m, 0);
  f.root.assign(m, kNone);
  f.sub.assign(m, 0);
  f.directed.assign(m, 0);
  f.prefix.assign(m, 0);
  f.tie.assign(m, kNone);
  f.total.assign(m, 0);
  f.risk.assign(m, 0);
  // Each tree: root anywhere, find the weighted centroid, root again there.
  std::vector<std::uint32_t> order, par(m, kNone);
  std::vector<char> seen(m, 0);
  auto walk = [&](std::uint32_t start) {  // BFS order from start, with parents in par
    order.assign(1, start);
    par[start] = kNone;
    seen[start] = 1;
    for (std::size_t h = 0; h < order.size(); ++h)
      for (std::uint32_t u : adj[order[h]])
        if (u != par[order[h]]) {
          par[u] = order[h];
          order.push_back(u);
        }
  };
  for (std::uint32_t start = 0; start < m; ++start) {
    if (seen[start]) continue;
    walk(start);
    for (std::uint32_t t : order) seen[t] = 1;
    for (std::uint32_t t : order) f.sub[t] = f.weight[t];
    for (std::size_t k = order.size(); k-- > 1;) f.sub[par[order[k]]] += f.sub[order[k]];
    const std::uint32_t total = f.sub[start];
    std::uint32_t centroid = start;
    for (std::uint32_t t : order) {  // the first node (BFS order) whose branches are all ≤ half
      std::uint32_t heaviest = total - f.sub[t];
      for (std::uint32_t u : adj[t])
        if (u != par[t]) heaviest = std::max(heaviest, f.sub[u]);
      if (2 * heaviest <= total) {
        centroid = t;
        break;
      }
    }
    walk(centroid);
    for (std::uint32_t t : order) f.sub[t] = f.weight[t];
    for (std::size_t k = order.size(); k-- > 1;) f.sub[par[order[k]]] += f.sub[order[k]];
    for (std::uint32_t t : order) {
      f.root[t] = centroid;
      f.parent[t] = par[t];
      if (t == centroid) continue;
      const std::uint32_t p = par[t];
      f.depth[t] = f.depth[p] + 1;
      const bool half = p == centroid && 2 * f.sub[t] == total;
      if (half) f.tie[centroid] = t;
      f.directed[t] = f.directed[p] + (half ? 0 : 1);
      f.prefix[t] = f.prefix[p] + (f.directed[t] > 0 ? f.weight[t] : 0);
    }
    f.total[centroid] = total;
    std::uint32_t core_w = f.weight[centroid], core_low = f.low[centroid];
    if (f.tie[centroid] != kNone) {
      core_w += f.weight[f.tie[centroid]];
      core_low += f.low[f.tie[centroid]];
    }
    f.risk[centroid] = total - core_w + core_low;
  }
  f.at_risk.assign(n, 0);
  std::size_t endpoints = 0;
  for (std::size_t s = 0; s < n; ++s) {
    const std::uint32_t t = f.node_of[s];
    f.at_risk[s] = g.degree(s) <= 1 || !f.core(t);
    f.at_risk_count += f.at_risk[s];
    if (g.degree(s) == 0) endpoints += 2;  // an isolated school needs two new links
  }
  // Every leaf piece at risk needs a new link ending inside it (its one bridge must close, or it
  // needs a second partner): Eswaran & Tarjan's counting, ⌈endpoints / 2⌉.
  for (std::size_t t = 0; t < m; ++t)
    if (f.tree_degree[t] == 1 && (!f.core(static_cast<std::uint32_t>(t)) || f.low[t] > 0))
      ++endpoints;
  f.lower_bound = (endpoints + 1) / 2;
  return f;
}

/// Schools at risk after adding the link a–b, from the forest of the graph without it.
std::size_t at_risk_after(const Forest& f, const graph::SchoolGraph& g, Vertex a, Vertex b) {
  std::uint32_t x = f.node_of[a], y = f.node_of[b];
  // A school with one partner gets a second: its piece no longer counts it as low.
  auto low_after = [&](std::uint32_t t, Vertex s) -> std::uint32_t {
    return f.low[t] - (g.degree(s) == 1 ? 1u : 0u);
  };
  const std::size_t before = f.at_risk_count;
  if (f.root[x] == f.root[y]) {
    if (x == y) return before;
    std::uint32_t p = x, q = y;
    while (f.depth[p] > f.depth[q]) p = f.parent[p];
    while (f.depth[q] > f.depth[p]) q = f.parent[q];
    while (p != q) {
      p = f.parent[p];
      q = f.parent[q];
    }
    if (f.directed[p] > 0) return before;  // a bridge above the cycle still cuts it off
    const std::uint32_t r = f.root[x];
    const std::size_t newly_core = f.prefix[x] + f.prefix[y] - 2 * f.prefix[p];
    std::size_t core_w = f.weight[r], core_low = f.low[r];
    if (f.tie[r] != kNone) {
      core_w += f.weight[f.tie[r]];
      core_low += f.low[f.tie[r]];
    }
    core_w += newly_core;
    // The pieces of a and b are core afterwards; their low counts drop where a or b had one
    // partner. Pieces on the path between are not singletons of low schools (those are leaves).
    core_low += (f.core(x) ? 0 : f.low[x]) + (f.core(y) ? 0 : f.low[y]);
    core_low -= (f.low[x] - low_after(x, a)) + (f.low[y] - low_after(y, b));
    const std::size_t after = f.total[r] - core_w + core_low;
    return before - f.risk[r] + after;
  }
  // Two components joined: the merged centroid lies on the heavier one's path from its centroid
  // towards the new link.
  if (f.total[f.root[x]] < f.total[f.root[y]]) {
    std::swap(x, y);
    std::swap(a, b);
  }
  const std::uint32_t ra = f.root[x], rb = f.root[y];
  const std::uint32_t na = f.total[ra], nb = f.total[rb], total = na + nb;
  std::vector<std::uint32_t> path;
  for (std::uint32_t t = x; t != kNone; t = f.parent[t]) path.push_back(t);
  std::reverse(path.begin(), path.end());  // ra … x
  std::size_t i = 0;
  while (i + 1 < path.size() && 2 * (f.sub[path[i + 1]] + nb) > total) ++i;
  const std::uint32_t c = path[i];
  auto low_of = [&](std::uint32_t t) {
    return t == x ? low_after(x, a) : t == y ? low_after(y, b) : f.low[t];
  };
  std::size_t core_w = f.weight[c], core_low = low_of(c);
  std::uint32_t partner = kNone;
  if (i + 1 < path.size()) {
    if (2 * (f.sub[path[i + 1]] + nb) == total) partner = path[i + 1];
  } else if (2 * nb == total) {
    partner = y;
  }
  if (partner != kNone) {
    core_w += f.weight[partner];
    core_low += low_of(partner);
  }
  const std::size_t merged = total - core_w + core_low;
  return before - f.risk[ra] - f.risk[rb] + merged;
}

struct Pair {
  Vertex a, b;  ///< a's id < b's id
  double km;
};

}  // namespace

std::vector<char> at_risk_schools(const graph::SchoolGraph& g,
                                  const passes::ConnectivityResult& c) {
  return build_forest(g, c).at_risk;
}

void make_plan(const Network& network, const Settings& settings, const Feasibility& feasible,
               const graph::SchoolGraph& g0, std::size_t limit, Suggestions& s) {
  Network work = network;
  std::vector<std::pair<Vertex, Vertex>> added;  // (min index, max index)
  std::vector<std::vector<std::pair<Vertex, double>>> candidates(g0.n);
  std::vector<char> listed(g0.n, 0);

  graph::SchoolGraph g = graph::build_school_graph(work, settings.as_of);
  Forest f = build_forest(g, passes::find_connectivity(g, settings));
  s.at_risk = f.at_risk_count;
  s.lower_bound = f.lower_bound;
  graph::LocalGraph lg = graph::relabel(g);  // the searches' graph (labels, not indices)

  while (s.plan.size() < limit) {
    if (f.at_risk_count == 0) {
      s.plan_stop = "no school is left at risk";
      break;
    }
    // Feasible pairs with an end at risk; a pair linked by the plan already is not feasible.
    std::vector<Pair> pairs;
    for (std::size_t v = 0; v < g.n; ++v) {
      if (!f.at_risk[v]) continue;
      if (!listed[v]) {
        candidates[v] = feasible.candidates(static_cast<Vertex>(v));
        listed[v] = 1;
      }
      for (const auto& [u, km] : candidates[v]) {
        if (f.at_risk[u] && u < v) continue;  // listed from u's side
        Vertex a = static_cast<Vertex>(v), b = u;
        if (network.schools[b].id < network.schools[a].id) std::swap(a, b);
        const std::pair key{std::min(a, b), std::max(a, b)};
        if (std::find(added.begin(), added.end(), key) != added.end()) continue;
        pairs.push_back({a, b, km});
      }
    }
    if (pairs.empty()) {
      s.plan_stop = "no feasible link is left for the schools at risk";
      break;
    }
    std::vector<std::size_t> after(pairs.size());
    std::size_t best_after = static_cast<std::size_t>(-1);
    for (std::size_t k = 0; k < pairs.size(); ++k) {
      after[k] = at_risk_after(f, g, pairs[k].a, pairs[k].b);
      best_after = std::min(best_after, after[k]);
    }
    // A step must lower the count; failing that, it may give an isolated school its first
    // partner (it needs two, and the second then lowers the count).
    const bool lowers = best_after < f.at_risk_count;
    std::vector<std::size_t> tied;
    for (std::size_t k = 0; k < pairs.size(); ++k) {
      if (lowers ? after[k] == best_after
                 : after[k] <= f.at_risk_count &&
                       (g.degree(pairs[k].a) == 0 || g.degree(pairs[k].b) == 0))
        tied.push_back(k);
    }
    if (tied.empty()) {
      s.plan_stop = "no feasible link lowers the number of schools at risk";
      break;
    }
    // Fewest at risk after, then the larger gain of the two schools, then nearer, then ids.
    auto ids = [&](const Pair& q) {
      return std::tie(network.schools[q.a].id, network.schools[q.b].id);
    };
    // Both schools' gains for every tied pair: one search from each school named, in parallel.
    std::vector<std::pair<Vertex, Vertex>> sides;
    for (std::size_t k : tied) {
      sides.emplace_back(pairs[k].a, pairs[k].b);
      sides.emplace_back(pairs[k].b, pairs[k].a);
    }
    const std::vector<double> side = side_gains(lg, sides, worker_count(settings.threads));
    std::size_t best = tied[0];
    double best_gain = -1;
    for (std::size_t t = 0; t < tied.size(); ++t) {
      const std::size_t k = tied[t];
      const Pair& p = pairs[k];
      const double gain = side[2 * t] + side[2 * t + 1];
      const Pair& q = pairs[best];
      bool take = best_gain < 0;
      if (!take) {
        if (after[k] != after[best]) take = after[k] < after[best];
        else if (gain != best_gain) take = gain > best_gain;
        else if (p.km != q.km) take = p.km < q.km;
        else take = ids(p) < ids(q);
      }
      if (take) {
        best = k;
        best_gain = gain;
      }
    }
    const Pair p = pairs[best];
    PlanStep step;
    step.a = p.a;
    step.b = p.b;
    step.km = p.km;
    step.gain = passes::harmonic_closeness(best_gain, g.n);
    step.at_risk_before = f.at_risk_count;
    added.emplace_back(std::min(p.a, p.b), std::max(p.a, p.b));
    Partnership link;
    link.id = "plan-step-" + std::to_string(s.plan.size() + 1);
    link.from = p.a;
    link.to = p.b;
    work.partnerships.push_back(std::move(link));
    // Recomputed, not estimated: the graph again, the connectivity pass again.
    g = graph::build_school_graph(work, settings.as_of);
    lg = graph::relabel(g);
    f = build_forest(g, passes::find_connectivity(g, settings));
    step.at_risk_after = f.at_risk_count;
    step.lower_bound_after = f.lower_bound;
    s.plan.push_back(step);
  }
  if (s.plan_stop.empty()) s.plan_stop = "the plan reached --plan " + std::to_string(limit) + " links";
}

}  // namespace collabnet::suggest
