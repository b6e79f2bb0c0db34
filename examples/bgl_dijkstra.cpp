// Weighted distance from one school to every school it can reach, by Boost.Graph's Dijkstra on a
// loaded network. usage: bgl_dijkstra NETWORK SCHOOL-ID
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <cstdio>
#include <limits>
#include <string>
#include <vector>

#include "collabnet/bgl.hpp"
#include "collabnet/load.hpp"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fputs("usage: bgl_dijkstra NETWORK SCHOOL-ID\n", stderr);
    return 2;
  }
  const collabnet::Network network = collabnet::load_network(argv[1]).network;
  const collabnet::bgl::SchoolGraph g = collabnet::bgl::school_graph(network);

  collabnet::bgl::Vertex from = 0;  // vertex v is network.schools[v]
  while (from < network.schools.size() && network.schools[from].id != argv[2]) ++from;
  if (from == network.schools.size()) {
    std::fprintf(stderr, "no school with id %s\n", argv[2]);
    return 2;
  }
  // A link's length here is its weight (the sum of its partnership records' weights).
  std::vector<double> distance(network.schools.size());
  boost::dijkstra_shortest_paths(
      g.graph, from,
      boost::weight_map(collabnet::bgl::link_weights(g)).distance_map(distance.data()));

  for (std::size_t v = 0; v < network.schools.size(); ++v)
    if (distance[v] < std::numeric_limits<double>::max())
      std::printf("%s %g\n", network.schools[v].id.c_str(), distance[v]);
}
