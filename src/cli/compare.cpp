// `collabnet compare BEFORE AFTER` and `collabnet compare NETWORK --as-of A --vs B`: what changed
// between two waves (change-output.md). Thin: both waves go through analyse() with the same
// settings and the library diffs the two analyses.
#include <CLI/CLI.hpp>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "analysis_options.hpp"
#include "collabnet/analysis.hpp"
#include "collabnet/compare.hpp"
#include "collabnet/diagnostic.hpp"
#include "collabnet/load.hpp"
#include "collabnet/output_file.hpp"
#include "commands.hpp"
#include "common.hpp"
#include "compare_wave.hpp"
#include "load/builder.hpp"

namespace collabnet::cli {

ChangeReport compare_with(const std::string& before_path, const Settings& settings,
                          const Network& after, const Analysis& a_after, Network& before, Io& io) {
  before = load_and_warn(before_path, io).network;
  const Analysis a_before = analyse(before, settings);
  return compare_analyses(before, a_before, after, a_after);
}

namespace {

struct Options {
  std::vector<std::string> networks;
  std::string vs;
  std::string format = "text";
  std::string output;
  AnalysisFlags analysis;
};

void run_compare(const Options& o, const CLI::App& cmd, Io& io, int& code) {
  Settings settings = analysis_settings(cmd, o.analysis);
  const bool dates = cmd.count("--vs") > 0;
  if (dates) {
    if (o.networks.size() != 1)
      throw InputError("--vs", "compares two dates of one network: give one NETWORK with "
                               "--as-of DATE --vs DATE (or two networks and no --vs)");
    if (!settings.as_of)
      throw InputError("--vs", "needs --as-of: the other date, e.g. --as-of 2025-06-30 --vs "
                               "2026-06-30");
    std::string why;
    if (!load::is_iso_date(o.vs, &why))
      throw InputError("--vs", "\"" + o.vs + "\" is not a date written YYYY-MM-DD, e.g. 2026-06-30");
  } else if (o.networks.size() != 2) {
    throw InputError("compare", "give two networks (BEFORE AFTER, e.g. last year's and this "
                                "year's), or one network with --as-of DATE --vs DATE");
  }
  std::vector<InputPath> inputs;
  for (const std::string& n : o.networks) inputs.push_back({n, "a network being read"});
  inputs.push_back({o.analysis.config, "the --config settings file"});
  check_output(o.output, o.format == "csv", inputs);
  if (o.format == "csv" && (o.output.empty() || o.output == "-"))
    throw InputError("--output", "with --format csv, give a folder for the files, e.g. -o "
                                 "changes/");

  Network before, after;
  ChangeReport report;
  if (dates) {
    after = load_and_warn(o.networks[0], io).network;
    // The earlier date is the before wave, whichever flag names it.
    Settings early = settings, late = settings;
    if (o.vs < *settings.as_of)
      early.as_of = o.vs;
    else
      late.as_of = o.vs;
    const Analysis a_before = analyse(after, early);
    const Analysis a_after = analyse(after, late);
    before = after;
    report = compare_analyses(before, a_before, after, a_after);
  } else {
    after = load_and_warn(o.networks[1], io).network;
    const Analysis a_after = analyse(after, settings);
    report = compare_with(o.networks[0], settings, after, a_after, before, io);
  }
  if (o.format == "json")
    write_output(o.output, change_to_json(report), io);
  else if (o.format == "csv")
    write_folder_atomically(o.output, change_to_csv(report));
  else
    write_output(o.output, change_to_text(report, after, before), io);
  code = kExitOk;
}

}  // namespace

void register_compare(CLI::App& app, Io& io, int& code) {
  auto* cmd = app.add_subcommand(
      "compare",
      "What changed between two waves of a network: schools that stopped or started being\n"
      "isolated, groupings that crossed the size limit, links gained and lost, findings new and\n"
      "resolved, collaboration ratings that moved. Both waves are analysed with the same settings.\n"
      "Exit 0 ok, 2 bad input or options.\n"
      "Examples:\n"
      "  collabnet compare last-year.json this-year.json\n"
      "  collabnet compare network.json --as-of 2025-06-30 --vs 2026-06-30 --format json\n"
      "  collabnet compare last-year.json this-year.json --format csv -o changes/");
  auto o = std::make_shared<Options>();
  cmd->add_option("NETWORKS", o->networks,
                  "BEFORE AFTER: two network files (.json) or CSV folders; or one with --vs")
      ->required()
      ->expected(1, 2);
  cmd->add_option("--vs", o->vs,
                  "DATE: compare one network as of --as-of DATE with itself as of this date (the "
                  "earlier date is the before wave)");
  cmd->add_option("--format", o->format, "text (default), json or csv")
      ->check(CLI::IsMember({"text", "json", "csv"}));
  cmd->add_option("-o,--output", o->output,
                  "write to FILE instead of standard output, whole or not at all; with --format "
                  "csv, a folder that receives schools.csv, links.csv, findings.csv, "
                  "groupings.csv and depth.csv");
  add_analysis_flags(*cmd, o->analysis);
  cmd->callback([cmd, o, &io, &code] { run_compare(*o, *cmd, io, code); });
}

}  // namespace collabnet::cli
