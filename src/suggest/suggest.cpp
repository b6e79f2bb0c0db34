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

void distances_from(const graph::SchoolGraph& g, Vertex source, Search& s) {
  s.dist[source] = 0;
  s.queue.push_back(source);
  for (std::size_t head = 0; head < s.queue.size(); ++head) {
    const Vertex x = s.queue[head];
    for (Vertex y : g.neighbours(x)) {
      if (s.dist[y] != kFar) continue;
      s.dist[y] = s.dist[x] + 1;
      s.queue.push_back(y);
    }
  }
}

Gain link_gain(const graph::SchoolGraph& g, Vertex v, Vertex u, std::vector<std::uint32_t>& cur,
               Search& s, bool update) {
  Gain gain;
  s.dist[u] = 0;
  s.queue.push_back(u);
  for (std::size_t head = 0; head < s.queue.size(); ++head) {
    const Vertex x = s.queue[head];
    const std::uint32_t via = s.dist[x] + 1;  // v's distance to x through the new link
    if (x == v || via >= cur[x]) continue;    // not nearer: nothing beyond x gains through it
    // A division per term, as the centrality kernel sums 1/d.
    gain.harmonic += 1.0 / static_cast<double>(via) -
                     (cur[x] == kFar ? 0.0 : 1.0 / static_cast<double>(cur[x]));
    ++gain.closer;
    for (Vertex y : g.neighbours(x)) {
      if (s.dist[y] != kFar) continue;
      s.dist[y] = via;
      s.queue.push_back(y);
    }
  }
  if (update)
    for (Vertex x : s.queue)
      if (x != v && s.dist[x] + 1 < cur[x]) cur[x] = s.dist[x] + 1;
  s.clear();
  return gain;
}

namespace {

/// One DFS's arrays, reused (one per thread): entries are reset through the visit list.
struct Dfs {
  std::vector<std::uint32_t> disc, low, size, parent, sep, max_sep;
  std::vector<Vertex> visited;
  explicit Dfs(std::size_t n)
      : disc(n, kFar), low(n, 0), size(n, 0), parent(n, kFar), sep(n, 0), max_sep(n, 0) {}
};

bool depends_on_one(const graph::SchoolGraph& g, Vertex v, std::span<const Vertex> added,
                    Dfs& w) {
  if (g.degree(v) + added.size() <= 1) return true;
  // Neighbours of x in the graph with the added links: its own, then v for an added school, or
  // the added schools for v.
  auto extra = [&](Vertex x) -> std::span<const Vertex> {
    if (x == v) return added;
    if (std::find(added.begin(), added.end(), x) != added.end()) return {&v, 1};
    return {};
  };
  auto degree = [&](Vertex x) { return g.degree(x) + extra(x).size(); };
  auto neighbour = [&](Vertex x, std::size_t k) {
    const std::size_t own = g.degree(x);
    return k < own ? g.neighbours(x)[k] : extra(x)[k - own];
  };
  std::vector<std::pair<Vertex, std::size_t>> stack{{v, 0}};
  std::uint32_t time = 0;
  w.disc[v] = w.low[v] = time++;
  w.size[v] = 1;
  w.visited.assign(1, v);
  while (!stack.empty()) {
    auto& [x, k] = stack.back();
    if (k < degree(x)) {
      const Vertex y = neighbour(x, k++);
      if (w.disc[y] == kFar) {
        w.disc[y] = w.low[y] = time++;
        w.size[y] = 1;
        w.parent[y] = x;
        w.visited.push_back(y);
        stack.emplace_back(y, 0);
      } else if (y != w.parent[x]) {
        w.low[x] = std::min(w.low[x], w.disc[y]);
      }
      continue;
    }
    const Vertex done = x;
    stack.pop_back();
    if (stack.empty()) break;
    const Vertex p = stack.back().first;
    w.low[p] = std::min(w.low[p], w.low[done]);
    w.size[p] += w.size[done];
  }
  const std::uint32_t total = static_cast<std::uint32_t>(w.visited.size());
  bool depends = false;
  for (Vertex y : w.visited) {
    if (y == v) continue;
    const Vertex p = w.parent[y];
    // Bridge p–y: v (on p's side) hangs on it when y's side is the larger.
    if (w.low[y] > w.disc[p] && w.size[y] > total - w.size[y]) depends = true;
    // Removing p (not v) cuts y's subtree off as a piece.
    if (p != v && w.low[y] >= w.disc[p]) {
      w.sep[p] += w.size[y];
      w.max_sep[p] = std::max(w.max_sep[p], w.size[y]);
    }
  }
  for (Vertex c : w.visited) {
    if (w.sep[c] > 0 && w.max_sep[c] > total - 1 - w.sep[c]) depends = true;
  }
  for (Vertex y : w.visited) {
    w.disc[y] = kFar;
    w.parent[y] = kFar;
    w.sep[y] = w.max_sep[y] = 0;
  }
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

/// The suggestions of one school: lazy greedy over its feasible candidates.
void suggest_for(const graph::SchoolGraph& g, const Network& net, const Analysis& a,
                 const SuggestRequest& settings, const Feasibility& feasible,
                 const std::vector<double>& first_partner_gain, Vertex v, Search& s, Dfs& dfs,
                 std::vector<std::uint32_t>& cur, SchoolSuggestions& out) {
  const std::size_t n = g.n;
  out.school = v;
  out.closeness_before = a.schools[v].closeness;
  out.dependent = depends_on_one(g, v, {}, dfs);
  const auto candidates = feasible.candidates(v);
  if (candidates.empty()) {
    out.none_because = feasible.none_because(v);
    return;
  }
  std::fill(cur.begin(), cur.end(), kFar);
  distances_from(g, v, s);
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
  const bool isolated = g.degree(v) == 0;
  for (const auto& [u, km] : candidates) {
    Gain gain;
    if (isolated && !std::isnan(first_partner_gain[u])) {
      gain.harmonic = first_partner_gain[u];
      gain.closer = a.network.component_sizes[a.schools[u].component];
    } else {
      gain = link_gain(g, v, u, cur, s, false);
    }
    pool.push_back({u, km, gain, 0});
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
      pool[best].gain = link_gain(g, v, pool[best].u, cur, s, false);
      pool[best].round = round;
    }
    const Candidate c = pool[best];
    pool.erase(pool.begin() + static_cast<std::ptrdiff_t>(best));
    link_gain(g, v, c.u, cur, s, true);
    harmonic_sum += c.gain.harmonic;
    chosen.push_back(c.u);

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
    const Vertex one[] = {c.u};
    sg.removes_dependence = out.dependent && !depends_on_one(g, v, one, dfs);
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
  out.together_remove_dependence = out.dependent && !depends_on_one(g, v, chosen, dfs);
}

}  // namespace

bool depends_on_one(const graph::SchoolGraph& g, Vertex v, std::span<const Vertex> added) {
  Dfs w(g.n);
  return depends_on_one(g, v, added, w);
}

}  // namespace suggest

Suggestions suggest_partners(const Network& network, const Analysis& analysis,
                             const Settings& settings, const SuggestRequest& request) {
  using namespace suggest;
  const graph::SchoolGraph g = graph::build_school_graph(network, settings.as_of);
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

  // An isolated school's first gain from u, Σ 1/(1 + d(u, x)) over u's network, is the same
  // for every isolated school: one full search per distinct candidate, shared.
  std::vector<double> first_partner_gain(n, std::nan(""));
  std::vector<Vertex> wanted;
  {
    std::vector<char> want(n, 0);
    for (const Target& t : targets)
      if (g.degree(t.v) == 0)
        for (const auto& [u, km] : feasible.candidates(t.v)) want[u] = 1;
    for (std::size_t u = 0; u < n; ++u)
      if (want[u]) wanted.push_back(static_cast<Vertex>(u));
  }
  unsigned workers = settings.threads != 0 ? settings.threads
                                           : std::max(1u, std::thread::hardware_concurrency());
  auto parallel = [&](std::size_t count, const auto& body) {
    std::atomic<std::size_t> next{0};
    auto work = [&] {
      Search s(n);
      Dfs dfs(n);
      std::vector<std::uint32_t> cur(n, kFar);
      for (std::size_t i; (i = next.fetch_add(1)) < count;) body(i, s, dfs, cur);
    };
    const unsigned k = static_cast<unsigned>(std::min<std::size_t>(workers, count));
    if (k <= 1) {
      work();
    } else {
      std::vector<std::jthread> pool;
      for (unsigned t = 0; t < k; ++t) pool.emplace_back(work);
    }
  };
  parallel(wanted.size(), [&](std::size_t i, Search& s, Dfs&, std::vector<std::uint32_t>& cur) {
    const Vertex u = wanted[i];
    // The isolated school itself is not in u's network: "v" = n stands for it.
    std::fill(cur.begin(), cur.end(), kFar);
    first_partner_gain[u] = link_gain(g, static_cast<Vertex>(n), u, cur, s, false).harmonic;
  });

  out.schools.resize(targets.size());
  parallel(targets.size(),
           [&](std::size_t i, Search& s, Dfs& dfs, std::vector<std::uint32_t>& cur) {
             SchoolSuggestions& ss = out.schools[i];
             const Target& t = targets[i];
             if (t.entry) ss.why.push_back(kind_of(t.entry->concern));
             ss.small = analysis.schools[t.v].small;
             ss.rural = analysis.schools[t.v].rural;
             suggest_for(g, network, analysis, request, feasible, first_partner_gain, t.v, s,
                         dfs, cur, ss);
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
