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
#include "collabnet/suggest.hpp"
#include "commands.hpp"
#include "common.hpp"
#include "compare_wave.hpp"

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
  std::string compare_with;  ///< --compare-with BEFORE: the earlier wave (--view change)
};

/// Every option checked before the network is read: a typo fails at once, not after a load.
RenderOptions render_options(const Options& o) {
  RenderOptions r;
  // --view change is drawn from two waves (render_change_diagram), not from one view;
  // `suggestions` (suggestions-output.md) draws the map, or the network when no school has a
  // location, with the suggested partners as dotted links; run_render picks which.
  r.view = parse_view(o.view == "change" || o.view == "suggestions" ? std::string("network")
                                                                     : o.view);
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
  r.theme = load_theme(o.theme);
  r.multi_edges = o.multi_edges;
  r.labels = o.labels > 0 ? LabelMode::shown : o.labels < 0 ? LabelMode::hidden : LabelMode::automatic;
  return r;
}

/// A school view whose id is unknown but ends in ":-1", ":0.5", ":0100": the user meant a radius
/// that parse_view could not take (it reads only 1 to 3 digits and leaves the rest in the id).
/// Says what a radius may be rather than "unknown school".
void check_school_view(View& view, const Network& net, const std::string& text) {
  if (view.kind != ViewKind::school) return;
  // An id that itself ends in ":digits" (school Y:3:1) is the school, drawn at radius 1;
  // "school:Y:3:1:2" draws it at radius 2.
  if (const std::string whole = text.substr(7); whole != view.id && net.find_school(whole)) {
    view.id = whole;
    view.radius = 1;
    return;
  }
  if (net.find_school(view.id)) return;
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
  if (o.view == "change" && o.compare_with.empty())
    throw InputError("--view", "change draws what changed since an earlier wave: give it with "
                               "--compare-with BEFORE (e.g. last year's network file)");
  if (o.view != "change" && !o.compare_with.empty())
    throw InputError("--compare-with", "is for --view change (the diagram of what changed)");
  if (!o.compare_with.empty())
    check_output(o.output, false, {{o.compare_with, "the earlier network being read"}});
  Settings settings = prepare_analysis(cmd, o.analysis, o.network, o.output, false);
  if (!o.basemap.empty()) {
    if (options.view.kind != ViewKind::geo && o.view != "suggestions")
      throw InputError("--basemap", "a basemap is drawn beneath the map only: add --view geo "
                                    "(or --view suggestions)");
    check_output(o.output, false, {{o.basemap, "the --basemap file"}});
    options.basemap = std::make_shared<const Basemap>(load_basemap(o.basemap));
  }
  // No drawing shows betweenness or closeness: one sampled source instead of every school
  // (about half of a 24,000-school render's CPU time was this unused exact centrality).
  settings.sample = 1;
  settings.sample_error.reset();  // from a --config file: nothing drawn shows it
  const LoadResult loaded = load_and_warn(o.network, io);
  check_school_view(options.view, loaded.network, o.view);
  if (o.view == "suggestions") {
    // Exact closeness and the file's own date, as `collabnet suggest` uses them.
    settings.sample = 0;
    if (!settings.as_of && loaded.network.as_of) settings.as_of = loaded.network.as_of;
    const Analysis analysis = analyse(loaded.network, settings);
    const Suggestions s =
        suggest_partners(loaded.network, analysis, settings, suggest_settings(cmd, o.analysis));
    RenderOptions shown = options;
    for (const School& school : loaded.network.schools)
      if (school.lat && school.lon) shown.view.kind = ViewKind::geo;
    write_output(o.output,
                 render_diagram(with_proposed_links(loaded.network, s, false), analysis, shown),
                 io);
    code = kExitOk;
    return;
  }
  const Analysis analysis = analyse(loaded.network, settings);
  if (o.view == "change") {
    Network before;
    const ChangeReport change =
        compare_with(o.compare_with, settings, loaded.network, analysis, before, io);
    write_output(o.output, render_change_diagram(before, loaded.network, change, options.format,
                                       options.theme),
                 io);
  } else {
    write_output(o.output, render_diagram(loaded.network, analysis, options), io);
  }
  code = kExitOk;
}

}  // namespace

void register_render(CLI::App& app, Io& io, int& code) {
  auto* cmd = app.add_subcommand(
      "render",
      "Draw a network as a diagram for a strategy paper (SVG, PNG, PDF, or Graphviz DOT).\n"
      "Schools are sized by roll and marked by what the analysis found; a legend explains\n"
      "every mark. Exit 0 ok, 2 bad input or options.\n"
      "Views: network, grouping:ID, school:ID[:RADIUS], geo, authority, grouping-overview,\n"
      "change (with --compare-with BEFORE: links gained and lost, schools newly isolated or\n"
      "connected).\n"
      "suggestions (the partners `collabnet suggest` proposes, dotted, on the map).\n"
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
                  "authority, grouping-overview, suggestions");
  cmd->add_option("--format", o->format, "svg, png, pdf or dot (default: from -o's extension)");
  cmd->add_option("--theme", o->theme,
                  "default (screen), print (colour-blind safe, greyscale) or a theme file "
                  "(viz/README.md)");
  cmd->add_option("--layout", o->layout,
                  "auto (default: neato up to 1,500 nodes, sfdp above, fdp for boxed groupings), "
                  "neato, sfdp or fdp");
  cmd->add_flag("--multi-edges", o->multi_edges,
                "draw every partnership record as its own line instead of one line per pair");
  cmd->add_flag("--labels,!--no-labels", o->labels,
                "always (or never) write school names; default: up to 150 schools");
  cmd->add_option("--compare-with", o->compare_with,
                  "BEFORE: an earlier wave of the network, for --view change");
  cmd->add_option("--basemap", o->basemap,
                  "with --view geo: GeoJSON area outlines (council areas, coastlines) drawn "
                  "beneath the schools, credited with the file's \"attribution\"");
  add_analysis_flags(*cmd, o->analysis);
  cmd->callback([cmd, o, &io, &code] { run_render(*o, *cmd, io, code); });
}

}  // namespace collabnet::cli
