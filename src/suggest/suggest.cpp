// Partner suggestions: who gets them, which partners are feasible, and the exact gain of each
// (suggestions-output.md). The gain of a link v–u is read off one breadth-first search from u,
// pruned to the schools it brings nearer (Crescenzi, D'Angelo, Severini, Velaj 2016, "Greedily
// improving our own closeness centrality in a network"); K suggestions are chosen by lazy greedy,
// valid because a school's harmonic sum is monotone submodular in links added at that school.

#include <algorithm>
#include <atomic>
#include <cmath>
#include <numbers>
#include <thread>

#include "collabnet/diagnostic.hpp"
#include "output/format.hpp"
#include "passes/shortest_paths.hpp"
#include "suggest/suggest_internal.hpp"

namespace collabnet {

namespace {
/// The IUGG mean Earth radius (Moritz 2000), which the contract names.
constexpr double kEarthRadiusKm = 6371.0088;
}  // namespace

double great_circle_km(double lat1, double lon1, double lat2, double lon2) {
  constexpr double rad = std::numbers::pi / 180.0;
  const double dlat = (lat2 - lat1) * rad, dlon = (lon2 - lon1) * rad;
  const double a = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(lat1 * rad) * std::cos(lat2 * rad) * std::sin(dlon / 2) *
                       std::sin(dlon / 2);
  return 2 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(a)));
}

namespace suggest {

Feasibility::Feasibility(const Network& network, const graph::SchoolGraph& g,
                         const SuggestRequest& settings)
    : network_(network), g_(g), settings_(settings), located_(g.n, 0) {
  for (std::size_t v = 0; v < g.n; ++v) {
    const School& s = network.schools[v];
    if (s.lat && s.lon && std::isfinite(*s.lat) && std::isfinite(*s.lon)) {
      located_[v] = 1;
      by_lat_.push_back(static_cast<Vertex>(v));
    }
  }
  std::sort(by_lat_.begin(), by_lat_.end(), [&](Vertex a, Vertex b) {
    return *network.schools[a].lat != *network.schools[b].lat
               ? *network.schools[a].lat < *network.schools[b].lat
               : a < b;
  });
  // |Δlatitude| in radians is at most the great-circle distance over R; a little slack keeps
  // rounding from losing a school exactly at max_km (the haversine test below decides).
  band_degrees_ = settings.max_km / kEarthRadiusKm * 180.0 / std::numbers::pi + 1e-9;
}

bool Feasibility::sector_fits(Vertex a, Vertex b) const {
  if (settings_.any_sector) return true;
  const std::string& x = network_.schools[a].sector;
  const std::string& y = network_.schools[b].sector;
  if (x == "all-through" || y == "all-through") return true;
  return !x.empty() && x == y;
}

std::vector<std::pair<Vertex, double>> Feasibility::candidates(Vertex v) const {
  std::vector<std::pair<Vertex, double>> out;
  if (!located_[v]) return out;
  const School& s = network_.schools[v];
  const double lat = *s.lat, lon = *s.lon;
  auto lower = std::lower_bound(by_lat_.begin(), by_lat_.end(), lat - band_degrees_,
                                [&](Vertex x, double l) { return *network_.schools[x].lat < l; });
  const auto linked = g_.neighbours(v);
  for (auto it = lower; it != by_lat_.end(); ++it) {
    const Vertex u = *it;
    const School& t = network_.schools[u];
    if (*t.lat > lat + band_degrees_) break;
    if (u == v || !sector_fits(v, u)) continue;
    if (std::find(linked.begin(), linked.end(), u) != linked.end()) continue;
    const double km = great_circle_km(lat, lon, *t.lat, *t.lon);
    if (km <= settings_.max_km) out.emplace_back(u, km);
  }
  std::sort(out.begin(), out.end(), [&](const auto& x, const auto& y) {
    return x.second != y.second ? x.second < y.second
                                : g_.id_rank[x.first] < g_.id_rank[y.first];
  });
  return out;
}

std::string Feasibility::none_because(Vertex v) const {
  if (!located_[v])
    return "no location on file (lat, lon): distances cannot be worked out";
  const std::string km = output::format_number(settings_.max_km);
  if (!settings_.any_sector && network_.schools[v].sector.empty())
    return "its sector is not on file, so no school fits it; --any-sector drops the sector rule";
  return std::string("no school") + (settings_.any_sector ? "" : " of a fitting sector") +
         " within " + km + " km that is not already a partner";
}

namespace {

/// One DFS's arrays, reused (one per thread): a school's figures lie together (one cache line
/// per school visited, not six); entries are reset through the visit list.
struct Dfs {
  struct Node {
    std::uint32_t disc = kFar, low = 0, size = 0, parent = kFar, sep = 0, max_sep = 0;
    std::uint32_t next = 0;  ///< the next of its links to follow
    std::uint32_t added = 0;  ///< 1 when an added link joins it to v
  };
  std::vector<Node> node;
  std::vector<Vertex> visited, stack;
  explicit Dfs(std::size_t n) : node(n) {}
};

bool depends_on_one(const graph::LocalGraph& g, Vertex v, std::span<const Vertex> added,
                    Dfs& w) {
  if (g.degree(v) + added.size() <= 1) return true;
  auto& node = w.node;
  for (Vertex x : added) node[x].added = 1;
  // Links of x in the graph with the added ones: its own, then v for an added school, or the
  // added schools for v.
  auto degree = [&](Vertex x) {
    return g.degree(x) + (x == v ? added.size() : node[x].added);
  };
  auto neighbour = [&](Vertex x, std::size_t k) {
    const std::size_t own = g.degree(x);
    if (k < own) return g.neighbours(x)[k];
    return x == v ? added[k - own] : v;
  };
  std::uint32_t time = 0;
  node[v].disc = node[v].low = time++;
  node[v].size = 1;
  w.visited.assign(1, v);
  w.stack.assign(1, v);
  while (!w.stack.empty()) {
    const Vertex x = w.stack.back();
    Dfs::Node& nx = node[x];
    if (nx.next < degree(x)) {
      const Vertex y = neighbour(x, nx.next++);
      Dfs::Node& ny = node[y];
      if (ny.disc == kFar) {
        ny.disc = ny.low = time++;
        ny.size = 1;
        ny.parent = x;
        w.visited.push_back(y);
        w.stack.push_back(y);
      } else if (y != nx.parent) {
        nx.low = std::min(nx.low, ny.disc);
      }
      continue;
    }
    w.stack.pop_back();
    if (w.stack.empty()) break;
    Dfs::Node& np = node[w.stack.back()];
    np.low = std::min(np.low, nx.low);
    np.size += nx.size;
  }
  const std::uint32_t total = static_cast<std::uint32_t>(w.visited.size());
  bool depends = false;
  for (Vertex y : w.visited) {
    if (y == v) continue;
    const Dfs::Node& ny = node[y];
    Dfs::Node& np = node[ny.parent];
    // Bridge p–y: v (on p's side) hangs on it when y's side is the larger.
    if (ny.low > np.disc && ny.size > total - ny.size) depends = true;
    // Removing p (not v) cuts y's subtree off as a piece.
    if (ny.parent != v && ny.low >= np.disc) {
      np.sep += ny.size;
      np.max_sep = std::max(np.max_sep, ny.size);
    }
  }
  for (Vertex c : w.visited) {
    if (node[c].sep > 0 && node[c].max_sep > total - 1 - node[c].sep) depends = true;
  }
  for (Vertex y : w.visited) node[y] = Dfs::Node{};
  for (Vertex x : added) node[x].added = 0;
  return depends;
}

/// The isolation ranking's concern as the finding kind it comes from.
const char* kind_of(IsolationConcern c) {
  switch (c) {
    case IsolationConcern::no_partner: return "isolated-school";
    case IsolationConcern::one_partner: return "weakly-connected-school";
    case IsolationConcern::hangs_on_school: return "hangs-on-school";
  }
  return "";
}

struct Target {
  Vertex v;
  const IsolationEntry* entry;  ///< null: named by --for without a concern
};

/// The suggestions of one school: lazy greedy over its feasible candidates. Schools are named by
/// index except in the searches, which take lg's labels (L): cur is indexed by label.
void suggest_for(const graph::SchoolGraph& g, const graph::LocalGraph& lg, const Network& net,
                 const Analysis& a, const SuggestRequest& settings, const Feasibility& feasible,
                 const std::vector<double>& first_partner_gain, Vertex v, Search& s,
                 BatchSearch& batch, Dfs& dfs, std::vector<std::uint32_t>& cur,
                 SchoolSuggestions& out) {
  const std::size_t n = g.n;
  const std::vector<Vertex>& L = lg.label;
  out.school = v;
  out.closeness_before = a.schools[v].closeness;
  out.dependent = depends_on_one(lg, L[v], {}, dfs);
  const auto candidates = feasible.candidates(v);
  if (candidates.empty()) {
    out.none_because = feasible.none_because(v);
    return;
  }
  std::fill(cur.begin(), cur.end(), kFar);
  distances_from(lg, L[v], s);
  for (Vertex x : s.queue) cur[x] = s.dist[x];
  s.clear();

  struct Candidate {
    Vertex u;
    double km;
    Gain gain;
    std::size_t round;  ///< the round its gain was computed in (older: an upper bound)
  };
  std::vector<Candidate> pool;
  pool.reserve(candidates.size());
  // The exact gains of links to `which` (indices into pool) under the present distances cur.
  // A partner still out of v's reach gives its whole network, at the distances from it plus
  // one: the shared first-partner gain, the same counts and so the same bits as a search.
  auto exact_gains = [&](std::span<Candidate* const> which) {
    std::vector<Vertex> to_search;
    for (Candidate* c : which) {
      if (cur[L[c->u]] == kFar && !std::isnan(first_partner_gain[c->u])) {
        c->gain.harmonic = first_partner_gain[c->u];
        c->gain.closer = a.network.component_sizes[a.schools[c->u].component];
      } else {
        to_search.push_back(L[c->u]);
      }
    }
    if (to_search.empty()) return;
    std::vector<Gain> gains(to_search.size());
    link_gains(lg, L[v], to_search, cur, batch, gains);
    std::size_t next = 0;
    for (Candidate* c : which)
      if (next < to_search.size() && L[c->u] == to_search[next]) c->gain = gains[next++];
  };
  for (const auto& [u, km] : candidates) pool.push_back({u, km, Gain{}, 0});
  {
    std::vector<Candidate*> all;
    for (Candidate& c : pool) all.push_back(&c);
    exact_gains(all);
  }
  auto better = [&](const Candidate& x, const Candidate& y) {
    if (x.gain.harmonic != y.gain.harmonic) return x.gain.harmonic > y.gain.harmonic;
    if (x.km != y.km) return x.km < y.km;
    return g.id_rank[x.u] < g.id_rank[y.u];
  };
  std::vector<std::size_t> reached{a.schools[v].component};
  std::vector<Vertex> chosen;
  double harmonic_sum = 0;
  for (std::size_t round = 0; round < settings.per_school && !pool.empty(); ++round) {
    std::size_t best = 0;
    for (;;) {
      best = 0;
      for (std::size_t k = 1; k < pool.size(); ++k)
        if (better(pool[k], pool[best])) best = k;
      if (pool[best].round == round) break;
      // The best is an old gain (an upper bound): recompute it and the next stale ones in one
      // batch of searches, since the next are the likeliest to be needed if it falls.
      std::vector<std::size_t> stale;
      for (std::size_t k = 0; k < pool.size(); ++k)
        if (pool[k].round != round) stale.push_back(k);
      const std::size_t take = std::min<std::size_t>(stale.size(), 64);
      std::partial_sort(stale.begin(), stale.begin() + static_cast<std::ptrdiff_t>(take),
                        stale.end(),
                        [&](std::size_t x, std::size_t y) { return better(pool[x], pool[y]); });
      std::vector<Candidate*> which(take);
      for (std::size_t k = 0; k < take; ++k) {
        which[k] = &pool[stale[k]];
        which[k]->round = round;
      }
      exact_gains(which);
    }
    const Candidate c = pool[best];
    pool.erase(pool.begin() + static_cast<std::ptrdiff_t>(best));
    link_gain(lg, L[v], L[c.u], cur, s, true);
    harmonic_sum += c.gain.harmonic;
    chosen.push_back(L[c.u]);

    Suggestion sg;
    sg.partner = c.u;
    sg.km = c.km;
    sg.gain = passes::harmonic_closeness(c.gain.harmonic, n);
    sg.closeness_after = out.closeness_before + passes::harmonic_closeness(harmonic_sum, n);
    const std::size_t comp = a.schools[c.u].component;
    sg.joins_network = std::find(reached.begin(), reached.end(), comp) == reached.end();
    if (sg.joins_network) reached.push_back(comp);
    sg.network_size = a.network.component_sizes[comp];
    sg.closer = c.gain.closer;
    const Vertex one[] = {L[c.u]};
    // A link into a larger network is a bridge with v on its smaller side: v still depends.
    const std::size_t own_size = a.network.component_sizes[a.schools[v].component];
    const bool into_larger = comp != a.schools[v].component && sg.network_size > own_size;
    sg.removes_dependence =
        out.dependent && !into_larger && !depends_on_one(lg, L[v], one, dfs);
    sg.reason = passes::school_label(net, c.u) + ", " + output::format_number(std::round(c.km * 10) / 10) + " km away: " +
                (sg.joins_network
                     ? (sg.network_size == 1
                            ? std::string("would link it to a school with no partner yet")
                            : "would join the network of " +
                                  passes::count_of(sg.network_size, "school", "schools"))
                     : "would bring " + passes::count_of(sg.closer, "school", "schools") + " closer") +
                (sg.removes_dependence ? ", and would end its dependence on a single school or link"
                                       : "");
    out.suggestions.push_back(std::move(sg));
  }
  // More links never make a school depend again (they add paths, and every added link ends at
  // v, so v's piece only grows): when one suggestion alone ends the dependence, all do.
  const bool one_does = std::any_of(out.suggestions.begin(), out.suggestions.end(),
                                    [](const Suggestion& sg) { return sg.removes_dependence; });
  out.together_remove_dependence =
      out.dependent && (one_does || !depends_on_one(lg, L[v], chosen, dfs));
}

}  // namespace

bool depends_on_one(const graph::LocalGraph& g, Vertex v, std::span<const Vertex> added) {
  Dfs w(g.n);
  return depends_on_one(g, v, added, w);
}

}  // namespace suggest

Suggestions suggest_partners(const Network& network, const Analysis& analysis,
                             const Settings& settings, const SuggestRequest& request) {
  using namespace suggest;
  const graph::SchoolGraph g = graph::build_school_graph(network, settings.as_of);
  const graph::LocalGraph lg = graph::relabel(g);  // the searches' graph: nearby labels
  const std::size_t n = g.n;
  Suggestions out;
  out.settings = settings;
  out.settings.progress = nullptr;
  out.request = request;

  // Who: --for (every unknown id reported at once), else the isolation ranking.
  std::vector<Target> targets;
  std::vector<const IsolationEntry*> entry_of(n, nullptr);
  for (const IsolationEntry& e : analysis.isolation) entry_of[e.school] = &e;
  if (!request.for_ids.empty()) {
    std::vector<Diagnostic> errors;
    std::vector<char> seen(n, 0);
    for (const std::string& id : request.for_ids) {
      const auto v = network.find_school(id);
      if (!v) {
        errors.push_back({Severity::error, "--for", 0, 0, "",
                          "no school has the id \"" + id + "\"; give the id of a school in the "
                          "network (ids are as in its \"schools\" list)"});
      } else if (!seen[*v]) {
        seen[*v] = 1;
        targets.push_back({static_cast<Vertex>(*v), entry_of[*v]});
      }
    }
    if (!errors.empty()) throw InputError(std::move(errors));
  } else {
    for (const IsolationEntry& e : analysis.isolation)
      targets.push_back({static_cast<Vertex>(e.school), &e});
  }

  const Feasibility feasible(network, g, request);
  for (std::size_t v = 0; v < n; ++v)
    if (!feasible.located(static_cast<Vertex>(v))) ++out.without_location;

  // The gain of a first link into u's network, Σ 1/(1 + d(u, x)) over that network, is the same
  // for every school outside it: one full search per distinct candidate, shared by every
  // at-risk school it is a candidate of (isolated ones, and those in smaller networks).
  std::vector<double> first_partner_gain(n, std::nan(""));
  std::vector<Vertex> wanted;
  {
    std::vector<char> want(n, 0);
    for (const Target& t : targets)
      for (const auto& [u, km] : feasible.candidates(t.v))
        if (analysis.schools[u].component != analysis.schools[t.v].component) want[u] = 1;
    for (std::size_t u = 0; u < n; ++u)
      if (want[u]) wanted.push_back(static_cast<Vertex>(u));
  }
  const unsigned workers = worker_count(settings.threads);
  struct Workspace {
    Search s;
    BatchSearch batch;
    Dfs dfs;
    std::vector<std::uint32_t> cur;
  };
  auto parallel = [&](std::size_t count, const auto& body) {
    parallel_for(
        count, workers,
        [n] { return Workspace{Search(n), BatchSearch(n), Dfs(n), std::vector<std::uint32_t>(n, kFar)}; },
        [&](std::size_t i, Workspace& w) { body(i, w.s, w.batch, w.dfs, w.cur); });
  };
  // 64 candidates per batch of searches; the isolated school itself is in none of their
  // networks: "v" = n stands for it.
  const std::size_t batches = (wanted.size() + 63) / 64;
  parallel(batches, [&](std::size_t i, Search&, BatchSearch& batch, Dfs&,
                        std::vector<std::uint32_t>& cur) {
    const std::size_t first = i * 64, k = std::min<std::size_t>(64, wanted.size() - first);
    std::fill(cur.begin(), cur.end(), kFar);
    std::vector<Gain> gains(k);
    std::vector<Vertex> labels(k);
    for (std::size_t j = 0; j < k; ++j) labels[j] = lg.label[wanted[first + j]];
    link_gains(lg, static_cast<Vertex>(n), labels, cur, batch, gains);
    for (std::size_t j = 0; j < k; ++j) first_partner_gain[wanted[first + j]] = gains[j].harmonic;
  });

  out.schools.resize(targets.size());
  parallel(targets.size(),
           [&](std::size_t i, Search& s, BatchSearch& batch, Dfs& dfs,
               std::vector<std::uint32_t>& cur) {
             SchoolSuggestions& ss = out.schools[i];
             const Target& t = targets[i];
             if (t.entry) ss.why.push_back(kind_of(t.entry->concern));
             ss.small = analysis.schools[t.v].small;
             ss.rural = analysis.schools[t.v].rural;
             suggest_for(g, lg, network, analysis, request, feasible, first_partner_gain, t.v,
                         s, batch, dfs, cur, ss);
           });
  for (const SchoolSuggestions& ss : out.schools)
    if (!feasible.located(static_cast<Vertex>(ss.school))) ++out.at_risk_without_location;

  if (request.plan > 0) {
    out.plan_requested = true;
    out.plan_limit = request.plan;
    make_plan(network, settings, feasible, g, request.plan, out);
  }
  return out;
}

Network with_proposed_links(const Network& network, const Suggestions& suggestions, bool plan) {
  Network out = network;
  std::vector<std::pair<std::size_t, std::size_t>> links;
  if (plan) {
    for (const PlanStep& step : suggestions.plan) links.emplace_back(step.a, step.b);
  } else {
    for (const SchoolSuggestions& ss : suggestions.schools)
      for (const Suggestion& sg : ss.suggestions) {
        std::size_t a = ss.school, b = sg.partner;
        if (network.schools[b].id < network.schools[a].id) std::swap(a, b);
        links.emplace_back(a, b);
      }
  }
  // Two at-risk schools may suggest each other: one link per pair.
  std::sort(links.begin(), links.end());
  links.erase(std::unique(links.begin(), links.end()), links.end());
  std::vector<std::string> taken;
  for (const Partnership& p : network.partnerships) taken.push_back(p.id);
  std::sort(taken.begin(), taken.end());
  for (const auto& [a, b] : links) {
    Partnership p;
    const std::string base = "proposed-" + network.schools[a].id + "-" + network.schools[b].id;
    p.id = base;
    for (int k = 2; std::binary_search(taken.begin(), taken.end(), p.id); ++k)
      p.id = base + "-" + std::to_string(k);
    p.from = a;
    p.to = b;
    p.direction = Direction::mutual;
    p.weight = 1;
    p.extra.push_back({"proposed", "true"});
    out.partnerships.push_back(std::move(p));
  }
  return out;
}

}  // namespace collabnet
