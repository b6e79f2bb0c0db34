// The diagram of change (compare.hpp, render_change_diagram): two waves on one drawing. Built as
// a render::Scene and drawn by the same DOT writer and Graphviz call as every other view.
#include <map>
#include <set>

#include "collabnet/compare.hpp"
#include "render/render_internal.hpp"

namespace collabnet {
namespace {

using render::dot_label;
using render::dot_quoted;
using render::dot_tooltip;
using render::html_text;

// Colours from the theme's `change` palette (both built-ins: Okabe-Ito, colour-blind safe); the
// marks are told apart in greyscale by line style and shape as well: gained solid and heavy,
// lost dashed, same thin, newly isolated a square, newly connected a diamond, new a triangle.

/// Graphviz's own size of graph text: the heading is written with a size only when it differs.
constexpr double kGraphvizFontSize = 14;
/// The heading is smaller than a view's title (the legend rows sit right under it): 14 points
/// for the built-in title size of 20.
constexpr double kHeadingOfTitle = 0.7;

}  // namespace

std::string render_change_diagram(const Network& before, const Network& after,
                                  const ChangeReport& r, DiagramFormat format,
                                  const std::shared_ptr<const render::Theme>& theme_ptr) {
  const render::Theme& theme = theme_ptr ? *theme_ptr : *render::find_theme("default");
  const render::ChangeColours& c = theme.change;
  const char* gained_colour = c.gained.c_str();
  const char* lost_colour = c.lost.c_str();
  const char* same_colour = c.same.c_str();
  const char* isolated_colour = c.newly_isolated.c_str();
  const char* connected_colour = c.newly_connected.c_str();
  const char* added_colour = c.added.c_str();
  const char* school_fill = c.school_fill.c_str();
  // Every school of either wave, after's record where it has one (names as they are now).
  std::map<std::string, const School*> schools;
  for (const School& s : before.schools) schools[s.id] = &s;
  for (const School& s : after.schools) schools[s.id] = &s;
  const std::set<std::string> added(r.schools_added.begin(), r.schools_added.end());
  const std::set<std::string> removed(r.schools_removed.begin(), r.schools_removed.end());
  const std::set<std::string> isolated(r.newly_isolated.begin(), r.newly_isolated.end());
  const std::set<std::string> connected(r.no_longer_isolated.begin(), r.no_longer_isolated.end());
  std::set<std::string> touched;  // schools on a gained or lost link
  for (const auto* v : {&r.gained, &r.lost})
    for (const LinkChange& l : *v) touched.insert({l.a, l.b});

  render::Scene scene;
  scene.engine = schools.size() > kDefaultSfdpThreshold ? "sfdp" : "neato";
  std::map<std::string, std::string> node_of;  // id → "sN" (never untrusted text in DOT ids)
  const bool all_labels = schools.size() <= kDefaultLabelLimit;
  for (const auto& [id, school] : schools) {
    std::string name = "s";
    name += std::to_string(node_of.size());
    node_of[id] = name;
    render::SceneNode n{name, {}, {}};
    const std::string shown = render::clean_text(school->name.empty() ? id : school->name);
    std::string state;
    if (isolated.count(id)) {
      n.attrs = {{"shape", dot_quoted("square")}, {"fillcolor", dot_quoted(isolated_colour)},
                 {"color", dot_quoted(c.marked_line)}, {"penwidth", dot_quoted("2")},
                 {"width", dot_quoted("0.3")}, {"height", dot_quoted("0.3")}};
      state = "newly isolated";
    } else if (connected.count(id)) {
      n.attrs = {{"shape", dot_quoted("diamond")}, {"fillcolor", dot_quoted(connected_colour)},
                 {"color", dot_quoted(c.marked_line)}, {"penwidth", dot_quoted("2")},
                 {"width", dot_quoted("0.38")}, {"height", dot_quoted("0.38")}};
      state = "newly connected (no longer isolated)";
    } else if (added.count(id)) {
      n.attrs = {{"shape", dot_quoted("triangle")}, {"fillcolor", dot_quoted(added_colour)},
                 {"width", dot_quoted("0.32")}, {"height", dot_quoted("0.32")}};
      state = "new school";
    } else if (removed.count(id)) {
      n.attrs = {{"style", dot_quoted("dashed")}, {"fillcolor", dot_quoted(school_fill)},
                 {"color", dot_quoted(c.removed_line)}};
      state = "no longer in the network";
    }
    const bool changed = !state.empty() || touched.count(id);
    if (all_labels || changed) {
      n.attrs.emplace_back("xlabel", dot_label({shown}));
      n.key_name = render::html_text(shown);
    }
    n.attrs.emplace_back("tooltip",
                         dot_tooltip(shown + " (" + render::clean_text(id) + ")" +
                                     (state.empty() ? "" : ": " + state)));
    if (!state.empty()) n.attrs.emplace_back("class", dot_quoted("change-school"));
    scene.nodes.push_back(std::move(n));
  }
  auto edges = [&](const std::vector<LinkChange>& v, const char* colour, const char* style,
                   const char* width, const char* what) {
    for (const LinkChange& l : v) {
      render::SceneEdge e{node_of.at(l.a), node_of.at(l.b), {}};
      e.attrs = {{"color", dot_quoted(colour)}, {"style", dot_quoted(style)},
                 {"penwidth", dot_quoted(width)}, {"class", dot_quoted(what)},
                 {"tooltip", dot_tooltip(std::string(what) + ": " +
                                         render::clean_text(l.a) + " – " + render::clean_text(l.b))}};
      scene.edges.push_back(std::move(e));
    }
  };
  edges(r.unchanged, same_colour, "solid", "1", "unchanged");
  edges(r.stronger, same_colour, "solid", "1.6", "stronger");
  edges(r.weaker, same_colour, "solid", "1", "weaker");
  edges(r.lost, lost_colour, "dashed", "2.2", "lost");
  edges(r.gained, gained_colour, "solid", "3", "gained");

  // Title and legend: an HTML-like label over the drawing.
  auto date = [](const WaveSummary& w) { return w.as_of ? *w.as_of : std::string("undated"); };
  auto row = [](const std::string& mark, const std::string& text) {
    return "<tr><td align=\"left\">" + mark + "</td><td align=\"left\">" + html_text(text) +
           "</td></tr>";
  };
  auto font = [](const char* colour, const std::string& glyph) {
    return "<font color=\"" + std::string(colour) + "\">" + glyph + "</font>";
  };
  std::string html = "<<table border=\"0\" cellborder=\"0\" cellspacing=\"2\">";
  html += render::logo_row(theme, 11, 2);
  const double heading = theme.title_size * kHeadingOfTitle;
  std::string heading_text =
      "<b>" +
      html_text(render::clean_text("What changed: " + date(r.before) + " → " + date(r.after))) +
      "</b>";
  if (heading != kGraphvizFontSize)
    heading_text = "<font point-size=\"" + render::dot_number(heading, 1) + "\">" +
                   heading_text + "</font>";
  html += "<tr><td align=\"left\" colspan=\"2\">" + heading_text + "</td></tr>";
  html += row(font(gained_colour, "━━━"), "link gained (" + std::to_string(r.gained.size()) + ")");
  html += row(font(lost_colour, "╍ ╍ ╍"), "link lost, dashed (" + std::to_string(r.lost.size()) + ")");
  html += row(font(same_colour, "───"), "link in both waves");
  html += row(font(isolated_colour, "■"), "school newly isolated (" + std::to_string(isolated.size()) + ")");
  html += row(font(connected_colour, "◆"),
              "school newly connected, no longer isolated (" + std::to_string(connected.size()) + ")");
  html += row(font(added_colour, "▲"), "new school (" + std::to_string(added.size()) + ")");
  html += row("◌", "school no longer in the network, dashed (" + std::to_string(removed.size()) + ")");
  html += "</table>>";

  auto& g = scene.graph_attrs;
  g = {{"layout", dot_quoted(scene.engine)},
       {"label", html},
       {"labelloc", dot_quoted("t")},
       {"labeljust", dot_quoted("l")},
       {"fontname", dot_quoted(theme.font)},
       {"bgcolor", dot_quoted(c.background)},
       {"pad", dot_quoted("0.3")},
       {"outputorder", dot_quoted("edgesfirst")},
       {"start", dot_quoted("1")},
       {"overlap", dot_quoted(scene.engine == "sfdp" ? "prism0" : "false")},
       {"splines", dot_quoted("false")},
       {"forcelabels", dot_quoted("true")}};
  // Graphviz draws text black unless told: the colour is written only when it is another.
  if (c.text != "black") g.emplace_back("fontcolor", dot_quoted(c.text));
  if (format == DiagramFormat::png) g.emplace_back("dpi", dot_quoted("150"));
  scene.node_defaults = {{"label", "\"\""},
                         {"shape", dot_quoted("circle")},
                         {"fixedsize", dot_quoted("true")},
                         {"style", dot_quoted("filled")},
                         {"fontname", dot_quoted(theme.font)},
                         {"fontsize", dot_quoted("9")},
                         {"fillcolor", dot_quoted(school_fill)},
                         {"color", dot_quoted(c.school_line)},
                         {"width", dot_quoted("0.22")},
                         {"height", dot_quoted("0.22")}};
  if (c.text != "black") scene.node_defaults.emplace_back("fontcolor", dot_quoted(c.text));
  scene.edge_defaults = {{"arrowhead", dot_quoted("none")}};
  const std::string dot = render::write_dot(scene);
  switch (format) {
    case DiagramFormat::dot: return dot;
    case DiagramFormat::svg: return render::graphviz_render(dot, scene.engine, "svg", render::name_key(scene));
    case DiagramFormat::png: return render::graphviz_render(dot, scene.engine, "png", render::name_key(scene));
    case DiagramFormat::pdf: return render::graphviz_render(dot, scene.engine, "pdf", render::name_key(scene));
  }
  return dot;
}

}  // namespace collabnet
