// The block-split graph (passes/blocks.hpp). Blocks and cut schools come from Boost.Graph's
// biconnected_components over the link graph, as in passes/connectivity.cpp (a simple graph:
// a block of one link is a bridge). Each component's block-cut tree is rooted at its largest
// block; weights and distance histograms are integers, summed over that tree bottom-up (what
// hangs below each cut school) and then top-down (what lies above it).

#include "passes/blocks.hpp"

#include <boost/graph/biconnected_components.hpp>

#include <algorithm>
#include <atomic>
#include <bit>
#include <iterator>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <thread>

#include "graph/link_graph.hpp"

namespace collabnet::passes {
namespace {

using graph::Vertex;
/// Schools by distance from one school: [k] = how many at distance k ([0] stays 0).
using Hist = std::vector<std::uint64_t>;
constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

/// dst[k + shift] += src[k] for every k ≥ 1.
void add_shifted(Hist& dst, const Hist& src, std::size_t shift) {
  if (src.size() <= 1) return;
  if (dst.size() < src.size() + shift) dst.resize(src.size() + shift, 0);
  for (std::size_t k = 1; k < src.size(); ++k) dst[k + shift] += src[k];
}

}  // namespace

std::optional<BlockSplit> split_blocks(const graph::SchoolGraph& g, const graph::LocalGraph& l,
                                       unsigned threads, const SplitLimits& limits) {
  const std::size_t n = g.n;
  BlockSplit s;
  s.separated_pairs.assign(n, 0);

  // Blocks. BGL labels one arc of each link (a tree or back arc of its search) with its block.
  const bgl::Graph& csr = g.bgl->csr;
  constexpr std::size_t kNoBlock = std::numeric_limits<std::size_t>::max();
  std::vector<std::size_t> arc_block(boost::num_edges(csr), kNoBlock);
  std::vector<bgl::Vertex> cut_list;
  const std::size_t blocks =
      boost::biconnected_components(
          csr, boost::make_iterator_property_map(arc_block.begin(), get(boost::edge_index, csr)),
          std::back_inserter(cut_list))
          .first;
  std::vector<char> is_cut(n, 0);
  for (bgl::Vertex c : cut_list) is_cut[c] = 1;
  std::vector<std::uint32_t> link_block(g.links.size(), kNone);
  for (std::size_t arc = 0; arc < arc_block.size(); ++arc)
    if (arc_block[arc] != kNoBlock)
      link_block[g.adjacent_link[arc]] = static_cast<std::uint32_t>(arc_block[arc]);
  std::vector<std::uint32_t> link_begin(blocks + 1, 0), by_block(g.links.size());
  for (std::uint32_t b : link_block) {
    if (b == kNone) throw std::logic_error("split_blocks: a link without a block");
    ++link_begin[b + 1];
  }
  std::partial_sum(link_begin.begin(), link_begin.end(), link_begin.begin());
  {
    std::vector<std::uint32_t> cursor(link_begin.begin(), link_begin.end() - 1);
    for (std::size_t li = 0; li < g.links.size(); ++li)
      by_block[cursor[link_block[li]]++] = static_cast<std::uint32_t>(li);
  }

  // Each block's schools in label order; blocks in the label order of their first school.
  std::vector<std::uint32_t> stamp(n, kNone), vert_begin(blocks + 1, 0);
  std::vector<Vertex> verts;
  for (std::size_t b = 0; b < blocks; ++b) {
    const std::size_t begin = verts.size();
    for (std::uint32_t k = link_begin[b]; k < link_begin[b + 1]; ++k)
      for (Vertex v : {g.links[by_block[k]].a, g.links[by_block[k]].b})
        if (stamp[v] != b) {
          stamp[v] = static_cast<std::uint32_t>(b);
          verts.push_back(v);
        }
    std::sort(verts.begin() + static_cast<std::ptrdiff_t>(begin), verts.end(),
              [&](Vertex x, Vertex y) { return l.label[x] < l.label[y]; });
    vert_begin[b + 1] = static_cast<std::uint32_t>(verts.size());
  }
  std::vector<std::uint32_t> block_order(blocks);
  std::iota(block_order.begin(), block_order.end(), 0u);
  std::sort(block_order.begin(), block_order.end(), [&](std::uint32_t x, std::uint32_t y) {
    return l.label[verts[vert_begin[x]]] < l.label[verts[vert_begin[y]]];
  });

  // Copies, block after block (blocks renumbered B = position in block_order), and G' rows.
  const std::size_t copies = verts.size();
  s.school.reserve(copies);
  std::vector<std::uint32_t> block_begin(blocks + 1, 0), block_of(copies);
  for (std::size_t B = 0; B < blocks; ++B) {
    const std::uint32_t b = block_order[B];
    for (std::uint32_t k = vert_begin[b]; k < vert_begin[b + 1]; ++k) {
      block_of[s.school.size()] = static_cast<std::uint32_t>(B);
      s.school.push_back(verts[k]);
    }
    block_begin[B + 1] = static_cast<std::uint32_t>(s.school.size());
  }
  std::vector<std::uint32_t> copy_of(n, kNone);
  auto for_block_arcs = [&](std::size_t B, auto&& arc) {
    for (std::uint32_t x = block_begin[B]; x < block_begin[B + 1]; ++x) copy_of[s.school[x]] = x;
    const std::uint32_t b = block_order[B];
    for (std::uint32_t k = link_begin[b]; k < link_begin[b + 1]; ++k) {
      const graph::Link& link = g.links[by_block[k]];
      arc(copy_of[link.a], copy_of[link.b]);
      arc(copy_of[link.b], copy_of[link.a]);
    }
  };
  s.offsets.assign(copies + 1, 0);
  for (std::size_t B = 0; B < blocks; ++B)
    for_block_arcs(B, [&](std::uint32_t x, std::uint32_t) { ++s.offsets[x + 1]; });
  std::partial_sum(s.offsets.begin(), s.offsets.end(), s.offsets.begin());
  s.adjacent.resize(s.offsets.back());
  {
    std::vector<std::uint32_t> cursor(s.offsets.begin(), s.offsets.end() - 1);
    for (std::size_t B = 0; B < blocks; ++B)
      for_block_arcs(B, [&](std::uint32_t x, std::uint32_t y) { s.adjacent[cursor[x]++] = y; });
  }
  for (std::size_t x = 0; x < copies; ++x)
    std::sort(s.adjacent.begin() + s.offsets[x], s.adjacent.begin() + s.offsets[x + 1]);
  s.graph.n = copies;
  s.graph.offsets = s.offsets;
  s.graph.adjacent = s.adjacent;

  // Each block's cut copies, in copy order; each cut school's copies, in copy order.
  std::vector<std::uint32_t> cut_begin(blocks + 1, 0), cuts, cut_index(copies, kNone);
  std::vector<std::vector<std::uint32_t>> copies_of(n);
  for (std::size_t B = 0; B < blocks; ++B) {
    for (std::uint32_t x = block_begin[B]; x < block_begin[B + 1]; ++x)
      if (is_cut[s.school[x]]) {
        cut_index[x] = static_cast<std::uint32_t>(cuts.size() - cut_begin[B]);
        cuts.push_back(x);
        copies_of[s.school[x]].push_back(x);
      }
    cut_begin[B + 1] = static_cast<std::uint32_t>(cuts.size());
  }
  // Component sizes, and the eccentricity of each component's first school.
  std::vector<std::uint32_t> comp(n, kNone);
  std::vector<std::uint64_t> comp_size, comp_reach;
  std::vector<std::uint32_t> depth(n, 0);
  {
    std::vector<Vertex> queue;
    for (Vertex root = 0; root < n; ++root) {
      if (comp[root] != kNone) continue;
      const auto c = static_cast<std::uint32_t>(comp_size.size());
      queue.assign(1, root);
      comp[root] = c;
      for (std::size_t head = 0; head < queue.size(); ++head)
        for (Vertex u : g.neighbours(queue[head]))
          if (comp[u] == kNone) {
            comp[u] = c;
            depth[u] = depth[queue[head]] + 1;
            queue.push_back(u);
          }
      comp_size.push_back(queue.size());
      comp_reach.push_back(depth[queue.back()]);
    }
  }

  // Limits (SplitLimits): the pairwise cut distances below take Σ k_B² figures, and the
  // histogram tables about Σ k_B²·h additions, h ≤ 2·(eccentricity) + 2 within a component;
  // the batches then walk Σ_B |B|·m_B (source, link) pairs, each dearer than an addition.
  auto size_of = [&](std::uint32_t B) { return block_begin[B + 1] - block_begin[B]; };
  std::uint64_t cut_pairs = 0, additions = 0, walk = 0;
  for (std::uint32_t B = 0; B < blocks; ++B) {
    const std::uint64_t k = cut_begin[B + 1] - cut_begin[B];
    cut_pairs += k * k;
    additions += k * k * (2 * comp_reach[comp[s.school[block_begin[B]]]] + 2);
    const std::uint32_t b = block_order[B];
    walk += std::uint64_t{size_of(B)} * (link_begin[b + 1] - link_begin[b]);
  }
  if (cut_pairs > std::max<std::uint64_t>(limits.pairs, limits.pairs_per_copy * copies) ||
      additions > std::max(limits.additions, walk))
    return std::nullopt;

  // The block-cut trees, each rooted at its component's largest block (ties: first block), in
  // breadth-first order: a block's parent cut copy is its copy of the cut school above it.
  std::vector<std::uint32_t> root(comp_size.size(), kNone);
  for (std::uint32_t B = 0; B < blocks; ++B) {
    std::uint32_t& r = root[comp[s.school[block_begin[B]]]];
    if (r == kNone || size_of(B) > size_of(r)) r = B;
  }
  std::vector<std::uint32_t> parent_copy(blocks, kNone), order;
  order.reserve(blocks);
  for (std::uint32_t r : root)
    if (r != kNone) order.push_back(r);
  std::sort(order.begin(), order.end());
  for (std::size_t head = 0; head < order.size(); ++head) {
    const std::uint32_t B = order[head];
    for (std::uint32_t k = cut_begin[B]; k < cut_begin[B + 1]; ++k) {
      const std::uint32_t x = cuts[k];
      if (x == parent_copy[B]) continue;
      for (std::uint32_t y : copies_of[s.school[x]]) {
        if (y == x) continue;
        parent_copy[block_of[y]] = y;
        order.push_back(block_of[y]);
      }
    }
  }

  // Weights: what hangs below each cut school (below), each block's subtree without its parent
  // cut school (sub); a parent cut copy stands for the rest of its component.
  std::vector<std::uint64_t> below(n, 0), sub(blocks, 0);
  for (std::size_t h = order.size(); h-- > 0;) {
    const std::uint32_t B = order[h];
    std::uint64_t total = 0;
    for (std::uint32_t x = block_begin[B]; x < block_begin[B + 1]; ++x)
      if (x != parent_copy[B]) total += is_cut[s.school[x]] ? 1 + below[s.school[x]] : 1;
    sub[B] = total;
    if (parent_copy[B] != kNone) below[s.school[parent_copy[B]]] += total;
  }
  s.weight.assign(copies, 1.0);
  for (std::size_t x = 0; x < copies; ++x) {
    const Vertex v = s.school[x];
    if (!is_cut[v]) continue;
    const std::uint32_t B = block_of[x];
    s.weight[x] = static_cast<double>(x == parent_copy[B] ? comp_size[comp[v]] - sub[B]
                                                           : 1 + below[v]);
  }
  for (Vertex v = 0; v < n; ++v) {
    if (!is_cut[v]) continue;
    const std::uint64_t N = comp_size[comp[v]];
    std::uint64_t squares = 0;
    for (std::uint32_t x : copies_of[v]) {
      const std::uint64_t through = N - static_cast<std::uint64_t>(s.weight[x]);
      squares += through * through;
    }
    s.separated_pairs[v] = static_cast<double>((N - 1) * (N - 1) - squares);
  }

  // Within each block, a breadth-first search from each cut copy: its distance histogram over
  // the block, and its distance to the block's other cut copies (k_B × k_B, row per cut copy).
  std::vector<Hist> within(copies);
  std::vector<std::size_t> dist_begin(blocks + 1, 0);
  for (std::size_t B = 0; B < blocks; ++B) {
    const std::size_t k = cut_begin[B + 1] - cut_begin[B];
    dist_begin[B + 1] = dist_begin[B] + k * k;
  }
  std::vector<std::uint32_t> cut_dist(dist_begin.back());
  {
    // 64 cut copies at a time, bit-parallel (one bit per search in a word per school, as the
    // centrality kernel does): a school is visited once per distinct distance from the group's
    // searches instead of once per search. Groups are independent and write disjoint figures
    // (their own cut copies' histograms and rows), so threads share them in any order.
    std::vector<std::pair<std::uint32_t, std::uint32_t>> groups;  // (block, first cut index)
    for (std::size_t B = 0; B < blocks; ++B)
      for (std::uint32_t first = 0; first < cut_begin[B + 1] - cut_begin[B]; first += 64)
        groups.emplace_back(static_cast<std::uint32_t>(B), first);
    std::atomic<std::size_t> next_group{0};
    auto work = [&] {
      std::vector<std::uint64_t> seen(copies, 0), now(copies, 0), next(copies, 0);
      std::vector<std::uint32_t> level, found;
      for (std::size_t t; (t = next_group.fetch_add(1)) < groups.size();) {
        const auto [B, group] = groups[t];
        const std::size_t k = cut_begin[B + 1] - cut_begin[B];
        const std::size_t lanes = std::min<std::size_t>(64, k - group);
        level.clear();
        for (std::size_t i = 0; i < lanes; ++i) {
          const std::uint32_t x = cuts[cut_begin[B] + group + i];
          seen[x] = now[x] = std::uint64_t{1} << i;
          level.push_back(x);
          cut_dist[dist_begin[B] + (group + i) * k + group + i] = 0;
        }
        for (std::uint32_t d = 1; !level.empty(); ++d) {
          found.clear();
          for (const std::uint32_t v : level)
            for (std::uint32_t a = s.offsets[v]; a < s.offsets[v + 1]; ++a) {
              const std::uint32_t u = s.adjacent[a];
              const std::uint64_t add = now[v] & ~seen[u];
              if (add == 0) continue;
              if (next[u] == 0) found.push_back(u);
              next[u] |= add;
            }
          for (const std::uint32_t v : level) now[v] = 0;
          for (const std::uint32_t u : found) {
            const std::uint64_t mask = next[u];
            next[u] = 0;
            seen[u] |= mask;
            now[u] = mask;
            const std::uint32_t j = cut_index[u];
            for (std::uint64_t m = mask; m != 0; m &= m - 1) {
              const std::size_t i = group + static_cast<std::size_t>(std::countr_zero(m));
              Hist& h = within[cuts[cut_begin[B] + i]];
              if (h.size() <= d) h.resize(d + 1, 0);
              ++h[d];
              if (j != kNone) cut_dist[dist_begin[B] + i * k + j] = d;
            }
          }
          level.swap(found);
        }
        for (std::uint32_t v = block_begin[B]; v < block_begin[B + 1]; ++v) seen[v] = 0;
      }
    };
    // Small graphs in the calling thread: starting threads would cost more than the searches.
    unsigned workers = threads != 0 ? threads : std::max(1u, std::thread::hardware_concurrency());
    workers = static_cast<unsigned>(std::min<std::size_t>(workers, groups.size()));
    if (workers <= 1 || copies < 1024) {
      work();
    } else {
      std::vector<std::jthread> pool;
      for (unsigned w = 0; w < workers; ++w) pool.emplace_back(work);
    }
  }

  // Bottom-up: D_B, the distances from B's parent cut school to B's subtree; down(c) = Σ of D
  // over c's child blocks (what hangs below c, by distance from c).
  std::vector<Hist> D(blocks), down(n);
  for (std::size_t h = order.size(); h-- > 0;) {
    const std::uint32_t B = order[h];
    const std::uint32_t p = parent_copy[B];
    if (p == kNone) continue;
    const std::size_t k = cut_begin[B + 1] - cut_begin[B], i = cut_index[p];
    Hist d = within[p];
    for (std::size_t j = 0; j < k; ++j)
      if (j != i)
        add_shifted(d, down[s.school[cuts[cut_begin[B] + j]]], cut_dist[dist_begin[B] + i * k + j]);
    add_shifted(down[s.school[p]], d, 0);
    D[B] = std::move(d);
  }
  // Top-down: up[B], the distances from B's parent cut school to everything outside B's
  // subtree: its other child blocks, plus its parent block and all beyond that.
  std::vector<Hist> up(blocks);
  auto beyond = [&](std::uint32_t x) -> const Hist& {
    return x == parent_copy[block_of[x]] ? up[block_of[x]] : down[s.school[x]];
  };
  for (const std::uint32_t B : order) {
    const std::size_t k = cut_begin[B + 1] - cut_begin[B];
    for (std::size_t i = 0; i < k; ++i) {
      const std::uint32_t x = cuts[cut_begin[B] + i];
      if (x == parent_copy[B]) continue;
      Hist above = within[x];  // from x: B and all beyond B's other cut schools
      for (std::size_t j = 0; j < k; ++j)
        if (j != i) add_shifted(above, beyond(cuts[cut_begin[B] + j]), cut_dist[dist_begin[B] + i * k + j]);
      const Hist& all_below = down[s.school[x]];
      for (std::uint32_t y : copies_of[s.school[x]]) {
        if (y == x) continue;
        Hist u = all_below;  // D of y's block is in it: take it out
        for (std::size_t d = 1; d < D[block_of[y]].size(); ++d) u[d] -= D[block_of[y]][d];
        add_shifted(u, above, 0);
        // The subtraction can leave zeros at the end: drop them, so that every histogram is as
        // long as its farthest school (what SplitLimits' estimate assumes) and padding does not
        // grow block by block down the tree.
        while (u.size() > 1 && u.back() == 0) u.pop_back();
        up[block_of[y]] = std::move(u);
      }
    }
  }

  // F tables, per cut copy, for the distances within its block (1 … its eccentricity there).
  s.f_offset.assign(copies, 0);
  s.f_length.assign(copies, 0);
  for (const std::uint32_t x : cuts) {
    const Hist& h = beyond(x);
    const std::size_t reach = within[x].size() - 1;
    s.f_offset[x] = static_cast<std::uint32_t>(s.f.size());
    s.f_length[x] = static_cast<std::uint32_t>(reach);
    for (std::size_t d = 1; d <= reach; ++d) {
      double sum = 0;
      for (std::size_t j = 1; j < h.size(); ++j)
        if (h[j] != 0) sum += static_cast<double>(h[j]) / static_cast<double>(d + j);
      s.f.push_back(sum);
    }
  }
  return s;
}

}  // namespace collabnet::passes
