// The scene as DOT text: the one form every output goes through (render_diagram parses this
// very text with cgraph), so `--format dot` shows exactly what was laid out.

#include "render/render_internal.hpp"

namespace collabnet::render {
namespace {

void append_attrs(std::string& out, const Attrs& attrs) {
  out += " [";
  for (std::size_t i = 0; i < attrs.size(); ++i) {
    if (i > 0) out += ", ";
    out += attrs[i].first;
    out += '=';
    out += attrs[i].second;
  }
  out += ']';
}

void append_node(std::string& out, const SceneNode& node, const char* indent) {
  out += indent;
  out += node.name;
  if (!node.attrs.empty()) append_attrs(out, node.attrs);
  out += ";\n";
}

}  // namespace

std::string write_dot(const Scene& scene) {
  std::string out;
  out.reserve(256 + scene.nodes.size() * 160 + scene.edges.size() * 90);
  out += "graph collabnet {\n";
  if (!scene.graph_attrs.empty()) {
    out += "  graph";
    append_attrs(out, scene.graph_attrs);
    out += ";\n";
  }
  if (!scene.node_defaults.empty()) {
    out += "  node";
    append_attrs(out, scene.node_defaults);
    out += ";\n";
  }
  if (!scene.edge_defaults.empty()) {
    out += "  edge";
    append_attrs(out, scene.edge_defaults);
    out += ";\n";
  }
  std::vector<bool> in_cluster(scene.nodes.size(), false);
  for (const SceneCluster& cluster : scene.clusters) {
    out += "  subgraph ";
    out += cluster.name;
    out += " {\n";
    if (!cluster.attrs.empty()) {
      out += "    graph";
      append_attrs(out, cluster.attrs);
      out += ";\n";
    }
    for (std::size_t i : cluster.nodes) {
      in_cluster[i] = true;
      append_node(out, scene.nodes[i], "    ");
    }
    out += "  }\n";
  }
  for (std::size_t i = 0; i < scene.nodes.size(); ++i)
    if (!in_cluster[i]) append_node(out, scene.nodes[i], "  ");
  for (const SceneEdge& edge : scene.edges) {
    out += "  ";
    out += edge.tail;
    out += " -- ";
    out += edge.head;
    if (!edge.attrs.empty()) append_attrs(out, edge.attrs);
    out += ";\n";
  }
  out += "}\n";
  return out;
}

}  // namespace collabnet::render
