#pragma once
// Internal: the one table of node and edge attributes that the GraphML, GEXF and GeoJSON
// writers serialise, so that every export carries the same attributes under the same names,
// and XML text escaping shared by the XML writers.

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "collabnet/analysis.hpp"
#include "collabnet/export.hpp"
#include "collabnet/network.hpp"

namespace collabnet::output {

enum class ColumnType { string, integer, real, boolean };

struct Column {
  std::string name;
  ColumnType type = ColumnType::string;
  /// The cells hold JSON text (an extra attribute whose values mix types): GeoJSON embeds the
  /// value, the XML formats write the text as a string.
  bool json_text = false;
};

/// Cells as text in the column's type ("3", "0.25", "true"); nullopt: no value.
using Row = std::vector<std::optional<std::string>>;

struct Table {
  std::vector<Column> columns;
  std::vector<std::string> ids;  ///< one per row: school id, partnership id
  std::vector<Row> rows;
};

struct GraphModel {
  Table nodes;                       ///< one row per school, network order
  Table edges;                       ///< one row per record taking part, input order
  std::vector<std::size_t> records;  ///< partnership index of each edge row
  std::vector<std::string> edge_source, edge_target;  ///< school ids (from, to)
  std::vector<double> edge_weight;
  Table graph;                                            ///< one row: the network figures
  std::vector<std::vector<std::size_t>> school_findings;  ///< per school: indices into findings
};

/// Builds the attribute tables. Records are those active on records_date(analysis) (all
/// without it). O(n + r + findings + Σ extras).
GraphModel build_graph_model(const Network& network, const Analysis& analysis,
                             const ExportOptions& options);

/// The XML Schema type name of a column, as GraphML's attr.type and GEXF's attribute type
/// both spell it: long, double, boolean or string.
const char* xml_type_name(ColumnType t);

/// Text for XML 1.0 element content or attribute values: & < > " ' as entities, tab/LF/CR as
/// character references (kept through attribute normalisation), characters XML 1.0 forbids
/// (other C0 controls, U+FFFE, U+FFFF) and invalid UTF-8 as U+FFFD. O(length).
std::string xml_escape(std::string_view text);

/// network_to_csv (network_io.hpp); with `spreadsheet`, every cell goes through formula_safe
/// (format.hpp) for `export --to csv --excel`, so that the folder no longer reads back exactly.
std::map<std::string, std::string> network_to_csv(const Network& network, bool spreadsheet);

/// Shortest text that reads back as `v` exactly ("3", "57.122118").
std::string exact_number(double v);

}  // namespace collabnet::output
