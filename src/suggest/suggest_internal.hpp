#pragma once
// Internal to the suggest module: feasibility, the gain of a new link (a breadth-first search
// pruned to the schools whose distance it shortens), dependence checks and the plan.

#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "collabnet/suggest.hpp"
#include "graph/school_graph.hpp"
#include "passes/passes.hpp"

namespace collabnet::suggest {

using graph::Vertex;
inline constexpr std::uint32_t kFar = static_cast<std::uint32_t>(-1);

/// Which schools may be linked (suggestions-output.md, "Feasible candidates"): located schools
/// sorted by latitude, so that the schools within max_km of one are found in a latitude band.
class Feasibility {
 public:
  Feasibility(const Network& network, const graph::SchoolGraph& g, const SuggestRequest& request);
  /// Feasible partners of v with their distances, nearest first (ties by id). Empty when v has
  /// no location.
  std::vector<std::pair<Vertex, double>> candidates(Vertex v) const;
  bool located(Vertex v) const { return located_[v]; }
  /// Why v gets no candidates, in words (only meaningful when candidates(v) is empty).
  std::string none_because(Vertex v) const;
  bool sector_fits(Vertex a, Vertex b) const;

 private:
  const Network& network_;
  const graph::SchoolGraph& g_;
  const SuggestRequest& settings_;
  std::vector<char> located_;
  std::vector<Vertex> by_lat_;  ///< located schools by latitude, then index
  double band_degrees_ = 0;
};

/// Reusable breadth-first search arrays (one per thread).
struct Search {
  std::vector<std::uint32_t> dist;
  std::vector<Vertex> queue;
  explicit Search(std::size_t n) : dist(n, kFar) {}
  void clear() {
    for (Vertex x : queue) dist[x] = kFar;
    queue.clear();
  }
};

/// Hop distances from `source` over the collapsed graph into `out` (kFar: unreachable); out must
/// hold kFar everywhere on entry. Returns the schools reached, source first.
void distances_from(const graph::SchoolGraph& g, Vertex source, Search& s);

struct Gain {
  double harmonic = 0;     ///< rise of v's harmonic sum Σ 1/d(v, x)
  std::size_t closer = 0;  ///< schools brought nearer
};

/// The rise in v's harmonic sum when the link v–u is added, where cur[x] is v's present distance
/// to x (kFar: unreachable; cur[v] = 0). One breadth-first search from u that expands only the
/// schools it brings nearer: if 1 + d(u, x) ≥ cur[x], no school beyond x gains through x (cur
/// obeys the triangle inequality), so the search is exact. With `update`, cur is lowered to the
/// new distances. Leaves s cleared.
Gain link_gain(const graph::SchoolGraph& g, Vertex v, Vertex u, std::vector<std::uint32_t>& cur,
               Search& s, bool update);

/// True when v, in the graph with the links v–x for each x in `added`, has at most one partner,
/// or lies on the strictly smaller side of a bridge, or in a piece strictly smaller than the
/// largest when one school is removed (connectivity.cpp's hangs-on rule). One DFS from v.
bool depends_on_one(const graph::SchoolGraph& g, Vertex v, std::span<const Vertex> added);

/// The network plan (plan.cpp): fills s.at_risk, s.lower_bound, s.plan, s.plan_stop.
void make_plan(const Network& network, const Settings& settings, const Feasibility& feasible,
               const graph::SchoolGraph& g, std::size_t limit, Suggestions& s);

/// Schools at risk in the plan's sense: at most one partner, or on the strictly smaller side of
/// a bridge. Per school, from the connectivity pass's bridges.
std::vector<char> at_risk_schools(const graph::SchoolGraph& g,
                                  const passes::ConnectivityResult& c);

}  // namespace collabnet::suggest
