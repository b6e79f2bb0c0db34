// Batched Brandes (see shortest_paths.hpp). Exactness: path counts are sums of integers held in
// doubles, as NetworkX holds them; every sum runs in an order fixed by the graph and the batch
// alone (neighbours in ascending order, sources in batch order, batches in chunk order), never by
// which thread ran what.

#include "passes/shortest_paths.hpp"
#include "graph/local_graph.hpp"
#include "passes/blocks.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <cstdint>
#include <limits>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace collabnet::passes {
namespace {

using graph::Vertex;
/// One bit per source of a batch. 128 sources a batch rather than 64: each school then meets a
/// batch on fewer distinct levels per source (measured: 0.105·n entries per source at 64,
/// 0.06·n at 128), which is what the kernel's time follows.
__extension__ using Mask = unsigned __int128;
constexpr std::size_t kBatch = 128;
/// Batches are grouped into at most this many chunks whatever the thread count; each chunk sums
/// into its own arrays and the chunks are added in order, which fixes every rounding.
constexpr std::size_t kChunks = 64;

/// The kernel walks the graph relabelled in breadth-first order (graph/local_graph.hpp).
using graph::LocalGraph;
using graph::relabel;

/// One school at one distance from some of the batch's sources. Its path counts and
/// dependencies, one per source in `sources` (packed, in lane order), start at `offset` in the
/// workspace's arrays; so a level's figures lie together in memory, and the working set of a
/// level fits in cache whatever the size of the graph.
struct Entry {
  Vertex v;
  std::uint32_t offset;
  Mask sources;  ///< the batch's sources that reach v at this entry's level
};

/// One worker's arrays, reused for every batch: nothing is allocated per batch once warm.
struct Workspace {
  std::vector<Mask> seen, next;
  /// Per school: its entry on the level being read (its sources, 0 if none, and their
  /// figures' offset): indexed by school, so that neighbours' lie near each other.
  std::vector<Mask> read_sources;
  std::vector<std::uint32_t> read_offset;
  std::vector<double> sigma, delta;  ///< packed per entry
  std::vector<Entry> entries;        ///< all levels, level after level
  std::vector<std::size_t> level_begin;
  std::vector<Vertex> found;              ///< the next level's schools, in label order
  std::vector<std::uint64_t> found_bits;  ///< per school, a bit: found for the next level
  std::size_t found_first = std::numeric_limits<std::size_t>::max(), found_last = 0;  ///< words
  std::array<double, kBatch> lane_extra{};  ///< per lane: its source's weight − 1 (split graph)
  std::array<double, kBatch> through{};     ///< per lane: harmonic sum beyond cut copies
  explicit Workspace(std::size_t n)
      : seen(n, 0), next(n, 0), read_sources(n, 0), read_offset(n, 0), found_bits(n / 64 + 1, 0) {
    // A batch holds at most one figure per (school, source): reserving that much up front (only
    // the pages used are ever resident) spares the copies and the slack of growing vectors.
    sigma.reserve(n * kBatch);
    delta.reserve(n * kBatch);
  }
};

/// The block-split graph's tables (passes/blocks.hpp) as the kernel reads them.
struct Split {
  const double* weight;
  const std::uint32_t* f_offset;
  const std::uint32_t* f_length;
  const double* f;
};

// The kernel, compiled twice: for any CPU, and (GCC on x86-64) for x86-64-v3 (AVX2, BMI2,
// hardware popcount), chosen at run time so that the binary stays portable. Both run the same
// operations in the same order, lane by lane: additions, one multiplication and one division per
// lane, never a multiply-add that a compiler could fuse; so both give the same bits.
#define COLLABNET_KERNEL_BMI2 0
namespace generic {
#include "passes/shortest_paths_kernel.inc"
}  // namespace generic
#undef COLLABNET_KERNEL_BMI2
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__)
#define COLLABNET_KERNEL_V3 1
#pragma GCC push_options
#pragma GCC target("arch=x86-64-v3")
// (C++ lexes the whole file first, so the pragma cannot switch __BMI2__ on: say it here.)
#define COLLABNET_KERNEL_BMI2 1
namespace v3 {
#include "passes/shortest_paths_kernel.inc"
}  // namespace v3
#undef COLLABNET_KERNEL_BMI2
#pragma GCC pop_options
#endif

using BatchKernel = void (*)(const LocalGraph&, const Vertex*, std::size_t, Workspace&, double*,
                             double*, const Split*);

BatchKernel pick_kernel() {
#if defined(COLLABNET_KERNEL_V3)
  __builtin_cpu_init();
  if (__builtin_cpu_supports("x86-64-v3")) return v3::run_batch;
#endif
  return generic::run_batch;
}

/// The wanted sources in batch order: each batch of 128 is grown as a ball, breadth-first from
/// the first wanted source not yet taken (in label order), so that its sources lie a few hops
/// apart. A batch whose ball runs out of sources continues from the next untaken source.
std::vector<Vertex> group_by_locality(const LocalGraph& g, std::vector<char>& wanted) {
  std::vector<Vertex> order, queue;
  std::vector<std::uint32_t> stamp(g.n, 0);
  std::uint32_t batch = 0;
  std::size_t in_batch = kBatch;
  for (Vertex seed = 0; seed < g.n; ++seed) {
    if (!wanted[seed]) continue;
    if (in_batch == kBatch) {
      ++batch;
      in_batch = 0;
    }
    queue.assign(1, seed);
    stamp[seed] = batch;
    for (std::size_t head = 0; head < queue.size() && in_batch < kBatch; ++head) {
      const Vertex v = queue[head];
      if (wanted[v]) {
        wanted[v] = 0;
        order.push_back(v);
        ++in_batch;
      }
      for (std::uint32_t k = g.offsets[v]; k < g.offsets[v + 1]; ++k) {
        const Vertex u = g.adjacent[k];
        if (stamp[u] != batch) {
          stamp[u] = batch;
          queue.push_back(u);
        }
      }
    }
  }
  return order;
}

/// Runs the batches of `order` (sources of `l`, 128 a batch) in fixed chunks; returns the
/// dependency sums then the harmonic sums, by label of `l`.
std::vector<double> run_batches(const LocalGraph& l, const std::vector<Vertex>& order,
                                BatchKernel kernel, const Split* split, unsigned threads,
                                const std::function<void(double)>& progress) {
  const std::size_t n = l.n;
  std::vector<double> total(2 * n, 0);
  const std::size_t batches = (order.size() + kBatch - 1) / kBatch;
  if (batches == 0) return total;
  const std::size_t chunks = std::min(batches, kChunks);
  std::vector<std::vector<double>> finished(chunks);  // per chunk: dependency then harmonic
  std::vector<bool> ready(chunks, false);
  std::size_t folded = 0;
  std::mutex fold;
  std::atomic<std::size_t> next_chunk{0};
  auto work = [&] {
    Workspace w(n);
    for (std::size_t c; (c = next_chunk.fetch_add(1)) < chunks;) {
      std::vector<double> sums(2 * n, 0);
      const std::size_t first = c * batches / chunks, last = (c + 1) * batches / chunks;
      for (std::size_t b = first; b < last; ++b) {
        const std::size_t begin = b * kBatch, end = std::min(order.size(), begin + kBatch);
        kernel(l, order.data() + begin, end - begin, w, sums.data(), sums.data() + n, split);
      }
      // Chunks are added strictly in order, by whichever worker completes the run of them.
      std::lock_guard lock(fold);
      finished[c] = std::move(sums);
      ready[c] = true;
      for (; folded < chunks && ready[folded]; ++folded) {
        const std::vector<double>& s = finished[folded];
        for (std::size_t v = 0; v < 2 * n; ++v) total[v] += s[v];
        finished[folded] = {};
      }
      if (progress) progress(static_cast<double>(folded) / static_cast<double>(chunks));
    }
  };
  unsigned workers = threads != 0 ? threads : std::max(1u, std::thread::hardware_concurrency());
  workers = static_cast<unsigned>(std::min<std::size_t>(workers, chunks));
  if (workers <= 1) {
    work();
  } else {
    std::vector<std::jthread> pool;
    for (unsigned t = 0; t < workers; ++t) pool.emplace_back(work);
  }
  return total;
}

}  // namespace

ShortestPathSums shortest_path_sums(const graph::SchoolGraph& g,
                                    const std::vector<Vertex>& sources, unsigned threads,
                                    const std::function<void(double)>& progress,
                                    Kernel which) {
  const std::size_t n = g.n;
  ShortestPathSums out;
  out.dependency.assign(n, 0);
  out.harmonic.assign(n, 0);
  if (n == 0) return out;
  const LocalGraph l = relabel(g);
  const BatchKernel kernel = which == Kernel::portable ? generic::run_batch : pick_kernel();

  // Every school a source: Brandes within each block of the block-split graph, which walks
  // each block once per school of it rather than the whole component (passes/blocks.hpp).
  if (sources.empty())
    if (std::optional<BlockSplit> split = split_blocks(g, l, threads)) {
      const std::size_t copies = split->graph.n;
      std::vector<char> wanted(copies, 1);
      const std::vector<Vertex> order = group_by_locality(split->graph, wanted);
      const Split tables{split->weight.data(), split->f_offset.data(), split->f_length.data(),
                         split->f.data()};
      const std::vector<double> sums =
          run_batches(split->graph, order, kernel, &tables, threads, progress);
      // A school's sums: its copies' in copy order, then the pairs it separates.
      for (std::size_t x = 0; x < copies; ++x) {
        out.dependency[split->school[x]] += sums[x];
        out.harmonic[split->school[x]] += sums[copies + x];
      }
      for (std::size_t v = 0; v < n; ++v) out.dependency[v] += split->separated_pairs[v];
      return out;
    }

  // Sources by new label; schools without a partner reach nobody and are skipped.
  std::vector<char> wanted(n, 0);
  if (sources.empty()) {
    for (Vertex v = 0; v < n; ++v) wanted[v] = 1;
  } else {
    for (Vertex s : sources) wanted[l.label[s]] = 1;
  }
  for (Vertex v = 0; v < n; ++v)
    if (l.offsets[v + 1] == l.offsets[v]) wanted[v] = 0;
  const std::vector<Vertex> order = group_by_locality(l, wanted);
  const std::vector<double> sums = run_batches(l, order, kernel, nullptr, threads, progress);
  for (std::size_t v = 0; v < n; ++v) {
    out.dependency[l.original[v]] = sums[v];
    out.harmonic[l.original[v]] = sums[n + v];
  }
  return out;
}

}  // namespace collabnet::passes
