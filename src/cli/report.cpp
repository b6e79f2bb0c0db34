// `collabnet report NETWORK -o report.html`: load, analyse, write one self-contained HTML report.
// Thin: parses flags, calls the library, writes the file atomically.

#include <CLI/CLI.hpp>
#include <memory>
#include <ostream>
#include <string>

#include "analysis_options.hpp"
#include "collabnet/analysis.hpp"
#include "collabnet/basemap.hpp"
#include "collabnet/diagnostic.hpp"
#include "collabnet/load.hpp"
#include "collabnet/render.hpp"
#include "collabnet/output_file.hpp"
#include "collabnet/report.hpp"
#include "commands.hpp"
#include "common.hpp"
#include "compare_wave.hpp"

namespace collabnet::cli {
namespace {

struct Options {
  std::string network;
  std::string output;
  bool show_staff_names = false;
  std::string basemap;
  std::string theme = "default";
  AnalysisFlags analysis;
  std::string compare_with;  ///< --compare-with BEFORE: adds "What changed"
  std::string diagrams = "all";  ///< --diagrams LIST (parse_report_diagrams)
};

void run_report(const Options& o, const CLI::App& cmd, Io& io, int& code) {
  // Options first: a typo fails at once, not after the network is read and analysed.
  if (o.output.empty())
    throw InputError("--output", "give the report's file, e.g. -o report.html (or - for "
                                 "standard output)");
  ReportOptions options;
  options.diagrams = parse_report_diagrams(o.diagrams);
  options.theme = load_theme(o.theme);
  Settings settings = prepare_analysis(cmd, o.analysis, o.network, o.output, false);
  if (!o.compare_with.empty())
    check_output(o.output, false, {{o.compare_with, "the earlier network being read"}});
  if (!o.basemap.empty()) {
    check_output(o.output, false, {{o.basemap, "the --basemap file"}});
    options.basemap = std::make_shared<const Basemap>(load_basemap(o.basemap));
  }
  // Publish mode unless asked: findings about a member of staff give the id, not the name.
  settings.show_staff_names = o.show_staff_names;
  const LoadResult loaded = load_and_warn(o.network, io);
  const Analysis analysis = analyse(loaded.network, settings);
  options.show_staff_names = o.show_staff_names;
  for (const Diagnostic& w : loaded.warnings) options.load_warnings.push_back(w.to_string());
  Network before;
  ChangeReport change;
  if (!o.compare_with.empty()) {
    change = compare_with(o.compare_with, settings, loaded.network, analysis, before, io);
    options.change = &change;
    options.before = &before;
  }
  write_output(o.output, render_report(loaded.network, analysis, options), io);
  code = kExitOk;
}

}  // namespace

void register_report(CLI::App& app, Io& io, int& code) {
  auto* cmd = app.add_subcommand(
      "report",
      "Write one self-contained HTML report for a strategy paper: headline figures, the\n"
      "findings ranked in plain words, diagrams, groupings, the isolation ranking and every\n"
      "school's figures. It opens offline, fetches nothing, and prints on A4.\n"
      "Staff appear as counts only unless --show-staff-names.\n"
      "Exit 0 ok, 2 bad input or options.\n"
      "Examples:\n"
      "  collabnet report graphs/northern-alliance.json -o report.html\n"
      "  collabnet report net.json --as-of 2026-06-30 --small-school-roll 50 -o report.html\n"
      "  collabnet report this-year.json --compare-with last-year.json -o report.html\n"
      "  collabnet report net.json --diagrams map,groupings -o report.html\n"

      "  collabnet report graphs/northern-alliance.json \\\n"
      "      --basemap graphs/northern-alliance-areas.geojson -o report.html");
  auto o = std::make_shared<Options>();
  add_network_argument(*cmd, o->network);
  cmd->add_option("-o,--output", o->output,
                  "write the report to FILE (whole or not at all); - for standard output");
  cmd->add_flag("--show-staff-names", o->show_staff_names,
                "name staff: in findings about a member of staff, and in a list of the staff on "
                "partnership records (personal data: only for reports kept within your "
                "data-protection rules); default: staff as counts or ids only");
  cmd->add_option("--compare-with", o->compare_with,
                  "BEFORE: an earlier wave of the network (e.g. last year's file); adds a "
                  "\"What changed\" section with a diagram of the change");
  cmd->add_option("--basemap", o->basemap,
                  "GeoJSON area outlines (council areas, coastlines) drawn beneath the map of "
                  "the schools, credited with the file's \"attribution\"");
  cmd->add_option("--diagrams", o->diagrams,
                  "LIST: the diagrams to embed, comma-separated: map (with --basemap beneath), "
                  "network, authorities, overview (the declared groupings), groupings (one per "
                  "grouping over the size limit or with schools at risk, at most " +
                      std::to_string(kReportGroupingViewLimit) +
                      "), change (with --compare-with), all or none; default all");
  cmd->add_option("--theme", o->theme,
                  "the diagrams' house style: default, print (colour-blind safe, greyscale) or "
                  "a theme file (viz/README.md)");
  add_analysis_flags(*cmd, o->analysis);
  add_sample_flag(*cmd, o->analysis);
  cmd->callback([cmd, o, &io, &code] { run_report(*o, *cmd, io, code); });
}

}  // namespace collabnet::cli
