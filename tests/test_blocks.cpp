// Exact centrality through the block decomposition (passes/blocks.hpp): with every school a
// source, shortest_path_sums walks the block-split graph; its sums must equal textbook Brandes
// (one source at a time, the whole graph) and the batched kernel on the whole graph (every
// school passed as an explicit source, which takes the undecomposed path) to 1e-9, on graphs
// rich in blocks, and not change a bit with the thread count or the compiled kernel.
#include <catch2/catch.hpp>
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <numeric>
#include <string>
#include <utility>
#include <vector>

#include "graph/school_graph.hpp"
#include "graph/local_graph.hpp"
#include "passes/blocks.hpp"
#include "passes/shortest_paths.hpp"
#include "analysis_support.hpp"
#include "brandes_oracle.hpp"

using namespace collabnet;

namespace {

using Links = std::vector<std::pair<std::size_t, std::size_t>>;
using testing::make_network;
using testing::oracle;
using testing::random_links;

bool close(double got, double want) {
  return std::abs(got - want) <= 1e-9 * std::max(1.0, std::abs(want));
}

void check_close(const passes::ShortestPathSums& got, const passes::ShortestPathSums& want) {
  REQUIRE(got.dependency.size() == want.dependency.size());
  for (std::size_t v = 0; v < want.dependency.size(); ++v) {
    INFO("school " << v);
    CHECK(close(got.dependency[v], want.dependency[v]));
    CHECK(close(got.harmonic[v], want.harmonic[v]));
  }
}

/// A cycle through the given schools.
void cycle(Links& links, const std::vector<std::size_t>& schools) {
  for (std::size_t k = 0; k < schools.size(); ++k)
    links.push_back({schools[k], schools[(k + 1) % schools.size()]});
}
void clique(Links& links, const std::vector<std::size_t>& schools) {
  for (std::size_t a = 0; a < schools.size(); ++a)
    for (std::size_t b = a + 1; b < schools.size(); ++b) links.push_back({schools[a], schools[b]});
}
std::vector<std::size_t> range(std::size_t first, std::size_t count) {
  std::vector<std::size_t> r(count);
  std::iota(r.begin(), r.end(), first);
  return r;
}

/// The school graph of a cycle of k schools (0 … k − 1), school v with a pendant k + v.
graph::SchoolGraph cycle_with_pendants(std::size_t k) {
  Links links;
  cycle(links, range(0, k));
  for (std::size_t v = 0; v < k; ++v) links.push_back({v, k + v});
  return graph::build_school_graph(make_network(2 * k, links), std::nullopt);
}

}  // namespace

TEST_CASE("block decomposition: two triangles sharing a school, by hand") {
  // 0-1-2 and 2-3-4: school 2 separates {0, 1} from {3, 4}: 2·2·2 = 8 ordered pairs, and
  // nothing else passes through anyone. Harmonic: 0 sees 1 and 2 at 1, 3 and 4 at 2.
  Links links;
  cycle(links, {0, 1, 2});
  cycle(links, {2, 3, 4});
  const Network net = make_network(5, links);
  const graph::SchoolGraph g = graph::build_school_graph(net, std::nullopt);
  const auto r = passes::shortest_path_sums(g, {}, 1);
  CHECK(r.dependency == std::vector<double>{0, 0, 8, 0, 0});
  CHECK(r.harmonic == std::vector<double>{3, 3, 4, 3, 3});
}

TEST_CASE("block decomposition: the split graph of two triangles sharing a school") {
  // Each triangle is a block of its own in G'; school 2 has a copy in each, standing for itself
  // and the two schools of the other triangle (weight 3), which lie at distance 1 beyond it:
  // F[1] = 2 / (1 + 1).
  Links links;
  cycle(links, {0, 1, 2});
  cycle(links, {2, 3, 4});
  const Network net = make_network(5, links);
  const graph::SchoolGraph g = graph::build_school_graph(net, std::nullopt);
  const auto split = passes::split_blocks(g, graph::relabel(g));
  REQUIRE(split);
  REQUIRE(split->graph.n == 6);
  std::vector<double> weight_of(5, 0);
  for (std::size_t x = 0; x < 6; ++x) {
    CHECK(split->graph.degree(x) == 2);
    weight_of[split->school[x]] += split->weight[x];
    if (split->school[x] == 2) {
      CHECK(split->weight[x] == 3);
      REQUIRE(split->f_length[x] == 1);
      CHECK(split->f[split->f_offset[x]] == 1);
    } else {
      CHECK(split->f_length[x] == 0);
    }
  }
  CHECK(weight_of == std::vector<double>{1, 1, 6, 1, 1});
  CHECK(split->separated_pairs == std::vector<double>{0, 0, 8, 0, 0});
}

TEST_CASE("block decomposition: a path of three and a square with a tail, by hand") {
  // 0-1-2: 1 is on both ordered pairs (0,2), (2,0); harmonic 1 + 1/2 at the ends.
  const graph::SchoolGraph path = graph::build_school_graph(make_network(3, {{0, 1}, {1, 2}}),
                                                            std::nullopt);
  const auto p = passes::shortest_path_sums(path, {}, 1);
  CHECK(p.dependency == std::vector<double>{0, 2, 0});
  CHECK(p.harmonic == std::vector<double>{1.5, 2, 1.5});
  // Square 0-1-2-3-0 with a tail 2-4. Pairs through 2: (4, x) and (x, 4) for x = 0, 1, 3:
  // 6, all through 2; 1 and 3 each carry half of the paths 0↔2 and 0↔4: 2·(1/2 + 1/2) = 2;
  // 0 carries half of 1↔3: 2·1/2 = 1. So 2: 6 + 1 (half of 1↔3) = 7.
  // Harmonic of 4: 2 at 1, 1 and 3 at 2, 0 at 3: 1 + 1 + 1/3. Of 0: 1, 3 at 1, 2 at 2, 4 at 3.
  const graph::SchoolGraph sq = graph::build_school_graph(
      make_network(5, {{0, 1}, {1, 2}, {2, 3}, {3, 0}, {2, 4}}), std::nullopt);
  const auto s = passes::shortest_path_sums(sq, {}, 1);
  CHECK(s.dependency[0] == Approx(1).epsilon(1e-12));
  CHECK(s.dependency[1] == Approx(2).epsilon(1e-12));
  CHECK(s.dependency[2] == Approx(7).epsilon(1e-12));
  CHECK(s.dependency[3] == Approx(2).epsilon(1e-12));
  CHECK(s.dependency[4] == 0);
  CHECK(s.harmonic[4] == Approx(1 + 1 + 1.0 / 3).epsilon(1e-12));
  CHECK(s.harmonic[0] == Approx(1 + 1 + 0.5 + 1.0 / 3).epsilon(1e-12));
  CHECK(s.harmonic[2] == Approx(1 + 1 + 1 + 0.5).epsilon(1e-12));
}

TEST_CASE("block decomposition equals one-source-at-a-time Brandes") {
  std::vector<std::pair<std::string, Network>> cases;
  {
    Links star, path, tree = random_links(200, 4, 0);
    for (std::size_t v = 1; v < 40; ++v) star.push_back({0, v});
    for (std::size_t v = 1; v < 60; ++v) path.push_back({v - 1, v});
    cases.emplace_back("star", make_network(40, star));
    cases.emplace_back("path", make_network(60, path));
    cases.emplace_back("random forest", make_network(200, tree));
  }
  {
    // A chain of cycles of 3 … 9 schools, each sharing one school with the next, and a few
    // cycles hanging off the middle of them.
    Links links;
    std::size_t next = 0, shared = 0;
    for (std::size_t len = 3; len <= 9; ++len) {
      std::vector<std::size_t> c{shared};
      for (std::size_t k = 1; k < len; ++k) c.push_back(++next);
      cycle(links, c);
      shared = c[len / 2];
    }
    for (std::size_t at : {2u, 7u, 12u}) {
      cycle(links, {at, next + 1, next + 2, next + 3});
      next += 3;
    }
    cases.emplace_back("cycles sharing cut schools", make_network(next + 1, links));
  }
  {
    // K6 with a K4 hanging at each of its schools, a pendant path on one K4 and a pendant
    // triangle on the path's end.
    Links links;
    clique(links, range(0, 6));
    std::size_t next = 6;
    for (std::size_t v = 0; v < 6; ++v) {
      clique(links, {v, next, next + 1, next + 2});
      next += 3;
    }
    links.push_back({6, next});
    links.push_back({next, next + 1});
    cycle(links, {next + 1, next + 2, next + 3});
    cases.emplace_back("clique with pendant cliques", make_network(next + 4, links));
  }
  {
    // Two cycles joined by a bridge; a path of two bridges from one to a triangle.
    Links links;
    cycle(links, range(0, 7));
    cycle(links, range(7, 8));
    links.push_back({3, 10});
    links.push_back({0, 15});
    links.push_back({15, 16});
    cycle(links, {16, 17, 18});
    cases.emplace_back("bridges between two cycles", make_network(19, links));
  }
  {
    // Several components (a cycle with pendants on every school, a star, a lone link, a
    // triangle), plus isolated schools between them.
    Links links;
    cycle(links, range(0, 10));
    for (std::size_t v = 0; v < 10; ++v) links.push_back({v, 10 + v});
    for (std::size_t v = 22; v < 27; ++v) links.push_back({21, v});
    links.push_back({28, 29});
    cycle(links, {31, 32, 33});
    cases.emplace_back("components and isolated schools", make_network(35, links));
  }
  {
    // One block with 150 cut schools (more than one 64-wide group of searches): a cycle with a
    // pendant school on each, and a pendant triangle on one of those.
    Links links;
    cycle(links, range(0, 150));
    for (std::size_t v = 0; v < 150; ++v) links.push_back({v, 150 + v});
    cycle(links, {299, 300, 301});
    cases.emplace_back("a cycle of cut schools", make_network(302, links));
  }
  for (unsigned seed : {1u, 2u, 3u, 7u, 11u})
    cases.emplace_back("random, many pendant blocks, seed " + std::to_string(seed),
                       make_network(400, random_links(400, seed, 40)));
  cases.emplace_back("random, denser", make_network(300, random_links(300, 5, 250)));
  cases.emplace_back("no schools", make_network(0, {}));
  cases.emplace_back("one school", make_network(1, {}));
  cases.emplace_back("two schools, linked", make_network(2, {{0, 1}}));
  cases.emplace_back("two schools, apart", make_network(2, {}));
  for (const auto& [name, net] : cases) {
    SECTION(name) {
      const graph::SchoolGraph g = graph::build_school_graph(net, std::nullopt);
      const auto want = oracle(g);
      const auto one = passes::shortest_path_sums(g, {}, 1);
      check_close(one, want);
      // The batched kernel on the whole graph: every school an explicit source.
      std::vector<graph::Vertex> all(g.n);
      std::iota(all.begin(), all.end(), graph::Vertex{0});
      if (g.n > 0) check_close(one, passes::shortest_path_sums(g, all, 1));
      for (unsigned threads : {2u, 3u}) {
        const auto many = passes::shortest_path_sums(g, {}, threads);
        CHECK(many.dependency == one.dependency);  // bits, whatever the thread count
        CHECK(many.harmonic == one.harmonic);
      }
      const auto portable = passes::shortest_path_sums(g, {}, 2, {}, passes::Kernel::portable);
      CHECK(portable.dependency == one.dependency);
      CHECK(portable.harmonic == one.harmonic);
    }
  }
}

TEST_CASE("block decomposition: enough sources for many batches, bits for 1, 2 and 3 threads") {
  // 3,000 schools: dozens of batches and chunks, batches mixing small blocks' sources.
  const Network net = make_network(3000, random_links(3000, 21, 400));
  const graph::SchoolGraph g = graph::build_school_graph(net, std::nullopt);
  const auto one = passes::shortest_path_sums(g, {}, 1);
  std::vector<graph::Vertex> all(g.n);
  std::iota(all.begin(), all.end(), graph::Vertex{0});
  check_close(one, passes::shortest_path_sums(g, all, 2));
  for (unsigned threads : {2u, 3u}) {
    const auto many = passes::shortest_path_sums(g, {}, threads);
    CHECK(many.dependency == one.dependency);
    CHECK(many.harmonic == one.harmonic);
  }
}

TEST_CASE("block decomposition: too many cut schools in one block, the graph is walked whole") {
  // A cycle of 4,097 schools, each with a pendant: 4,097² pairwise cut distances pass the
  // 2^24 bound (and 512 a copy: 12,291 copies), so split_blocks declines (shortest_path_sums
  // then walks the graph whole, the path the sampled and explicit-source cases above take).
  const graph::SchoolGraph g = cycle_with_pendants(4097);
  CHECK_FALSE(passes::split_blocks(g, graph::relabel(g)));
}

TEST_CASE("block decomposition: long histograms, the graph is walked whole, exactly") {
  // A cycle of 2,000 schools, each with a pendant: 2,000² + 2,000 cut distances are within
  // 2^24, but school 0's eccentricity is 1,001 (1,000 round the cycle, 1 to a pendant), so the
  // tables would take about 4.0 M × 2,004 = 8 G additions, more than 2^31 and more than the
  // 4 M (source, link) pairs the batches would walk: split_blocks declines, and the sums are
  // still exact.
  const graph::SchoolGraph g = cycle_with_pendants(2000);
  CHECK_FALSE(passes::split_blocks(g, graph::relabel(g)));
  check_close(passes::shortest_path_sums(g, {}, 2), oracle(g));
}

TEST_CASE("block decomposition: each of the three limits, at its edge") {
  // A cycle of 10 with a pendant on each school: 10 + 10 blocks, 30 copies; the cycle block has
  // 10 cut schools and each bridge 1, so Σ k² = 100 + 10 = 110. School 0 reaches everything
  // within 6 (5 round the cycle, 1 more to a pendant): h ≤ 2·6 + 2 = 14, so the tables take at
  // most 110 × 14 = 1,540 additions; the batches walk 10·10 + 10·(2·1) = 120 (source, link)
  // pairs.
  const graph::SchoolGraph g = cycle_with_pendants(10);
  const graph::LocalGraph l = graph::relabel(g);
  using passes::SplitLimits;
  CHECK(passes::split_blocks(g, l, 1, SplitLimits{110, 0, 1540}));  // pairs, additions just met
  CHECK_FALSE(passes::split_blocks(g, l, 1, SplitLimits{109, 3, 1540}));  // 110 > max(109, 90)
  CHECK(passes::split_blocks(g, l, 1, SplitLimits{0, 4, 1540}));  // 110 ≤ 4 × 30 copies
  CHECK_FALSE(passes::split_blocks(g, l, 1, SplitLimits{110, 0, 1539}));  // 1,540 > 1,539
  CHECK_FALSE(passes::split_blocks(g, l, 1, SplitLimits{110, 0, 0}));  // 1,540 > max(0, 120)

  // The walk's side of the additions bound: a clique of 8 (schools 0–7, 28 links) with a pendant
  // 8 on school 7. Cut school 7 alone, in both blocks: Σ k² = 2. School 0 reaches 8 at 2, so
  // the tables take at most 2 × (2·2 + 2) = 12 additions, fewer than the batches' walk of
  // 8·28 + 2·1 = 226 (source, link) pairs: with no fixed allowance at all it still splits.
  Links links;
  clique(links, range(0, 8));
  links.push_back({7, 8});
  const graph::SchoolGraph h = graph::build_school_graph(make_network(9, links), std::nullopt);
  CHECK(passes::split_blocks(h, graph::relabel(h), 1, SplitLimits{2, 0, 0}));
  CHECK_FALSE(passes::split_blocks(h, graph::relabel(h), 1, SplitLimits{1, 0, 0}));  // 2 > 1
}
