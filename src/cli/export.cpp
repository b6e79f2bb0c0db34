// `collabnet export NETWORK --to graphml|gexf|geojson|csv -o OUT`: write a network with its
// analysis in a format other tools read, whole or not at all.
#include <CLI/CLI.hpp>
#include <memory>
#include <ostream>
#include <set>
#include <string>

#include "analysis_options.hpp"
#include "collabnet/analysis.hpp"
#include "collabnet/diagnostic.hpp"
#include "collabnet/export.hpp"
#include "collabnet/load.hpp"
#include "collabnet/network_io.hpp"
#include "collabnet/output_file.hpp"
#include "commands.hpp"
#include "common.hpp"
#include "output/format.hpp"

namespace collabnet::cli {

namespace {

/// At most this many schools are named in the warning about schools without coordinates.
constexpr std::size_t kUnlocatedListed = 20;

/// Every file an export to CSV may write, with or without --with-analysis: a folder an earlier
/// export wrote is replaced whole, whatever options that export had.
const std::set<std::string> kExportCsvFiles = {
    "schools.csv",         "partnerships.csv",     "staff.csv",
    "groupings.csv",       "memberships.csv",      "meta.csv",
    "analysis-schools.csv", "analysis-groupings.csv", "analysis-findings.csv"};

}  // namespace

void register_export(CLI::App& app, Io& io, int& code) {
  auto* cmd = app.add_subcommand(
      "export",
      "Write a network (JSON file or CSV folder) with its analysis in another format.\n"
      "  --to graphml: GraphML for NetworkX, igraph, Gephi, yEd (one edge per partnership)\n"
      "  --to gexf:    GEXF 1.3 for Gephi\n"
      "  --to geojson: GeoJSON for QGIS (schools as points, links as lines)\n"
      "  --to csv:     a folder of CSV files (schools.csv, partnerships.csv, staff.csv, "
      "groupings.csv, memberships.csv, meta.csv) that `collabnet import csv` reads back; "
      "--with-analysis adds analysis-schools.csv, analysis-groupings.csv and "
      "analysis-findings.csv\n"
      "Staff appear by id, never by name, unless --show-staff-names.\n"
      "Example: collabnet export graphs/northern-alliance.json --to graphml -o na.graphml\n"
      "Example: collabnet export graphs/northern-alliance.json --to csv -o northern-alliance-csv");
  struct Args {
    std::string network, to, output;
    ExportOptions options;
    AnalysisFlags flags;
  };
  auto args = std::make_shared<Args>();
  add_network_argument(*cmd, args->network);
  cmd->add_option("--to", args->to, "output format: graphml, gexf, geojson or csv")
      ->required()
      ->check(CLI::IsMember({"graphml", "gexf", "geojson", "csv"}));
  cmd->add_option("-o,--output", args->output,
                  "file to write, or - for standard output (a folder, new or written by "
                  "export, for --to csv)")
      ->required();
  cmd->add_flag("--show-staff-names", args->options.show_staff_names,
                "write staff names where the format has a place for them (default: staff by "
                "id only)");
  cmd->add_flag("--with-analysis", args->options.with_analysis,
                "--to csv: add the analysis CSV files to the folder");
  cmd->add_flag("--excel", args->options.excel,
                "--to csv: for opening in Excel: start each file with a UTF-8 byte-order mark, "
                "and put an apostrophe before text that starts with =, +, -, @, tab or CR so "
                "that it cannot run as a formula (the plain folder keeps every cell exact, for "
                "import csv)");
  add_analysis_flags(*cmd, args->flags);
  add_sample_flag(*cmd, args->flags);
  cmd->callback([&io, &code, args, cmd] {
    if (args->to != "csv" && (args->options.with_analysis || args->options.excel))
      throw InputError(args->options.excel ? "--excel" : "--with-analysis",
                       "applies to --to csv only (the other formats always carry the analysis)");
    if (args->to == "csv" && args->output == "-")
      throw InputError("--output", "--to csv writes a folder of CSV files, which standard output "
                                   "(-) cannot hold; give a new or empty folder, e.g. -o my-folder");
    Settings settings =
        prepare_analysis(*cmd, args->flags, args->network, args->output, args->to == "csv");
    settings.show_staff_names = args->options.show_staff_names;
    const LoadResult loaded = load_and_warn(args->network, io);
    const Network& net = loaded.network;
    // The plain CSV folder needs no figures, only the analysis date: skip the analysis.
    Analysis analysis;
    if (args->to != "csv" || args->options.with_analysis)
      analysis = analyse(net, settings);
    else
      analysis.settings = settings;
    if (args->to == "csv") {
      write_folder_atomically(args->output, export_csv(net, analysis, args->options),
                              kExportCsvFiles);
    } else if (args->to == "graphml") {
      write_output(args->output, export_graphml(net, analysis, args->options), io);
    } else if (args->to == "gexf") {
      write_output(args->output, export_gexf(net, analysis, args->options), io);
    } else {
      const GeoJsonExport geo = export_geojson(net, analysis, args->options);
      write_output(args->output, geo.text, io);
      if (!geo.unlocated.empty()) {
        std::string list;
        for (std::size_t i = 0; i < geo.unlocated.size() && i < kUnlocatedListed; ++i) {
          const School& s = net.schools[geo.unlocated[i]];
          list += (i ? ", " : "") + s.id + " (" + s.name + ")";
        }
        if (geo.unlocated.size() > kUnlocatedListed)
          list += ", and " + std::to_string(geo.unlocated.size() - kUnlocatedListed) + " more";
        io.err << output::printable(
                      args->network + ": warning: " + std::to_string(geo.unlocated.size()) +
                      (geo.unlocated.size() == 1 ? " school has" : " schools have") +
                      " no coordinates (lat, lon) and " +
                      (geo.unlocated.size() == 1 ? "is" : "are") + " left out of the GeoJSON" +
                      (geo.links_left_out > 0
                           ? ", with " + std::to_string(geo.links_left_out) +
                                 (geo.links_left_out == 1 ? " link" : " links") + " to them"
                           : std::string()) +
                      ": " + list)
               << '\n';
      }
    }
    code = kExitOk;
  });
}

}  // namespace collabnet::cli
