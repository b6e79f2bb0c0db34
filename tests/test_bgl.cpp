// The Boost.Graph layer (issue 15): the public BGL view of the school graph, BGL's own Brandes as
// a second oracle for our betweenness (beside NetworkX in analysis.cmake), and a chain of 200,000
// schools through the whole analysis with BGL's depth-first search under the sanitizers.
#include <catch2/catch.hpp>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/betweenness_centrality.hpp>
#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "analysis_support.hpp"
#include "classic_networks.hpp"
#include "collabnet/analysis.hpp"
#include "collabnet/bgl.hpp"
#include "collabnet/load.hpp"
#include "graph/link_graph.hpp"
#include "graph/local_graph.hpp"
#include "graph/school_graph.hpp"
#include "passes/passes.hpp"

using namespace collabnet;

namespace {

using testing::make_network;

/// Betweenness by BGL's brandes_betweenness_centrality, normalised as NetworkX's
/// normalized=True for undirected graphs. The graph is built here, independently of ours: an
/// adjacency_list<vecS, vecS, undirectedS> with one edge per distinct pair of linked schools
/// (BGL counts parallel edges as separate paths), and double path counts (the default, the
/// graph's degree type, overflows on grids of a few hundred vertices). For undirectedS BGL counts
/// each unordered pair once; NetworkX normalises by 2 / ((n − 1)(n − 2)).
std::vector<double> bgl_betweenness(const Network& net) {
  using G = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS>;
  using E = boost::graph_traits<G>::edge_descriptor;
  const std::size_t n = net.schools.size();
  std::set<std::pair<std::size_t, std::size_t>> pairs;
  for (const Partnership& p : net.partnerships)
    pairs.insert(std::minmax(p.from, p.to));
  G g(n);
  for (const auto& [a, b] : pairs) boost::add_edge(a, b, g);
  const auto index = get(boost::vertex_index, g);
  std::vector<double> centrality(n), dependency(n), path_count(n);
  std::vector<std::size_t> distance(n);
  std::vector<std::vector<E>> incoming(n);
  boost::brandes_betweenness_centrality(
      g, boost::make_iterator_property_map(centrality.begin(), index),
      boost::dummy_property_map(), boost::make_iterator_property_map(incoming.begin(), index),
      boost::make_iterator_property_map(distance.begin(), index),
      boost::make_iterator_property_map(dependency.begin(), index),
      boost::make_iterator_property_map(path_count.begin(), index), index);
  const double scale = n > 2 ? 2.0 / (static_cast<double>(n - 1) * static_cast<double>(n - 2)) : 0;
  for (double& c : centrality) c *= scale;
  return centrality;
}

std::vector<double> our_betweenness(const Network& net) {
  const graph::SchoolGraph g = graph::build_school_graph(net, std::nullopt);
  return passes::compute_centrality(g, Settings{}).betweenness;
}

void same_betweenness(const Network& net) {
  const std::vector<double> want = bgl_betweenness(net), got = our_betweenness(net);
  REQUIRE(got.size() == want.size());
  double worst = 0;
  for (std::size_t v = 0; v < got.size(); ++v) worst = std::max(worst, std::abs(got[v] - want[v]));
  CHECK(worst <= 1e-12);
}

/// A random network in the generators' spirit: clusters, sparse links between them, a chain,
/// leaves, isolated schools and parallel records. Seeded.
Network random_network(std::size_t n, std::uint32_t seed) {
  std::mt19937 rng(seed);
  auto pick = [&](std::size_t lo, std::size_t hi) {
    return std::uniform_int_distribution<std::size_t>(lo, hi - 1)(rng);
  };
  std::vector<std::pair<std::size_t, std::size_t>> links;
  const std::size_t cluster = std::max<std::size_t>(4, static_cast<std::size_t>(std::sqrt(n)));
  const std::size_t core = n * 8 / 10, chain_end = n * 9 / 10;
  for (std::size_t i = 0; i < 2 * core; ++i) {  // dense inside clusters
    const std::size_t a = pick(0, core), base = a - a % cluster;
    const std::size_t b = std::min(core - 1, base + pick(0, cluster));
    if (a != b) links.push_back({a, b});
  }
  for (std::size_t i = 0; i < core / 10; ++i) {  // sparse between clusters
    const std::size_t a = pick(0, core), b = pick(0, core);
    if (a != b) links.push_back({a, b});
  }
  links.push_back({0, core});  // a chain hanging off the core
  for (std::size_t v = core + 1; v < chain_end; ++v) links.push_back({v - 1, v});
  for (std::size_t v = chain_end; v < n - n / 50; ++v) links.push_back({v, pick(0, core)});  // leaves
  for (std::size_t i = 0; i < n / 20; ++i) links.push_back(links[pick(0, links.size())]);  // parallel
  return make_network(n, links);
}

}  // namespace

TEST_CASE("BGL Brandes equals our betweenness on the classic networks", "[bgl]") {
  using namespace collabnet::testing;
  for (const ClassicNetwork* c : {&kKarate, &kFlorentine, &kLesMiserables, &kDavisWomen}) {
    INFO(c->name);
    same_betweenness(make_network(c->n, c->edges));
  }
}

TEST_CASE("BGL Brandes equals our betweenness on generated networks", "[bgl]") {
  for (const auto& [n, seed] : std::vector<std::pair<std::size_t, std::uint32_t>>{
           {60, 1}, {300, 2}, {800, 3}, {2000, 4}}) {
    INFO(n << " schools, seed " << seed);
    same_betweenness(random_network(n, seed));
  }
  // And the generated networks the byte-identical references keep (tests/reference/).
  for (const char* name : {"generated-1-300.json", "generated-7-400.json"}) {
    INFO(name);
    same_betweenness(
        load_network(std::string(COLLABNET_SOURCE_DIR) + "/tests/reference/" + name).network);
  }
}

TEST_CASE("collabnet/bgl.hpp: the school graph as a BGL graph", "[bgl]") {
  const Network net =
      load_network(std::string(COLLABNET_SOURCE_DIR) + "/graphs/tiny.json").network;
  const bgl::SchoolGraph g = bgl::school_graph(net);
  // tiny.json: 15 records on 11 distinct pairs (graphs/tiny.md); S12 has none.
  CHECK(boost::num_vertices(g.graph) == 12);
  CHECK(g.links.size() == 11);
  CHECK(boost::num_edges(g.graph) == 22);  // both arcs of each link
  auto index_of = [&](const std::string& id) {
    for (std::size_t v = 0; v < net.schools.size(); ++v)
      if (net.schools[v].id == id) return static_cast<bgl::Vertex>(v);
    FAIL("no school " << id);
    return bgl::Vertex{0};
  };
  // S01: partners S02 (records of weight 2 and 1) and S03 (one record, weight 1), ascending.
  std::vector<std::pair<std::string, double>> partners;
  for (auto [e, end] = boost::out_edges(index_of("S01"), g.graph); e != end; ++e) {
    partners.push_back({net.schools[boost::target(*e, g.graph)].id, get(bgl::link_weights(g), *e)});
    CHECK(g.link(*e).records == (partners.back().first == "S02" ? 2u : 1u));
  }
  CHECK(partners == std::vector<std::pair<std::string, double>>{{"S02", 3.0}, {"S03", 1.0}});
  CHECK(boost::out_degree(index_of("S12"), g.graph) == 0);
  // Both arcs of a link carry the same link index.
  for (bgl::Vertex v = 0; v < boost::num_vertices(g.graph); ++v)
    for (auto [e, end] = boost::out_edges(v, g.graph); e != end; ++e) {
      const bgl::Link& l = g.link(*e);
      const bgl::Vertex w = boost::target(*e, g.graph);
      CHECK(std::min(v, w) == l.a);
      CHECK(std::max(v, w) == l.b);
    }
  // --as-of 2026-06-30 drops S01–S03 (until 2025-07-31): 10 links.
  CHECK(bgl::school_graph(net, std::string("2026-06-30")).links.size() == 10);
}

// The centrality kernel and suggest walk the breadth-first relabelled graph through spans; those
// spans must be the relabelled BGL graph's own arrays, and that graph the school graph renamed.
TEST_CASE("the breadth-first relabelled graph is a BGL graph the kernel reads in place", "[bgl]") {
  // Links 0–3, 3–5, 0–1 and 2–4. Worked by hand: breadth first from school 0 (neighbours in
  // ascending order) labels 0, 1, 3 as 0, 1, 2, then 5 as 3; the next component starts at its
  // lowest school, 2 → 4, then 4 → 5.
  const Network net = make_network(6, {{0, 3}, {3, 5}, {0, 1}, {2, 4}});
  const graph::SchoolGraph g = graph::build_school_graph(net, std::nullopt);
  const graph::LocalGraph lg = graph::relabel(g);
  CHECK(lg.original == std::vector<graph::Vertex>{0, 1, 3, 5, 2, 4});
  CHECK(lg.label == std::vector<graph::Vertex>{0, 1, 4, 2, 5, 3});
  const bgl::Graph& csr = lg.bgl->csr;
  REQUIRE(boost::num_vertices(csr) == 6);
  CHECK(boost::num_edges(csr) == 8);  // both arcs of 4 links
  // The spans are views of BGL's arrays, not copies.
  CHECK(lg.offsets.data() == csr.m_forward.m_rowstart.data());
  CHECK(lg.adjacent.data() == csr.m_forward.m_column.data());
  const std::vector<std::vector<graph::Vertex>> expected = {{1, 2}, {0}, {0, 3}, {2}, {5}, {4}};
  for (graph::Vertex v = 0; v < 6; ++v) {
    std::vector<graph::Vertex> via_bgl;
    for (auto [w, end] = boost::adjacent_vertices(v, csr); w != end; ++w) via_bgl.push_back(*w);
    const auto row = lg.neighbours(v);
    CHECK(via_bgl == expected[v]);
    CHECK(std::vector<graph::Vertex>(row.begin(), row.end()) == expected[v]);
    // Each arc's bundle is the school graph's link between the two original schools.
    for (auto [e, end] = boost::out_edges(v, csr); e != end; ++e) {
      const graph::Link& l = g.links[csr[*e]];
      const auto [a, b] = std::minmax(lg.original[v], lg.original[boost::target(*e, csr)]);
      CHECK(l.a == a);
      CHECK(l.b == b);
    }
  }
}

TEST_CASE("connectivity of a chain of 200,000 schools without overflowing the stack", "[bgl]") {
  // Every school but the two ends is a cut school and every link a bridge. Removing school j
  // leaves pieces of j and n − 1 − j schools, so it cuts off min(j, n − 1 − j); school i hangs
  // on the nearest j that leaves it in the strictly smaller piece (worked out by hand:
  // i + 1 for i < 99,999, i − 1 for i > 100,000, none for the two middle schools).
  constexpr std::size_t n = 200000;
  std::vector<std::pair<std::size_t, std::size_t>> links;
  for (std::size_t v = 1; v < n; ++v) links.push_back({v - 1, v});
  const Network net = make_network(n, links);
  // The connectivity pass alone: the full analysis of 200,000 schools takes minutes under ASan.
  const Settings settings;
  const graph::SchoolGraph g = graph::build_school_graph(net, std::nullopt);
  const passes::ConnectivityResult c = passes::find_connectivity(g, settings);
  CHECK(c.hangs_on[0] == std::optional<std::size_t>{1});
  CHECK(c.hangs_on[1000] == std::optional<std::size_t>{1001});
  CHECK(c.hangs_on[99998] == std::optional<std::size_t>{99999});
  CHECK(c.hangs_on[99999] == std::nullopt);
  CHECK(c.hangs_on[100000] == std::nullopt);
  CHECK(c.hangs_on[100001] == std::optional<std::size_t>{100000});
  CHECK(c.hangs_on[n - 1] == std::optional<std::size_t>{n - 2});
  CHECK(c.component_sizes == std::vector<std::size_t>{n});
  CHECK(std::count(c.articulation.begin(), c.articulation.end(), true) == n - 2);
  CHECK_FALSE(c.articulation[0]);
  CHECK_FALSE(c.articulation[n - 1]);
  CHECK(c.bridges.size() == n - 1);
  CHECK(c.cuts_off[1] == 1);
  CHECK(c.cuts_off[99999] == 99999);
  CHECK(c.cuts_off[100000] == 99999);
}

TEST_CASE("the whole analysis of a chain of 200,000 schools runs without overflowing the stack",
          "[bgl]") {
  // Every pass (connectivity, isolation, clusters and Louvain, direction, staff, depth, the
  // findings), with centrality estimated from 16 sources: exact centrality of a chain this long
  // is O(n²) and would take hours under ASan, while no pass's stack depth depends on K.
  constexpr std::size_t n = 200000;
  std::vector<std::pair<std::size_t, std::size_t>> links;
  for (std::size_t v = 1; v < n; ++v) links.push_back({v - 1, v});
  const Network net = make_network(n, links);
  Settings settings;
  settings.sample = 16;
  const Analysis a = analyse(net, settings);
  CHECK(a.network.component_sizes == std::vector<std::size_t>{n});
  CHECK(a.network.articulation_points == n - 2);
  CHECK(a.network.bridges.size() == n - 1);
  CHECK(a.network.sampled_sources == 16);
  // Both ends have one partner; every other school two.
  CHECK(a.schools[0].degree == 1);
  CHECK(a.schools[n / 2].degree == 2);
  CHECK(a.schools[n / 2].articulation);
}
