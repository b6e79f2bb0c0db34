// `collabnet render NETWORK -o FILE`: load, analyse, draw one view as SVG, PNG, PDF or DOT.
// Thin: parses flags, calls the library, writes the file atomically.

#include <CLI/CLI.hpp>
#include <memory>
#include <ostream>
#include <string>

#include "analysis_options.hpp"
#include "collabnet/analysis.hpp"
#include "collabnet/diagnostic.hpp"
#include "collabnet/load.hpp"
#include "collabnet/output_file.hpp"
#include "collabnet/render.hpp"
#include "commands.hpp"

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

void run_render(const Options& o, const CLI::App& cmd, Io& io, int& code) {
  const RenderOptions options = render_options(o);
  const Settings settings = analysis_settings(cmd, o.analysis);
  const LoadResult loaded = load_network(o.network);
  for (const auto& w : loaded.warnings) io.err << w.to_string() << '\n';
  const Analysis analysis = analyse(loaded.network, settings);
  const std::string bytes = render_diagram(loaded.network, analysis, options);
  if (o.output.empty())
    io.out << bytes;
  else
    write_file_atomically(o.output, bytes);
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
      "  collabnet render net.json --view school:5123456:2 -o neighbourhood.png\n"
      "  collabnet render net.json --view authority --as-of 2026-06-30 -o overview.svg");
  auto o = std::make_shared<Options>();
  cmd->add_option("NETWORK", o->network, "network file (.json) or CSV folder")->required();
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
  add_analysis_flags(*cmd, o->analysis);
  cmd->callback([cmd, o, &io, &code] { run_render(*o, *cmd, io, code); });
}

}  // namespace collabnet::cli
