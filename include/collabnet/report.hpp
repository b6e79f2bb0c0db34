#pragma once
// The HTML report (issue 6): one self-contained file an officer can email, open offline and
// print for a committee. Std-only: the template engine and Graphviz stay in src/.

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "collabnet/analysis.hpp"
#include "collabnet/basemap.hpp"
#include "collabnet/network.hpp"

namespace collabnet {

struct ChangeReport;  // compare.hpp
namespace render {
struct Theme;  // render.hpp, load_theme
}

/// Above this many schools the report leaves out the whole-network diagram (with a note saying
/// so): beyond it the drawing is a blur of marks on a page and adds megabytes to the file; the
/// overview diagram and the tables still cover every school. Equal to kDefaultSfdpThreshold, the
/// size at which neato stops drawing the better picture (measured, issue 5).
inline constexpr std::size_t kDefaultReportNetworkViewLimit = 1500;

struct ReportOptions {
  /// Print staff names (personal data) where staff are listed; otherwise staff appear as counts.
  bool show_staff_names = false;
  /// Draw the diagrams (Graphviz). Off: the report says that diagrams were left out.
  bool diagrams = true;
  /// The whole-network diagram is drawn only up to this many schools.
  std::size_t network_view_limit = kDefaultReportNetworkViewLimit;
  /// The warnings given when the network was read (Diagnostic::to_string), listed under
  /// "Coverage of the data" so that the report carries them too.
  std::vector<std::string> load_warnings;
  /// `report --compare-with BEFORE`: what changed since the earlier wave `before` adds a "What
  /// changed" section (with its diagram when `diagrams`). Both null: no such section.
  const ChangeReport* change = nullptr;
  const Network* before = nullptr;
  /// Area outlines drawn beneath the map of the schools (see RenderOptions::basemap); without
  /// one the map shows the schools on a plain ground.
  std::shared_ptr<const Basemap> basemap;
  /// The house style of every diagram (load_theme); null: the built-in "default".
  std::shared_ptr<const render::Theme> theme;
};

/// The report as one HTML document (UTF-8): headline figures, the findings ranked in plain
/// words with the reason behind each, the network diagram and an authority (or grouping)
/// overview as inline SVG, the groupings, isolation and schools tables (sortable; schools
/// filterable by authority), method notes, coverage, and the data source with its attribution.
///
/// Self-contained: inline CSS, inline SVG, one small inline script allowed by its hash in a
/// Content-Security-Policy that forbids every request (`default-src 'none'`). Every text from
/// the input is escaped for where it lands (HTML text, quoted attribute values, JSON inside a
/// script element), so a name can neither break nor script the page. Staff names appear only
/// with options.show_staff_names. Deterministic: the same network, analysis and options give
/// the same bytes (no clock is read).
///
/// Complexity: O(n + r + findings) for the document (n schools, r partnership records) plus
/// the diagrams' layouts (see render_diagram). Uses Graphviz's global state when drawing: call
/// from one thread at a time. Throws std::runtime_error when Graphviz or the template fails
/// (a bug, not bad input); never for a valid Network and its Analysis.
std::string render_report(const Network& network, const Analysis& analysis,
                          const ReportOptions& options);

}  // namespace collabnet
