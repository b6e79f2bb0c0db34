// GEXF 1.3 export (export.hpp) for Gephi: the attributes of the GraphML export, declared per
// class, one edge per partnership record with its weight.

#include "collabnet/export.hpp"
#include "output/export_model.hpp"

namespace collabnet {
namespace {

/// The edge's weight is GEXF's own `weight`; it is not repeated as an attribute.
bool skipped(const output::Table& table, std::size_t c, bool edge) {
  return edge && table.columns[c].name == "weight";
}

void attributes(std::string& out, const output::Table& table, const char* cls, bool edge) {
  out += std::string("    <attributes class=\"") + cls + "\" mode=\"static\">\n";
  for (std::size_t c = 0; c < table.columns.size(); ++c) {
    if (skipped(table, c, edge)) continue;
    out += "      <attribute id=\"" + std::to_string(c) + "\" title=\"" +
           output::xml_escape(table.columns[c].name) + "\" type=\"" +
           output::xml_type_name(table.columns[c].type) + "\"/>\n";
  }
  out += "    </attributes>\n";
}

void attvalues(std::string& out, const output::Table& table, const output::Row& row, bool edge) {
  std::string values;
  for (std::size_t c = 0; c < row.size(); ++c) {
    if (!row[c] || skipped(table, c, edge)) continue;
    values += "          <attvalue for=\"" + std::to_string(c) + "\" value=\"" +
              output::xml_escape(*row[c]) + "\"/>\n";
  }
  if (!values.empty()) out += "        <attvalues>\n" + values + "        </attvalues>\n";
}

}  // namespace

std::string export_gexf(const Network& network, const Analysis& analysis,
                        const ExportOptions& options) {
  const output::GraphModel m = output::build_graph_model(network, analysis, options);
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<gexf xmlns=\"http://gexf.net/1.3\" "
      "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
      "xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" "
      "version=\"1.3\">\n"
      "  <meta>\n"
      "    <creator>collabnet</creator>\n"
      "    <description>" +
      output::xml_escape(network.name) +
      "</description>\n"
      "  </meta>\n"
      "  <graph defaultedgetype=\"undirected\" mode=\"static\">\n";
  attributes(out, m.nodes, "node", false);
  attributes(out, m.edges, "edge", true);
  out += "    <nodes>\n";
  for (std::size_t v = 0; v < m.nodes.rows.size(); ++v) {
    out += "      <node id=\"" + output::xml_escape(m.nodes.ids[v]) + "\" label=\"" +
           output::xml_escape(m.nodes.rows[v][0].value_or(m.nodes.ids[v])) + "\">\n";
    attvalues(out, m.nodes, m.nodes.rows[v], false);
    out += "      </node>\n";
  }
  out += "    </nodes>\n    <edges>\n";
  for (std::size_t e = 0; e < m.edges.rows.size(); ++e) {
    const Partnership& rec = network.partnerships[m.records[e]];
    out += "      <edge id=\"" + output::xml_escape(m.edges.ids[e]) + "\" source=\"" +
           output::xml_escape(m.edge_source[e]) + "\" target=\"" +
           output::xml_escape(m.edge_target[e]) + "\" weight=\"" +
           output::exact_number(m.edge_weight[e]) + "\"" +
           (rec.activity.empty() ? "" : " label=\"" + output::xml_escape(rec.activity) + "\"") +
           ">\n";
    attvalues(out, m.edges, m.edges.rows[e], true);
    out += "      </edge>\n";
  }
  out += "    </edges>\n  </graph>\n</gexf>\n";
  return out;
}

}  // namespace collabnet
