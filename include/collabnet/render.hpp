#pragma once
// Graphviz diagrams of an analysed network (issue 5). The API is std-only: Graphviz types stay
// in src/render/. The renderer reads a Network and its Analysis and never recomputes a metric;
// it only selects what a view shows and encodes findings as marks.

#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "collabnet/analysis.hpp"
#include "collabnet/basemap.hpp"
#include "collabnet/network.hpp"

namespace collabnet {

namespace render {
struct Theme;  // a house style: src/render/render_internal.hpp, documented in viz/README.md
}

/// The theme `--theme` names: a built-in ("default", "print") or a theme file (viz/README.md),
/// read and checked now, so that nothing is read while drawing. A name that is a built-in is the
/// built-in, even when a file of that name exists. Throws InputError located at the theme file
/// with every problem in it (JSON path, the fix), or at `--theme` when the name is neither a
/// built-in nor a readable file. O(file size).
std::shared_ptr<const render::Theme> load_theme(const std::string& name_or_file);

/// What a diagram shows (`--view`).
enum class ViewKind {
  network,            ///< every school; disjoint declared groupings as boxes
  grouping,           ///< one grouping's schools, their outside partners faded
  school,             ///< a school's neighbourhood up to a radius
  geo,                ///< schools at their lat/lon
  authority,          ///< one node per authority
  grouping_overview,  ///< one node per declared grouping
};

struct View {
  ViewKind kind = ViewKind::network;
  std::string id;          ///< grouping or school id (grouping and school views)
  std::size_t radius = 1;  ///< school view: partner steps shown around the school
};

/// Parses a `--view` value: `network`, `geo`, `authority`, `grouping-overview`, `grouping:ID`,
/// `school:ID` or `school:ID:RADIUS` (RADIUS 1–10). An id may itself contain ':' (for a school
/// view, only a final `:DIGITS` is read as the radius). Does not check that the id exists
/// (render_dot does, against the network). O(length). Throws InputError located at `--view`.
View parse_view(const std::string& text);

/// The `--view` text of a view ("school:S1:2"). Inverse of parse_view. O(length).
std::string view_to_string(const View& view);

enum class DiagramFormat { svg, png, pdf, dot };

/// "svg", "png", "pdf", "dot" (also "gv"), case-insensitive; nullopt otherwise. O(1).
std::optional<DiagramFormat> parse_diagram_format(std::string_view name);

/// The format an output file's extension asks for (.svg, .png, .pdf, .dot, .gv), or nullopt. O(1).
std::optional<DiagramFormat> diagram_format_for(const std::filesystem::path& file);

/// Graphviz layout engine. `automatic`: neato (stress majorisation) up to
/// RenderOptions::sfdp_threshold nodes, sfdp above; `nop` (positions as given) for the geo view.
enum class LayoutEngine { automatic, neato, sfdp, fdp };

/// "auto", "neato", "sfdp", "fdp"; nullopt otherwise. O(1).
std::optional<LayoutEngine> parse_layout_engine(std::string_view name);

enum class LabelMode { automatic, shown, hidden };

/// Above this many nodes the automatic layout switches from neato to sfdp. Measured on Graphviz
/// 2.42 (issue 5): neato needs 16 s at 2,500 schools and 87 s at 5,000; sfdp 0.6 s and 1.4 s.
/// At 1,500 neato still finishes in a few seconds and draws the better picture.
inline constexpr std::size_t kDefaultSfdpThreshold = 1500;
/// Above this many nodes school names are hidden (unless LabelMode::shown): beyond it names
/// overlap each other and the links at any page size an authority would print.
inline constexpr std::size_t kDefaultLabelLimit = 150;

/// Above this many separate groups of drawn schools (connected components: an isolated school is
/// one), sfdp and fdp layouts gather every group but the largest around one invisible point
/// instead of letting Graphviz pack them: Graphviz's packing of components (polyomino packing,
/// which both engines always run) takes time roughly quadratic in their number. Measured on
/// Graphviz 2.42: `render` of 9,909 unlinked schools (England's trusts, no partnerships) took
/// 437 CPU s, nearly all of it packing, and takes 1.6 s gathered; packing the 24,000-school
/// generated network's 906 groups is half of sfdp's 11 s. At 100 groups packing costs well
/// under a second, and small drawings keep the packed look. Nothing is gathered when no school
/// is linked to another and there are at most this many schools.
inline constexpr std::size_t kDefaultPackLimit = 100;

struct RenderOptions {
  View view;
  /// The house style (load_theme); null: the built-in "default".
  std::shared_ptr<const render::Theme> theme;
  DiagramFormat format = DiagramFormat::svg;
  LayoutEngine layout = LayoutEngine::automatic;
  /// Draw each partnership record as its own edge instead of one link per pair with a count.
  bool multi_edges = false;
  LabelMode labels = LabelMode::automatic;
  std::size_t sfdp_threshold = kDefaultSfdpThreshold;
  std::size_t label_limit = kDefaultLabelLimit;
  std::size_t pack_limit = kDefaultPackLimit;  ///< see kDefaultPackLimit
  /// Subtitles may name the flags that draw more (`--labels`, `--view grouping:ID`, `--layout
  /// fdp`). Off for readers who do not run commands (the report, whose technical appendix names
  /// them): the subtitle then says what is left out in plain words only.
  bool flag_hints = true;
  /// Geo view: area outlines (council areas, coastlines) drawn beneath the schools, clipped to
  /// the map and simplified to its scale; its attribution goes into the caption. Ignored by the
  /// other views.
  std::shared_ptr<const Basemap> basemap;
};

/// The names of the built-in themes ("default", "print"), in that order. O(1).
std::vector<std::string> theme_names();

/// The diagram as Graphviz DOT text, before layout: deterministic (same input, same bytes),
/// nodes and links ordered by the network's order, untrusted text escaped for DOT and for
/// HTML-like labels. Geo views carry pinned positions (`pos="x,y!"`). The `layout` graph
/// attribute names the engine, so `dot -Tsvg` on the text draws what render_diagram draws.
/// Staff names never appear (staff are not drawn at all).
/// Complexity: O(n + r) for the network and geo views (n schools, r partnership records), plus
/// O(n log n) for the geo overlap removal; O(n + r) for the others.
/// Throws InputError at `--view` for an unknown school or grouping id.
std::string render_dot(const Network& network, const Analysis& analysis,
                       const RenderOptions& options);

/// The diagram in options.format: SVG, PNG or PDF bytes laid out and drawn by Graphviz's gvc
/// library, or the DOT text for DiagramFormat::dot. Uses Graphviz's global state: call from one
/// thread at a time. Deterministic for a given Graphviz build and font set (seeded layouts).
/// Complexity: render_dot, plus the layout: neato about O(n²) per iteration, sfdp about
/// O(n log n) per iteration.
/// Throws InputError as render_dot; std::runtime_error when Graphviz fails (its message
/// included; nothing is printed to stderr).
std::string render_diagram(const Network& network, const Analysis& analysis,
                           const RenderOptions& options);

}  // namespace collabnet
