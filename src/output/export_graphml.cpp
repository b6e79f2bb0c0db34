// GraphML export (export.hpp): NetworkX read_graphml, igraph Read_GraphML, Gephi, yEd, Cytoscape.
// One edge per partnership record, so parallel records stay parallel edges.

#include "collabnet/export.hpp"
#include "output/export_model.hpp"

namespace collabnet {
namespace {

void keys(std::string& out, const output::Table& table, const char* domain, const char* prefix) {
  for (std::size_t c = 0; c < table.columns.size(); ++c)
    out += std::string("  <key id=\"") + prefix + std::to_string(c) + "\" for=\"" + domain +
           "\" attr.name=\"" + output::xml_escape(table.columns[c].name) + "\" attr.type=\"" +
           output::xml_type_name(table.columns[c].type) + "\"/>\n";
}

void data(std::string& out, const output::Row& row, const char* prefix, const char* indent) {
  for (std::size_t c = 0; c < row.size(); ++c) {
    if (!row[c]) continue;
    out += std::string(indent) + "<data key=\"" + prefix + std::to_string(c) + "\">" +
           output::xml_escape(*row[c]) + "</data>\n";
  }
}

}  // namespace

std::string export_graphml(const Network& network, const Analysis& analysis,
                           const ExportOptions& options) {
  const output::GraphModel m = output::build_graph_model(network, analysis, options);
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
      "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
      "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
      "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n";
  keys(out, m.graph, "graph", "g");
  keys(out, m.nodes, "node", "n");
  keys(out, m.edges, "edge", "e");
  // Undirected, as the metrics are (DESIGN.md): a record's direction is its `direction`
  // attribute, and source/target keep its from/to.
  out += "  <graph id=\"collabnet\" edgedefault=\"undirected\">\n";
  data(out, m.graph.rows.front(), "g", "    ");
  for (std::size_t v = 0; v < m.nodes.rows.size(); ++v) {
    out += "    <node id=\"" + output::xml_escape(m.nodes.ids[v]) + "\">\n";
    data(out, m.nodes.rows[v], "n", "      ");
    out += "    </node>\n";
  }
  for (std::size_t e = 0; e < m.edges.rows.size(); ++e) {
    out += "    <edge id=\"" + output::xml_escape(m.edges.ids[e]) + "\" source=\"" +
           output::xml_escape(m.edge_source[e]) + "\" target=\"" +
           output::xml_escape(m.edge_target[e]) + "\">\n";
    data(out, m.edges.rows[e], "e", "      ");
    out += "    </edge>\n";
  }
  out += "  </graph>\n</graphml>\n";
  return out;
}

}  // namespace collabnet
