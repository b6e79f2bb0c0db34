#pragma once
// Internal: the BGL graph behind SchoolGraph's link view. Only src/graph/ and the connectivity
// pass include this (it pulls in Boost.Graph); every other pass reads the same arrays through
// SchoolGraph's std-only spans.

#include "collabnet/bgl.hpp"

namespace collabnet::graph {

struct LinkGraph {
  bgl::Graph csr;  ///< both arcs of each link; edge bundle = link index
};

}  // namespace collabnet::graph
