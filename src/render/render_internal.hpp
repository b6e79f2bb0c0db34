#pragma once
// Internal to src/render/: text escaping, themes, the scene (what a view draws, before it is
// DOT text), the geographic placement and the Graphviz adapter. Std-only except graphviz.cpp.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "collabnet/render.hpp"

namespace collabnet::render {

// --- text (text.cpp) --------------------------------------------------------------------------

/// Untrusted text made safe to measure and draw: invalid UTF-8 bytes and control characters
/// become U+FFFD, except tabs, CR and LF, which become spaces; runs of spaces collapse; ends
/// trimmed. O(length).
std::string clean_text(std::string_view text);

/// Greedy word wrap of cleaned text into lines of at most `width` code points (longer words are
/// cut), at most `max_lines` lines, the last ending in "…" when text was left out. O(length).
std::vector<std::string> wrap_text(std::string_view text, std::size_t width,
                                   std::size_t max_lines);

/// A DOT quoted string for an escString attribute drawn as text (label, xlabel): `\` doubled
/// (so `\N` stays literal), `"` escaped, `&` as `&amp;` (Graphviz decodes entities in plain
/// labels), lines joined with `\n`. Includes the quotes. O(length).
std::string dot_label(const std::vector<std::string>& lines);

/// A DOT quoted string for a tooltip: Graphviz unescapes tooltips twice, so `\` is written as
/// four; `&` as `&amp;` (written to SVG as is). Includes the quotes. O(length).
std::string dot_tooltip(std::string_view text);

/// A DOT quoted string for a value we generate (colours, numbers, styles): only `"` and `\`
/// would need care and never occur; asserted. Includes the quotes. O(length).
std::string dot_quoted(std::string_view value);

/// Text for an HTML-like label: `&`, `<`, `>`, `"`, `'` as entities, `\` doubled (Graphviz
/// substitutes `\N` inside HTML-like labels too). Input must be cleaned. O(length).
std::string html_text(std::string_view text);

/// A number for DOT: fixed, at most `decimals` decimals, trailing zeros dropped. O(1).
std::string dot_number(double value, int decimals = 3);

// --- themes (themes.cpp, theme_file.cpp) --------------------------------------------------------

/// How one kind of school is drawn.
struct Mark {
  std::string fill;
  std::string line;
  std::string shape;         ///< Graphviz shape: one of kThemeShapes
  double size_scale = 1.0;   ///< so that every shape has the area a circle of that roll has
};

enum class SchoolMark { plain, isolated, receive_only, one_partner, cut, give_only, count };

/// The change diagram's own palette (compare.hpp, render_change_diagram): its marks mean gained
/// and lost, not findings.
struct ChangeColours {
  std::string background, text, gained, lost, same, newly_isolated, newly_connected, added,
      school_fill, school_line, marked_line, removed_line;
};

/// A house style: every colour, shape and font a diagram uses (viz/README.md documents each key
/// of a theme file). Colours are `#rrggbb` or Graphviz colour names (a file's `#rgb` is
/// expanded); fonts and texts are checked by the loader, so none holds `"`, `\` or controls.
struct Theme {
  std::string name;        ///< "default", "print", or the file as the user named it
  std::string font;        ///< font family of every text
  double title_size = 20;  ///< points, before a view's text scale
  std::string logo_text;   ///< a line above the title; empty: none
  std::string background;
  std::string text;
  std::string muted_text;
  Mark marks[static_cast<int>(SchoolMark::count)];
  std::string faded_fill;
  std::string faded_line;
  std::string link;              ///< mutual links
  std::string one_way;           ///< one-way links
  std::string bridge;            ///< links whose loss splits the network
  std::string faded_link;
  std::string grouping_line;
  std::string grouping_fill;
  std::string oversize_line;     ///< outline of groupings over the size limit
  std::string focus_line;        ///< the school in focus (school view)
  std::string overview_fill;
  std::string overview_line;
  std::string suggested;         ///< proposed links (`collabnet suggest`), drawn dotted
  std::string land_fill;         ///< basemap: land (geo view with --basemap)
  std::string sea_fill;          ///< basemap: sea, lakes and what lies outside the areas
  std::string area_line;         ///< basemap: coastlines and area boundaries
  std::string disputed;          ///< survey links the other school answered without naming
  ChangeColours change;
};

/// The shapes a school mark may take, with the size factor that gives each the area of a circle
/// of the same roll: the legend draws every one of them as a node.
struct ShapeArea {
  const char* shape;
  double size_scale;
};
inline constexpr ShapeArea kThemeShapes[] = {
    {"circle", 1.0},       {"doublecircle", 1.0}, {"box", 0.886},
    {"diamond", 1.25},     {"triangle", 1.35},    {"invtriangle", 1.35},
};

/// Title sizes a theme may ask for, in points.
inline constexpr double kMinTitleSize = 6, kMaxTitleSize = 72;

/// The built-in theme of this name (compiled in from viz/NAME.json), or nullptr. O(themes).
const Theme* find_theme(std::string_view name);

/// A theme file's text as a Theme. `file` names it in messages. Built-in files must give every
/// key; any other starts from the built-in its "base" names ("default" when none). Throws
/// InputError with every problem, located by JSON path (or line and column for a syntax error),
/// grouped by kind. O(length).
Theme parse_theme(std::string_view text, const std::string& file, bool built_in);

/// The theme's logo line as an HTML-like label row (`<tr>…</tr>`, its cell spanning `columns`)
/// at `points`, bold in the text colour, or "" when the theme has none. O(length).
std::string logo_row(const Theme& theme, double points, int columns = 1);

/// True when Graphviz knows the colour name (X11 scheme, case aside). graphviz.cpp.
bool graphviz_colour_name(const std::string& name);

// --- the legend's table (legend_table.cpp) -------------------------------------------------------

/// What a view's legend may list, in the order it lists them (the same in every diagram).
enum class LegendKey {
  plain, isolated, receive_only, one_partner, cut, give_only, small_rural, unknown_roll, focus,
  faded, link, one_way, unconfirmed, disputed, bridge, records, grouping, oversize, overview_node,
  overview_oversize, overview_link, suggested, count
};

struct LegendEntry {
  std::string symbol;  ///< HTML: a coloured glyph or a swatch cell
  std::string text;    ///< HTML-escaped
  bool swatch = false; ///< symbol is a whole <td>
};

/// The legend under the title: the entries a view used, each added once (the first wins).
class Legend {
 public:
  void add(LegendKey key, std::string symbol, std::string text, bool swatch = false) {
    auto& slot = entries_[static_cast<std::size_t>(key)];
    if (!slot) slot = LegendEntry{std::move(symbol), std::move(text), swatch};
  }
  /// A table in LegendKey order (so the same marks read the same in every diagram): two entries
  /// to a row, or one across the row when the two together would be longer than 100 characters
  /// (the legend is no wider than the title, see scene.cpp's kTitleWrap); words at 10 pt times
  /// `scale`. Empty when nothing was added. O(entries).
  std::string html(const Theme& theme, double scale) const;

 private:
  std::optional<LegendEntry> entries_[static_cast<std::size_t>(LegendKey::count)];
};

// --- scene (scene.cpp) ------------------------------------------------------------------------

/// DOT attributes, values already quoted/escaped (dot_label, dot_quoted, `<html>`).
using Attrs = std::vector<std::pair<std::string, std::string>>;

struct SceneNode {
  std::string name;  ///< DOT node id we generate ("s12"): never untrusted text
  Attrs attrs;
  /// The school's name as HTML text (html_text), for the numbered key when its drawn name
  /// (xlabel) finds no free place; empty for nodes without a name.
  std::string key_name;
  /// A large view's schools chosen for a name (label_choice.cpp): the order in which their
  /// names are placed, each only where it fits; SIZE_MAX for every other node.
  std::size_t name_rank = SIZE_MAX;
};
struct SceneEdge {
  std::string tail, head;
  Attrs attrs;
};
struct SceneCluster {
  std::string name;  ///< "cluster_3"
  Attrs attrs;
  std::vector<std::size_t> nodes;  ///< indices into Scene::nodes
};

struct Scene {
  std::string engine;  ///< Graphviz layout engine: neato, sfdp, fdp or nop
  Attrs graph_attrs, node_defaults, edge_defaults;
  std::vector<SceneNode> nodes;
  std::vector<SceneEdge> edges;
  std::vector<SceneCluster> clusters;
  double key_point_size = 10;   ///< text of the numbered key (as the legend's)
  std::string key_colour = "#1a1a1a";
  /// A large view naming only the schools that fit (nodes with a name_rank): how many schools
  /// it draws, for the subtitle's "N of M schools named" (0: not such a view).
  std::size_t chosen_of = 0;
  bool flag_hints = true;  ///< RenderOptions::flag_hints: the note may name flags
  double note_point_size = 11;  ///< the subtitle's text
  std::string note_colour = "#5a5a5a";
};

/// A school mark as the legend draws it: a node with exactly the drawing's attributes.
struct LegendMark {
  std::string shape = "circle";
  std::string fill;
  std::string line;
  const char* pen = "1";
  const char* style = "filled";
  std::string text;  ///< plain text (written with dot_label)
};

/// Nodes "legend_0", "legend_1" … for the marks, in order, each with its words as an xlabel at
/// text scale `scale` (graphviz.cpp sets them in a row above the drawing), pinned at the origin
/// for engines that need positions. O(marks).
void add_legend_marks(Scene& scene, const std::vector<LegendMark>& marks, double scale,
                      const Theme& theme);

/// The caption node ("strip_caption") over the `count` unlinked schools that graphviz.cpp sets
/// out in rows below a whole network (school nodes marked `_strip="1"`). O(1).
void add_strip_caption(Scene& scene, std::size_t count, double scale, const Theme& theme);

/// Builds what the view draws. Throws InputError for unknown ids or theme.
Scene build_scene(const Network& network, const Analysis& analysis,
                  const RenderOptions& options);

/// The text scale a drawing `width` points wide (without title and legend) needs so that its
/// smallest text (9 pt unscaled) prints at 6 pt or more at A4's printable width (510 pt), with
/// 40% to spare for names at its edges: 1.4 · width / (85 · 9). Not capped. O(1).
inline double text_scale_needed(double width) { return 1.4 * width / (85.0 * 9.0); }

/// The scene as DOT text. O(size).
std::string write_dot(const Scene& scene);

// --- survey confirmation of links (confirmation.cpp) -------------------------------------------

/// How a drawn link shows its survey confirmation: `plain` (confirmed, not from a survey, or no
/// survey at all), `unconfirmed` (named by one school; the other did not answer) or `disputed`
/// (named by one school; the other answered without naming it).
enum class LinkConfirmation { plain, unconfirmed, disputed };

/// A drawn link's confirmation from its records (indices into Network::partnerships): plain
/// when any record is confirmed or not surveyed (or without a survey), else disputed when any
/// record is disputed, else unconfirmed. O(records).
LinkConfirmation link_confirmation(const Analysis& analysis,
                                   const std::vector<std::size_t>& records);

/// Restyles an edge already styled by the scene: unconfirmed dotted; disputed dotted, at least
/// 2.5 points wide and in theme.disputed (kept faded when `dim`). Plain: unchanged. O(attrs).
void style_confirmation(Attrs& attrs, LinkConfirmation c, const Theme& theme, bool dim);

/// The legend's and tooltips' words for a confirmation ("" for plain).
const char* confirmation_words(LinkConfirmation c);

// --- geography (geo.cpp) ----------------------------------------------------------------------

struct Point {
  double x = 0, y = 0;
};

/// The geo view's projection: equirectangular, x = lon · cos(mean latitude), y = lat, then
/// shifted and scaled into the drawing's points (north up).
struct MapProjection {
  double cos_lat = 1, min_x = 0, min_y = 0, scale = 1;
  Point project(double lat, double lon) const {
    return {(lon * cos_lat - min_x) * scale, (lat - min_y) * scale};
  }
};

/// Equirectangular projection of (lat, lon) pairs scaled by cos(mean latitude), so that
/// distances read true near the area's middle, fitted into `width` points (north up), then
/// overlaps between discs of the given diameters (points) removed by small deterministic
/// pushes, each school moving at most `max_shift` points from its projected place.
/// The projection used is stored in `*projection` when given (for a basemap).
/// O(rounds · n) with a uniform grid. Empty input gives empty output.
std::vector<Point> place_on_map(const std::vector<std::pair<double, double>>& lat_lon,
                                const std::vector<double>& diameters, double width,
                                double max_shift, MapProjection* projection = nullptr);

// --- school names (labels.cpp) ----------------------------------------------------------------

/// An axis-aligned box in Graphviz points, y up.
struct Box {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};

/// What the name placer sees of a laid-out drawing.
struct LabelProblem {
  struct Node {
    Point centre;
    bool round = true;      ///< a disc of `radius` (circles; other shapes by their reach);
    double radius = 0;      ///<   else the box centre ± half_w, half_h
    double half_w = 0, half_h = 0;
    double gap = 2;         ///< white space between the outline and its name (pen included)
    bool labelled = false;  ///< has a name to place, of size label_w × label_h
    double label_w = 0, label_h = 0;
    std::size_t cluster = SIZE_MAX;  ///< innermost box (index into clusters) it is drawn in
  };
  std::vector<Node> nodes;
  std::vector<std::vector<Point>> lines;  ///< drawn lines (links, arrowheads) as polylines
  std::vector<Box> fixed;                      ///< texts already placed: link and box labels
  std::vector<Box> clusters;                   ///< grouping boxes
  std::vector<std::size_t> cluster_parent;     ///< SIZE_MAX at the top
  /// Names placed one at a time in this order (indices into nodes; labelled nodes not listed
  /// come after, in drawing order), each only at a clear place; a name with none is left out
  /// (not clear). Empty: every name is placed, the least bad place where none is clear.
  std::vector<std::size_t> ranked;
};

struct LabelPlacement {
  std::vector<Point> names;  ///< centre of each node's name (unlabelled nodes: their centre)
  /// Per node: 1 when its name overlaps no school, no text and no other name and leaves its own
  /// school the nearest (unlabelled nodes: 1). A name that is not clear must not be drawn there:
  /// it would be read as another school's (see graphviz.cpp, the numbered key).
  std::vector<char> clear;
  std::vector<Box> clusters; ///< grouping boxes, grown where their members' names stick out
};

/// Places each labelled node's name touching its own outline (below, above, right, left, the
/// four diagonals, shifted along the outline), choosing for each the place that overlaps no
/// other node and no other text, leaves its own node the nearest one, crosses the fewest lines
/// and keeps out of grouping boxes the node is not in; when no place is free, the least bad
/// one, marked not clear. A name may stick out of its own box to the left, right or bottom
/// when the box can grow to hold it without taking in anything else; the box then grows.
/// Greedy, most constrained names first, then two rounds of improvement; the same problem
/// gives the same answer. O(k · n) with a uniform grid, k = 16 candidates per name.
/// With `problem.ranked`: greedy in that order, clear places only, no improvement rounds.
LabelPlacement place_labels(const LabelProblem& problem);

// --- unknown view ids (view_ids.cpp) -----------------------------------------------------------

/// "; did you mean …" for an unknown --view id `typed` among records (id, name): the ids whose
/// id or name holds the text (case aside: "grouping:Dingwall" finds "ASG-DINGWALL (Dingwall
/// ASG)"), else those one or two slips away, else (for a short list) every id. At most 10; ids
/// and names cleaned. `what`: "school" or "grouping". O(records · length).
std::string view_id_candidates(
    const std::vector<std::pair<std::string_view, std::string_view>>& records,
    const std::string& typed, const char* what);

// --- which schools a large view names (label_choice.cpp) ---------------------------------------

/// What places a school in a large view's order of naming.
struct NamingCandidate {
  std::size_t school = 0;            ///< index into Network::schools: the last tie-break
  bool focus = false;                ///< the school in focus (school view)
  bool faded = false;                ///< a partner outside the grouping (grouping view)
  SchoolMark mark = SchoolMark::plain;
  bool small_rural = false;
  std::optional<std::int64_t> roll;  ///< unknown: after every known roll
};

/// At most this many schools of a large view are offered a name: more would never fit on a
/// page, and each costs Graphviz a label to measure and place.
inline constexpr std::size_t kMaxChosenNames = 1000;

/// The order in which a large view (automatic names, above the label limit) tries to name its
/// schools: the school in focus; then schools with a finding, by their mark in SchoolMark order
/// (the analysis' order of urgency: isolated, receive-only, one partner, cut, give-only), small
/// rural schools first within a mark, then the larger roll; then the other schools by roll,
/// largest first; partners outside a grouping last. Ties by school index. At most `limit`.
/// Deterministic. O(n log n).
std::vector<std::size_t> naming_order(const std::vector<NamingCandidate>& candidates,
                                      std::size_t limit = kMaxChosenNames);

/// The subtitle's words on names in a large view: "N of M schools named: …" and how to see every
/// name; without `named` (a DOT file, not yet laid out) the rule alone. Plain text.
std::string naming_note(std::optional<std::size_t> named, std::size_t schools, bool flag_hints);

/// naming_note as a row of the title's table, in the subtitle's style, wrapped as it is.
std::string naming_note_row(std::size_t named, std::size_t schools, bool flag_hints, double point_size,
                            const std::string& colour);

// --- basemap (basemap.cpp) ---------------------------------------------------------------------

/// The ring clipped to the box (Sutherland–Hodgman; a closing point equal to the first is
/// dropped, the result is implicitly closed). Fewer than 3 points: nothing of it is inside.
/// O(points).
std::vector<Point> clip_ring(const std::vector<Point>& ring, const Box& box);

/// Douglas–Peucker: the ring's points that keep every dropped point within `tolerance` of the
/// simplified line; the first and last point always kept. Iterative. O(points²) worst case,
/// O(points · log points) typical.
std::vector<Point> simplify_ring(const std::vector<Point>& ring, double tolerance);

struct BasemapDrawing {
  std::string xdot;  ///< for the graph's `_background`; empty when nothing falls in the frame
  std::size_t areas = 0, rings = 0, points = 0;
};

/// The basemap's areas projected as the schools are, simplified to half a point, clipped to
/// `frame`, as xdot operations: the frame in the sea colour, each area's land with its holes
/// cut back out, then every outline, `line_width` points wide. O(points of the basemap).
BasemapDrawing basemap_background(const Basemap& map, const MapProjection& projection,
                                  const Box& frame, const Theme& theme, double line_width);

// --- Graphviz (graphviz.cpp) ------------------------------------------------------------------

/// Where a school's name goes when no free place beside it exists: a number beside the school
/// and a row "number, name" in a key under the title.
struct NameKey {
  std::vector<std::pair<std::string, std::string>> names;  ///< DOT node id → name as HTML text
  /// A large view: DOT node ids of the schools offered a name, in order (Scene nodes' name_rank);
  /// each named only where it fits, the count then said under the subtitle (naming_note_row).
  std::vector<std::string> ranked;
  std::size_t chosen_of = 0;
  bool flag_hints = true;
  double note_point_size = 11;
  std::string note_colour = "#5a5a5a";
  double point_size = 10;
  std::string colour = "#1a1a1a";
};

/// The key's names and style for a scene (its nodes' key_name). O(nodes).
NameKey name_key(const Scene& scene);

/// The key as an HTML-like table (for a row of the title's table): a heading, then "number
/// name" pairs in up to four columns, then the names too crowded even for a number. Names are
/// HTML text already. Empty when both lists are. O(names).
std::string key_html(const std::vector<std::pair<std::size_t, std::string>>& numbered,
                     const std::vector<std::string>& unmarked, double point_size,
                     const std::string& colour);

/// "number name" pairs (names HTML text already) in `columns` cells side by side, as many rows
/// each as it takes, every line in `font` (an open `<font …>` tag, see key_font). O(names).
std::string numbered_columns(const std::vector<std::pair<std::size_t, std::string>>& numbered,
                             std::size_t columns, const std::string& font);

/// The key's `<font>` opening tag. O(1).
std::string key_font(double point_size, const std::string& colour);

// --- numbered grouping boxes (group_key.cpp) ---------------------------------------------------

/// Boxes whose names would print small: a whole network's grouping boxes, named at 10 pt
/// (scaled, their names would spread fdp's drawing), print their names below 6 pt at A4's
/// printable width (510 pt) once the drawing is wider than 850 pt; `width_inches` is the
/// drawing's estimated width (as text_scale_for takes it). O(1).
bool number_grouping_boxes(double width_inches);

/// An overview of more than this many boxes gives each just its number, its name and figures
/// in the key: its boxes are its text (name and figures at 10 pt scaled), so its width grows
/// with the text and only shorter text helps; the demo's 95 named boxes printed at 2.7 pt on A4
/// (7.3 pt numbered), the generated network's 26 above 6 pt.
inline constexpr std::size_t kOverviewNamedBoxes = 30;

/// The key of numbered boxes as a row of the title's table (`<tr>…</tr>`): the heading (HTML),
/// then entry k numbered k + 1: its name, then its details (none when empty) on lines of their
/// own, each plain text cleaned here, wrapped at 45 characters (2 lines each) and escaped, in as
/// many columns (at most 4) as keep the key within `width_points`. Empty when there are no
/// entries. O(length of the entries).
std::string group_key_row(const std::vector<std::pair<std::string, std::string>>& entries,
                          const std::string& heading,
                          double point_size, const std::string& colour, double width_points);

/// Lays out DOT text with `engine` and renders it as `format` ("svg", "png", "pdf") through gvc.
/// School names (xlabels) are placed by place_labels; a name with no clear place becomes a
/// number listed in `key` (a name the key lacks, or a number with no clear place either, is
/// not drawn). Throws std::runtime_error with Graphviz's messages on failure.
std::string graphviz_render(const std::string& dot, const std::string& engine,
                            const std::string& format, const NameKey& key = {});


}  // namespace collabnet::render
