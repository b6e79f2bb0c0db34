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

// Colour-blind safe (Okabe-Ito) and told apart in greyscale by line style and shape as well.
constexpr const char* kGained = "#0072B2";    // blue, solid, heavy
constexpr const char* kLost = "#D55E00";      // vermilion, dashed
constexpr const char* kSame = "#BBBBBB";      // light grey, thin
constexpr const char* kIsolated = "#D55E00";  // newly isolated: square, vermilion
constexpr const char* kConnected = "#009E73"; // newly connected: diamond, green
constexpr const char* kAdded = "#56B4E9";     // new school: triangle
constexpr const char* kPlainFill = "#FFFFFF";

}  // namespace

std::string render_change_diagram(const Network& before, const Network& after,
                                  const ChangeReport& r, DiagramFormat format) {
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
      n.attrs = {{"shape", dot_quoted("square")}, {"fillcolor", dot_quoted(kIsolated)},
                 {"color", dot_quoted("#000000")}, {"penwidth", dot_quoted("2")},
                 {"width", dot_quoted("0.3")}, {"height", dot_quoted("0.3")}};
      state = "newly isolated";
    } else if (connected.count(id)) {
      n.attrs = {{"shape", dot_quoted("diamond")}, {"fillcolor", dot_quoted(kConnected)},
                 {"color", dot_quoted("#000000")}, {"penwidth", dot_quoted("2")},
                 {"width", dot_quoted("0.38")}, {"height", dot_quoted("0.38")}};
      state = "newly connected (no longer isolated)";
    } else if (added.count(id)) {
      n.attrs = {{"shape", dot_quoted("triangle")}, {"fillcolor", dot_quoted(kAdded)},
                 {"width", dot_quoted("0.32")}, {"height", dot_quoted("0.32")}};
      state = "new school";
    } else if (removed.count(id)) {
      n.attrs = {{"style", dot_quoted("dashed")}, {"fillcolor", dot_quoted(kPlainFill)},
                 {"color", dot_quoted("#666666")}};
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
  edges(r.unchanged, kSame, "solid", "1", "unchanged");
  edges(r.stronger, kSame, "solid", "1.6", "stronger");
  edges(r.weaker, kSame, "solid", "1", "weaker");
  edges(r.lost, kLost, "dashed", "2.2", "lost");
  edges(r.gained, kGained, "solid", "3", "gained");

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
  html += "<tr><td align=\"left\" colspan=\"2\"><b>" +
          html_text(render::clean_text("What changed: " + date(r.before) + " → " + date(r.after))) +
          "</b></td></tr>";
  html += row(font(kGained, "━━━"), "link gained (" + std::to_string(r.gained.size()) + ")");
  html += row(font(kLost, "╍ ╍ ╍"), "link lost, dashed (" + std::to_string(r.lost.size()) + ")");
  html += row(font(kSame, "───"), "link in both waves");
  html += row(font(kIsolated, "■"), "school newly isolated (" + std::to_string(isolated.size()) + ")");
  html += row(font(kConnected, "◆"),
              "school newly connected, no longer isolated (" + std::to_string(connected.size()) + ")");
  html += row(font(kAdded, "▲"), "new school (" + std::to_string(added.size()) + ")");
  html += row("◌", "school no longer in the network, dashed (" + std::to_string(removed.size()) + ")");
  html += "</table>>";

  auto& g = scene.graph_attrs;
  g = {{"layout", dot_quoted(scene.engine)},
       {"label", html},
       {"labelloc", dot_quoted("t")},
       {"labeljust", dot_quoted("l")},
       {"fontname", dot_quoted("DejaVu Sans")},
       {"bgcolor", dot_quoted("#FFFFFF")},
       {"pad", dot_quoted("0.3")},
       {"outputorder", dot_quoted("edgesfirst")},
       {"start", dot_quoted("1")},
       {"overlap", dot_quoted(scene.engine == "sfdp" ? "prism0" : "false")},
       {"splines", dot_quoted("false")},
       {"forcelabels", dot_quoted("true")}};
  if (format == DiagramFormat::png) g.emplace_back("dpi", dot_quoted("150"));
  scene.node_defaults = {{"label", "\"\""},
                         {"shape", dot_quoted("circle")},
                         {"fixedsize", dot_quoted("true")},
                         {"style", dot_quoted("filled")},
                         {"fontname", dot_quoted("DejaVu Sans")},
                         {"fontsize", dot_quoted("9")},
                         {"fillcolor", dot_quoted(kPlainFill)},
                         {"color", dot_quoted("#444444")},
                         {"width", dot_quoted("0.22")},
                         {"height", dot_quoted("0.22")}};
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
