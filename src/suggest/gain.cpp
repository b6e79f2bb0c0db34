// The gain in a school's harmonic sum from one new link, exactly: a breadth-first search from the
// new partner pruned to the schools it brings nearer (Crescenzi, D'Angelo, Severini, Velaj 2016).
// `link_gains` runs up to 256 such searches at once, one bit per candidate partner, so that the
// schools several nearby candidates reach at the same distance are visited once (the word-parallel
// BFS of the centrality kernel, applied to the pruned searches).
//
// Both forms sum the gain the same way, from counts: Σ_d n_d / d over the new distances d minus
// Σ_c m_c / c over the old ones, ascending. The same counts therefore give the same bits whichever
// form computed them, which the lazy greedy relies on when it compares a first gain from the batch
// with a gain recomputed by `link_gain`.

#include <array>
#include <algorithm>
#include <bit>

#include "suggest/suggest_internal.hpp"

namespace collabnet::suggest {

namespace {

/// Σ by_new[d] / d − Σ by_old[c] / c, both ascending (index 0 unused).
double harmonic_from_counts(std::span<const std::uint32_t> by_new,
                            std::span<const std::uint32_t> by_old) {
  double up = 0, down = 0;
  for (std::size_t d = 1; d < by_new.size(); ++d)
    if (by_new[d] != 0) up += static_cast<double>(by_new[d]) / static_cast<double>(d);
  for (std::size_t c = 1; c < by_old.size(); ++c)
    if (by_old[c] != 0) down += static_cast<double>(by_old[c]) / static_cast<double>(c);
  return up - down;
}

}  // namespace

void distances_from(const graph::LocalGraph& g, Vertex source, Search& s) {
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

Gain link_gain(const graph::LocalGraph& g, Vertex v, Vertex u, std::vector<std::uint32_t>& cur,
               Search& s, bool update) {
  std::vector<std::uint32_t>& by_new = s.by_new;
  std::vector<std::uint32_t>& by_old = s.by_old;
  Gain gain;
  s.dist[u] = 0;
  s.queue.push_back(u);
  for (std::size_t head = 0; head < s.queue.size(); ++head) {
    const Vertex x = s.queue[head];
    const std::uint32_t via = s.dist[x] + 1;  // v's distance to x through the new link
    if (x == v || via >= cur[x]) continue;    // not nearer: nothing beyond x gains through it
    if (via >= by_new.size()) by_new.resize(via + 1, 0);
    ++by_new[via];
    if (cur[x] != kFar) {
      if (cur[x] >= by_old.size()) by_old.resize(cur[x] + 1, 0);
      ++by_old[cur[x]];
    }
    ++gain.closer;
    for (Vertex y : g.neighbours(x)) {
      if (s.dist[y] != kFar) continue;
      s.dist[y] = via;
      s.queue.push_back(y);
    }
  }
  gain.harmonic = harmonic_from_counts(by_new, by_old);
  by_new.clear();
  by_old.clear();
  if (update)
    for (Vertex x : s.queue)
      if (x != v && s.dist[x] + 1 < cur[x]) cur[x] = s.dist[x] + 1;
  s.clear();
  return gain;
}

namespace {

/// One batch of up to 64·W searches, one bit per partner: a school's W words say which
/// partners have reached it (seen), reach it at this distance (now) and at the next (next).
template <std::size_t W>
void gains_batch(const graph::LocalGraph& g, Vertex v, std::span<const Vertex> partners,
                 const std::vector<std::uint32_t>& cur, std::size_t old_width, BatchSearch& b,
                 std::span<Gain> out) {
  constexpr std::size_t kBits = 64 * W;
  using Mask = std::array<std::uint64_t, W>;
  // School x's words are [x·W, x·W + W) of each array.
  auto any = [](const std::uint64_t* m) {
    std::uint64_t o = 0;
    for (std::size_t w = 0; w < W; ++w) o |= m[w];
    return o != 0;
  };
  std::uint64_t* const seen = b.seen.data();
  std::uint64_t* now = b.now.data();
  std::uint64_t* next = b.next.data();
  const std::size_t k = partners.size();
  // The lists are written without branches (the slot is always written, the count moves only
  // when the school is new to the list): whether a neighbour is new is not predictable.
  Vertex* frontier = b.frontier.data();
  Vertex* upcoming = b.upcoming.data();
  Vertex* const touched = b.touched.data();
  std::size_t in_frontier = 0, in_upcoming = 0, in_touched = 0;
  for (std::size_t i = 0; i < k; ++i) {
    const Vertex u = partners[i];
    touched[in_touched] = u;
    in_touched += !any(seen + u * W);
    frontier[in_frontier] = u;
    in_frontier += !any(now + u * W);
    seen[u * W + i / 64] |= std::uint64_t{1} << (i % 64);
    now[u * W + i / 64] |= std::uint64_t{1} << (i % 64);
  }
  // by_new: one row of kBits counts per new distance (row 0 unused); by_old: one per old one.
  b.by_new.assign(kBits, 0);
  b.by_old.assign(old_width * kBits, 0);
  for (std::uint32_t via = 1; in_frontier != 0; ++via) {
    b.by_new.resize((static_cast<std::size_t>(via) + 1) * kBits, 0);
    std::uint32_t* row_new = &b.by_new[static_cast<std::size_t>(via) * kBits];
    in_upcoming = 0;
    for (std::size_t j = 0; j < in_frontier; ++j) {
      const Vertex x = frontier[j];
      Mask f;
      for (std::size_t w = 0; w < W; ++w) {
        f[w] = now[x * W + w];
        now[x * W + w] = 0;
      }
      if (x == v || via >= cur[x]) continue;  // reached, not nearer: expands no further
      std::uint32_t* row_old =
          cur[x] == kFar ? nullptr : &b.by_old[static_cast<std::size_t>(cur[x]) * kBits];
      for (std::size_t w = 0; w < W; ++w)
        for (std::uint64_t m = f[w]; m != 0; m &= m - 1) {
          const std::size_t i = w * 64 + static_cast<std::size_t>(std::countr_zero(m));
          ++row_new[i];
          if (row_old) ++row_old[i];
        }
      for (const Vertex y : g.neighbours(x)) {
        std::uint64_t some = 0, had_seen = 0, had_next = 0;
        for (std::size_t w = 0; w < W; ++w) {
          const std::uint64_t add = f[w] & ~seen[y * W + w];
          some |= add;
          had_seen |= seen[y * W + w];
          had_next |= next[y * W + w];
          seen[y * W + w] |= add;
          next[y * W + w] |= add;
        }
        touched[in_touched] = y;
        in_touched += (some != 0) & (had_seen == 0);
        upcoming[in_upcoming] = y;
        in_upcoming += (some != 0) & (had_next == 0);
      }
    }
    std::swap(now, next);  // every mask of the old `now` was cleared above
    std::swap(frontier, upcoming);
    in_frontier = in_upcoming;
  }
  for (std::size_t j = 0; j < in_touched; ++j)
    for (std::size_t w = 0; w < W; ++w) seen[touched[j] * W + w] = 0;
  // An odd number of levels leaves the roles swapped: both arrays are all zero again, so the
  // next batch may take either.

  const std::size_t levels = b.by_new.size() / kBits;
  std::vector<std::uint32_t> col_new(levels), col_old(old_width);
  for (std::size_t i = 0; i < k; ++i) {
    Gain gain;
    for (std::size_t d = 0; d < levels; ++d) {
      col_new[d] = b.by_new[d * kBits + i];
      gain.closer += col_new[d];
    }
    for (std::size_t c = 0; c < old_width; ++c) col_old[c] = b.by_old[c * kBits + i];
    gain.harmonic = harmonic_from_counts(col_new, col_old);
    out[i] = gain;
  }
}

}  // namespace

void link_gains(const graph::LocalGraph& g, Vertex v, std::span<const Vertex> partners,
                const std::vector<std::uint32_t>& cur, BatchSearch& b, std::span<Gain> out) {
  // The largest finite present distance bounds every old distance counted.
  std::uint32_t far = 0;
  for (std::uint32_t d : cur)
    if (d != kFar && d > far) far = d;
  const std::size_t old_width = static_cast<std::size_t>(far) + 1;
  // Up to 256 partners per batch: nearby partners reach most schools at one or two distances,
  // so a wider batch visits each school's links fewer times in all.
  for (std::size_t first = 0; first < partners.size(); first += BatchSearch::kMaxBatch) {
    const std::size_t k = std::min(BatchSearch::kMaxBatch, partners.size() - first);
    const auto part = partners.subspan(first, k);
    const auto into = out.subspan(first, k);
    if (k <= 64) gains_batch<1>(g, v, part, cur, old_width, b, into);
    else if (k <= 128) gains_batch<2>(g, v, part, cur, old_width, b, into);
    else gains_batch<4>(g, v, part, cur, old_width, b, into);
  }
}

std::vector<double> side_gains(const graph::LocalGraph& lg,
                               std::span<const std::pair<Vertex, Vertex>> links,
                               unsigned workers) {
  std::vector<std::size_t> order(links.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
    return links[x].first != links[y].first ? links[x].first < links[y].first : x < y;
  });
  std::vector<std::size_t> group_begin;  // into order: one group per distinct a
  for (std::size_t k = 0; k < order.size(); ++k)
    if (k == 0 || links[order[k]].first != links[order[k - 1]].first) group_begin.push_back(k);
  group_begin.push_back(order.size());
  std::vector<double> out(links.size(), 0.0);
  struct Workspace {
    Search search;
    BatchSearch batch;
    std::vector<std::uint32_t> cur;
  };
  const std::size_t n = lg.n;
  parallel_for(
      group_begin.size() - 1, workers,
      [n] { return Workspace{Search(n), BatchSearch(n), std::vector<std::uint32_t>(n, kFar)}; },
      [&](std::size_t gi, Workspace& w) {
        const std::size_t begin = group_begin[gi], end = group_begin[gi + 1];
        const Vertex a = lg.label[links[order[begin]].first];
        std::fill(w.cur.begin(), w.cur.end(), kFar);
        distances_from(lg, a, w.search);
        for (Vertex x : w.search.queue) w.cur[x] = w.search.dist[x];
        w.search.clear();
        std::vector<Vertex> partners;
        for (std::size_t k = begin; k < end; ++k)
          partners.push_back(lg.label[links[order[k]].second]);
        std::vector<Gain> gains(partners.size());
        link_gains(lg, a, partners, w.cur, w.batch, gains);
        for (std::size_t k = begin; k < end; ++k) out[order[k]] = gains[k - begin].harmonic;
      });
  return out;
}

}  // namespace collabnet::suggest
