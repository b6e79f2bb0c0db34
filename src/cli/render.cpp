// `collabnet render NETWORK -o FILE`: load, analyse, draw one view as SVG, PNG, PDF or DOT.
// Thin: parses flags, calls the library, writes the file atomically.

#include <CLI/CLI.hpp>
#include <cctype>
#include <memory>
#include <ostream>
#include <string>

#include "analysis_options.hpp"
#include "collabnet/analysis.hpp"
#include "collabnet/basemap.hpp"
#include "collabnet/diagnostic.hpp"
#include "collabnet/load.hpp"
#include "collabnet/output_file.hpp"
#include "collabnet/render.hpp"
#include "commands.hpp"
#include "common.hpp"

namespace collabnet::cli {
namespace {

struct Options {
  std::string network;
  std::string output;
  std::string view = "network";
  std::string format;
  std::string theme = "default";
  std::string layout = "auto";
  bool multi_edges = false;
  int labels = 0;  // +1 --labels, -1 --no-labels, 0 automatic
  std::string basemap;
  AnalysisFlags analysis;
};

std::string theme_list() {
  std::string s;
  for (const std::string& t : theme_names()) s += (s.empty() ? "" : ", ") + t;
  return s;
}

/// Every option checked before the network is read: a typo fails at once, not after a load.
RenderOptions render_options(const Options& o) {
  RenderOptions r;
  r.view = parse_view(o.view);
  if (!o.format.empty()) {
    const auto f = parse_diagram_format(o.format);
    if (!f)
      throw InputError("--format", "unknown format \"" + o.format + "\"; use svg, png, pdf or dot");
    r.format = *f;
  } else if (!o.output.empty()) {
    const auto f = diagram_format_for(o.output);
    if (!f)
      throw InputError("--output", "cannot tell the format from \"" + o.output +
                                       "\": name it .svg, .png, .pdf or .dot, or give --format");
    r.format = *f;
  } else {
    throw InputError("--output", "give an output file (-o diagram.svg, .png, .pdf or .dot), or "
                                 "--format to write to standard output");
  }
  const auto layout = parse_layout_engine(o.layout);
  if (!layout)
    throw InputError("--layout", "unknown layout \"" + o.layout + "\"; use auto, neato, sfdp or fdp");
  r.layout = *layout;
  bool known_theme = false;
  for (const std::string& t : theme_names()) known_theme = known_theme || t == o.theme;
  if (!known_theme)
    throw InputError("--theme", "unknown theme \"" + o.theme + "\"; use " + theme_list());
  r.theme = o.theme;
  r.multi_edges = o.multi_edges;
  r.labels = o.labels > 0 ? LabelMode::shown : o.labels < 0 ? LabelMode::hidden : LabelMode::automatic;
  return r;
}

/// A school view whose id is unknown but ends in ":-1", ":0.5", ":0100": the user meant a radius
/// that parse_view could not take (it reads only 1 to 3 digits and leaves the rest in the id).
/// Says what a radius may be rather than "unknown school".
void check_school_view(const View& view, const Network& net, const std::string& text) {
  if (view.kind != ViewKind::school || net.find_school(view.id)) return;
  const auto colon = view.id.rfind(':');
  if (colon == std::string::npos) return;
  const std::string tail = view.id.substr(colon + 1);
  std::size_t i = tail.empty() || (tail[0] != '-' && tail[0] != '+') ? 0 : 1;
  const std::size_t digits_from = i;
  while (i < tail.size() && (std::isdigit(static_cast<unsigned char>(tail[i])) || tail[i] == '.'))
    ++i;
  if (i != tail.size() || i == digits_from) return;  // not a number: an id with a colon
  throw InputError("--view", "the radius \"" + tail + "\" in \"" + text +
                                 "\" must be a whole number from 1 to 10 (partner steps around "
                                 "the school), e.g. school:" + view.id.substr(0, colon) + ":2");
}

void run_render(const Options& o, const CLI::App& cmd, Io& io, int& code) {
  RenderOptions options = render_options(o);
  Settings settings = prepare_analysis(cmd, o.analysis, o.network, o.output, false);
  if (!o.basemap.empty()) {
    if (options.view.kind != ViewKind::geo)
      throw InputError("--basemap", "a basemap is drawn beneath the map only: add --view geo");
    check_output(o.output, false, {{o.basemap, "the --basemap file"}});
    options.basemap = std::make_shared<const Basemap>(load_basemap(o.basemap));
  }
  // No drawing shows betweenness or closeness: one sampled source instead of every school
  // (about half of a 24,000-school render's CPU time was this unused exact centrality).
  settings.sample = 1;
  const LoadResult loaded = load_and_warn(o.network, io);
  check_school_view(options.view, loaded.network, o.view);
  const Analysis analysis = analyse(loaded.network, settings);
  write_output(o.output, render_diagram(loaded.network, analysis, options), io);
  code = kExitOk;
}

}  // namespace

void register_render(CLI::App& app, Io& io, int& code) {
  auto* cmd = app.add_subcommand(
      "render",
      "Draw a network as a diagram for a strategy paper (SVG, PNG, PDF, or Graphviz DOT).\n"
      "Schools are sized by roll and marked by what the analysis found; a legend explains\n"
      "every mark. Exit 0 ok, 2 bad input or options.\n"
      "Views: network, grouping:ID, school:ID[:RADIUS], geo, authority, grouping-overview.\n"
      "Examples:\n"
      "  collabnet render graphs/tiny.json -o tiny.svg\n"
      "  collabnet render graphs/northern-alliance.json --view geo --theme print -o map.pdf\n"
      "  collabnet render graphs/northern-alliance.json --view geo \\\n"
      "      --basemap graphs/northern-alliance-areas.geojson -o map.png\n"
      "  collabnet render net.json --view school:5123456:2 -o neighbourhood.png\n"
      "  collabnet render net.json --view authority --as-of 2026-06-30 -o overview.svg");
  auto o = std::make_shared<Options>();
  add_network_argument(*cmd, o->network);
  cmd->add_option("-o,--output", o->output,
                  "write the diagram to FILE (whole or not at all); its extension (.svg, .png, "
                  ".pdf, .dot) gives the format");
  cmd->add_option("--view", o->view,
                  "what to draw: network (default), grouping:ID, school:ID[:RADIUS], geo, "
                  "authority, grouping-overview");
  cmd->add_option("--format", o->format, "svg, png, pdf or dot (default: from -o's extension)");
  cmd->add_option("--theme", o->theme, "default (screen) or print (colour-blind safe, greyscale)");
  cmd->add_option("--layout", o->layout,
                  "auto (default: neato up to 1,500 nodes, sfdp above, fdp for boxed groupings), "
                  "neato, sfdp or fdp");
  cmd->add_flag("--multi-edges", o->multi_edges,
                "draw every partnership record as its own line instead of one line per pair");
  cmd->add_flag("--labels,!--no-labels", o->labels,
                "always (or never) write school names; default: up to 150 schools");
  cmd->add_option("--basemap", o->basemap,
                  "with --view geo: GeoJSON area outlines (council areas, coastlines) drawn "
                  "beneath the schools, credited with the file's \"attribution\"");
  add_analysis_flags(*cmd, o->analysis);
  cmd->callback([cmd, o, &io, &code] { run_render(*o, *cmd, io, code); });
}

}  // namespace collabnet::cli
