#pragma once
// Internal to the suggest module: feasibility, the gain of a new link (a breadth-first search
// pruned to the schools whose distance it shortens), dependence checks and the plan.

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <thread>
#include <span>
#include <utility>
#include <vector>

#include "collabnet/suggest.hpp"
#include "graph/local_graph.hpp"
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
  std::vector<std::uint32_t> by_new, by_old;  ///< link_gain's counts by new and old distance
  explicit Search(std::size_t n) : dist(n, kFar) {}
  void clear() {
    for (Vertex x : queue) dist[x] = kFar;
    queue.clear();
  }
};

// The searches below walk the breadth-first relabelled graph (graph/local_graph.hpp): every
// school, distance array and partner they take or give is in its labels, not school indices.

/// Hop distances from `source` into s.dist (kFar: unreachable; s.dist must be all kFar on
/// entry); s.queue lists the schools reached, source first.
void distances_from(const graph::LocalGraph& g, Vertex source, Search& s);

struct Gain {
  double harmonic = 0;     ///< rise of v's harmonic sum Σ 1/d(v, x)
  std::size_t closer = 0;  ///< schools brought nearer
};

/// The rise in v's harmonic sum when the link v–u is added, where cur[x] is v's present distance
/// to x (kFar: unreachable; cur[v] = 0). One breadth-first search from u that expands only the
/// schools it brings nearer: if 1 + d(u, x) ≥ cur[x], no school beyond x gains through x (cur
/// obeys the triangle inequality), so the search is exact. With `update`, cur is lowered to the
/// new distances. Leaves s cleared.
Gain link_gain(const graph::LocalGraph& g, Vertex v, Vertex u, std::vector<std::uint32_t>& cur,
               Search& s, bool update);

/// Arrays for `link_gains` (one per thread): masks of the candidates that have reached each
/// school, that reach it at this distance and at the next (all zero between calls), and the
/// lists of schools at this distance, the next and touched, written by count, not push_back.
struct BatchSearch {
  static constexpr std::size_t kMaxBatch = 256;  ///< partners per batch: 4 words per school
  std::vector<std::uint64_t> seen, now, next;
  std::vector<Vertex> frontier, upcoming, touched;
  std::vector<std::uint32_t> by_new, by_old;
  explicit BatchSearch(std::size_t n)
      : seen(n * kMaxBatch / 64, 0), now(n * kMaxBatch / 64, 0), next(n * kMaxBatch / 64, 0),
        frontier(n + 1), upcoming(n + 1), touched(n + 1) {}  // a school at most once in each
};

/// link_gain(g, v, u, cur, …, false) for every u in `partners` (distinct, none of them v), into
/// out[i]: the same searches up to 256 at a time, one bit per candidate, bit-identical results.
void link_gains(const graph::LocalGraph& g, Vertex v, std::span<const Vertex> partners,
                const std::vector<std::uint32_t>& cur, BatchSearch& b, std::span<Gain> out);

/// Threads for `threads` as the settings give it (0: every hardware thread).
inline unsigned worker_count(unsigned threads) {
  return threads != 0 ? threads : std::max(1u, std::thread::hardware_concurrency());
}

/// body(i, workspace) for every i in [0, count), on up to `workers` threads that each make their
/// own workspace with make(). Which thread takes which i is free: body writes only i's outputs.
template <class Make, class Body>
void parallel_for(std::size_t count, unsigned workers, const Make& make, const Body& body) {
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    auto workspace = make();
    for (std::size_t i; (i = next.fetch_add(1)) < count;) body(i, workspace);
  };
  const unsigned k = static_cast<unsigned>(std::min<std::size_t>(workers, count));
  if (k <= 1) {
    work();
  } else {
    std::vector<std::jthread> pool;
    for (unsigned t = 0; t < k; ++t) pool.emplace_back(work);
  }
}

/// For each (a, b) in `links` (school indices, a ≠ b, not yet linked), the rise in a's harmonic
/// sum from the link a–b: one search from each distinct a, then the batched gains of its links.
std::vector<double> side_gains(const graph::LocalGraph& lg,
                               std::span<const std::pair<Vertex, Vertex>> links,
                               unsigned workers);

/// True when v, in the graph with the links v–x for each x in `added`, has at most one partner,
/// or lies on the strictly smaller side of a bridge, or in a piece strictly smaller than the
/// largest when one school is removed (connectivity.cpp's hangs-on rule). One DFS from v.
bool depends_on_one(const graph::LocalGraph& g, Vertex v, std::span<const Vertex> added);

/// The network plan (plan.cpp): fills s.at_risk, s.lower_bound, s.plan, s.plan_stop.
void make_plan(const Network& network, const Settings& settings, const Feasibility& feasible,
               const graph::SchoolGraph& g, std::size_t limit, Suggestions& s);

/// Schools at risk in the plan's sense: at most one partner, or on the strictly smaller side of
/// a bridge. Per school, from the connectivity pass's bridges.
std::vector<char> at_risk_schools(const graph::SchoolGraph& g,
                                  const passes::ConnectivityResult& c);

}  // namespace collabnet::suggest
