#pragma once
// Exports of a network with its analysis attached, for the tools authorities already use:
// GraphML (NetworkX, igraph, Gephi, yEd, Cytoscape), GEXF 1.3 (Gephi), GeoJSON (QGIS) and a
// CSV folder (spreadsheets). All return whole documents (deterministic bytes) so that the caller
// writes them atomically; none recomputes a figure.
//
// Publish mode is the default: staff appear as counts and by their id (ids are the authority's
// record keys, not names; the format keeps names in the separate `name` field), never by name.
// ExportOptions::show_staff_names opts in.
//
// Exports keep every partnership record (a CSV export must give the network back), unless
// `--as-of DATE` was given explicitly: then only the records active on that date are written,
// matching the figures. The dated default (the network's own as_of, analysis-output.md) shapes
// the attached analysis only. See records_date().

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "collabnet/analysis.hpp"
#include "collabnet/network.hpp"

namespace collabnet {

struct ExportOptions {
  /// Write staff names where the format has a place for them (the GraphML/GEXF edge attribute
  /// `staff_names`, the CSV folder's staff.csv). Off: names and staff extra attributes (which
  /// may hold personal data such as e-mail addresses) are left out.
  bool show_staff_names = false;
  /// CSV only: add the analysis files (analysis-schools.csv, analysis-groupings.csv,
  /// analysis-findings.csv) to the network folder.
  bool with_analysis = false;
  /// CSV only: start every file with a UTF-8 byte-order mark so that Excel reads it as UTF-8
  /// (collabnet's own CSV reader skips it), and put an apostrophe before every cell that starts
  /// with =, +, -, @, tab or CR and is not a plain number, so that it cannot run as a formula
  /// (OWASP "CSV injection"); such a folder no longer reads back exactly. Off: every cell exact.
  bool excel = false;
};

/// A copy of `network` keeping only the partnerships active on `date` (ISO). Kept records that
/// had generated ids keep them explicitly, so that a reload names them as before. O(size).
Network network_as_of(const Network& network, const std::string& date);

/// The date an export filters its records on: the analysis date when it was given explicitly
/// (Settings::as_of, as_of_basis "given" or no analysis run), never the file's own date.
inline const std::optional<std::string>& records_date(const Analysis& analysis) {
  static const std::optional<std::string> kAll;
  return analysis.network.as_of_basis == "file" ? kAll : analysis.settings.as_of;
}

/// Publish mode: a copy of `network` without staff names and staff extra attributes. O(size).
Network without_staff_names(const Network& network);

/// GraphML 1.0: one node per school (id = school id) with its attributes, extra attributes,
/// every per-school metric, staff figures, groupings and the kinds of findings about it
/// (`findings`, ";"-separated); one edge per partnership record (parallel edges kept; id = the
/// partnership id) with direction, from, to, activity, weight, level, staff ids, grouping,
/// since, until, extra attributes and its findings. edgedefault="undirected" (the metric
/// semantics, DESIGN.md) with the direction as the attribute `direction` (mutual / one-way,
/// knowledge flowing from → to). Graph-level data: the network figures. NetworkX read_graphml
/// gives a MultiGraph when the network has parallel records; igraph reads it as is.
/// Text is XML-escaped; characters XML 1.0 forbids (C0 controls but tab, LF, CR) and invalid
/// UTF-8 become U+FFFD. Extra attributes: a key is typed double/boolean/string when every value
/// is a JSON number/boolean/string, else it holds each value's JSON text; a key that repeats a
/// collabnet attribute gets the prefix "extra_". O(n + r + findings). Never throws.
std::string export_graphml(const Network& network, const Analysis& analysis,
                           const ExportOptions& options = {});

/// GEXF 1.3 (http://gexf.net/1.3) for Gephi: the same nodes, edges and attributes as GraphML
/// (defaultedgetype="undirected", one edge per record with weight and label = activity).
/// Gephi merges parallel edges on import unless told otherwise (its import dialog's "edges merge
/// strategy"). O(n + r + findings). Never throws.
std::string export_gexf(const Network& network, const Analysis& analysis,
                        const ExportOptions& options = {});

struct GeoJsonExport {
  std::string text;                    ///< the FeatureCollection, with a trailing newline
  std::vector<std::size_t> unlocated;  ///< schools without lat/lon (left out), id order
  std::size_t links_left_out = 0;      ///< linked pairs with an unlocated end
};

/// GeoJSON (RFC 7946) FeatureCollection for QGIS: each located school a Point [lon, lat] whose
/// properties are its attributes, extra attributes, metrics, staff figures, groupings, and its
/// findings (`findings`: kinds; `finding_messages`: the messages); each linked pair of located
/// schools a LineString (one per pair, not per record: `records`, `weight` = summed weights,
/// `partnerships` ids, `one_way`, `bridge`, `findings`). Every feature has `feature`: "school"
/// or "link". The collection carries the network's `name`. Numbers as in the analysis JSON.
/// O(n + r + findings). Never throws.
GeoJsonExport export_geojson(const Network& network, const Analysis& analysis,
                             const ExportOptions& options = {});

/// The CSV folder (file name → content): network_to_csv of the network (as of the analysis
/// date; in publish mode without staff names), byte-identical to `export --to csv` of before,
/// plus with options.with_analysis the analysis CSVs (analysis_output.hpp). O(size).
/// Throws InputError as network_to_csv.
std::map<std::string, std::string> export_csv(const Network& network, const Analysis& analysis,
                                              const ExportOptions& options = {});

}  // namespace collabnet
