// `collabnet suggest NETWORK`: feasible new partners for the schools at risk of isolation, and a
// network plan (suggestions-output.md). Thin: parses flags, calls the library, prints.

#include <CLI/CLI.hpp>
#include <map>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "analysis_options.hpp"
#include "collabnet/analysis.hpp"
#include "collabnet/diagnostic.hpp"
#include "collabnet/load.hpp"
#include "collabnet/network_io.hpp"
#include "collabnet/output_file.hpp"
#include "collabnet/suggest.hpp"
#include "commands.hpp"
#include "common.hpp"

namespace collabnet::cli {
namespace {

/// Largest --max-km: half the Earth's circumference; every pair of places is nearer.
constexpr double kMaxKm = 20038;

struct Options {
  std::string network;
  std::string format = "text";
  std::string output;
  std::string write_network;
  std::vector<std::string> for_ids;
  double max_km = 0;
  std::size_t per_school = 0;
  std::size_t plan = 0;
  bool any_sector = false;
  AnalysisFlags analysis;
};

void run_suggest(const Options& o, const CLI::App& cmd, Io& io, int& code) {
  const bool csv = o.format == "csv";
  if (csv && (o.output.empty() || o.output == "-"))
    throw InputError("--output", "--format csv writes a folder of tables: give it with -o DIR");
  Settings settings = prepare_analysis(cmd, o.analysis, o.network, o.output, csv);
  if (!o.write_network.empty())
    check_output(o.write_network, false,
                 {{o.network, "the network being read"},
                  {o.analysis.config, "the --config settings file"},
                  {o.output, "the -o output"}});
  SuggestRequest request = suggest_settings(cmd, o.analysis);
  if (cmd.count("--max-km")) request.max_km = o.max_km;
  if (cmd.count("--per-school")) request.per_school = o.per_school;
  if (o.any_sector) request.any_sector = true;
  const LoadResult loaded = load_and_warn(o.network, io);
  // Dated by default (analysis-output.md): the file's own as_of when --as-of is not given.
  if (!settings.as_of && loaded.network.as_of) settings.as_of = loaded.network.as_of;
  const Analysis analysis = analyse(loaded.network, settings);
  request.for_ids = o.for_ids;
  request.plan = o.plan;
  const Suggestions s = suggest_partners(loaded.network, analysis, settings, request);

  if (csv) {
    std::map<std::string, std::string> files{
        {"suggestions.csv", suggestions_csv(loaded.network, s)}};
    if (s.plan_requested) files.emplace("plan.csv", suggestions_plan_csv(loaded.network, s));
    write_folder_atomically(o.output, files);
  } else {
    write_output(o.output, o.format == "json" ? suggestions_to_json(loaded.network, s)
                                              : suggestions_to_text(loaded.network, s),
                 io);
  }
  if (!o.write_network.empty())
    write_file_atomically(o.write_network,
                          network_to_json(with_proposed_links(loaded.network, s, o.plan > 0)));
  code = kExitOk;
}

}  // namespace

void register_suggest(CLI::App& app, Io& io, int& code) {
  auto* cmd = app.add_subcommand(
      "suggest",
      "Suggest feasible new partners for the schools at risk of isolation (no partner, one\n"
      "partner, or hanging on one school), small rural schools first: near enough, a fitting\n"
      "sector, not partners already; each with its distance, the rise in the school's\n"
      "closeness, and whether it ends a dependence on a single school or link.\n"
      "--plan K adds a network plan: at most K new links, chosen one at a time, that leave as\n"
      "few schools as possible at risk, with the fewest links any plan could need.\n"
      "Exit 0 ok, 2 bad input or options.\n"
      "Examples:\n"
      "  collabnet suggest graphs/northern-alliance.json\n"
      "  collabnet suggest net.json --for 5256429 --max-km 40 --any-sector\n"
      "  collabnet suggest net.json --plan 20 --write-network planned.json --format json");
  auto o = std::make_shared<Options>();
  add_network_argument(*cmd, o->network);
  cmd->add_option("--for", o->for_ids,
                  "suggest for this school id (repeatable); default: every school at risk");
  cmd->add_option("--per-school", o->per_school, "suggestions per school (default 3)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1000}));
  cmd->add_option("--max-km", o->max_km,
                  "feasible partners lie within this great-circle distance (default 25)")
      ->check(CLI::Range(0.0, kMaxKm));
  cmd->add_flag("--any-sector", o->any_sector,
                "drop the sector rule (default: same sector, or either school all-through)");
  cmd->add_option("--plan", o->plan, "add a network plan of at most K new links")
      ->check(CLI::Range(std::size_t{1}, std::size_t{100000}));
  cmd->add_option("--write-network", o->write_network,
                  "write the network with the suggested links (with --plan: the plan's links) "
                  "added as partnerships marked \"proposed\": true");
  cmd->add_option("--format", o->format, "text (default), json or csv")
      ->check(CLI::IsMember({"text", "json", "csv"}));
  cmd->add_option("-o,--output", o->output,
                  "write to FILE (whole or not at all); a folder for csv; default: standard output");
  add_analysis_flags(*cmd, o->analysis);
  cmd->callback([cmd, o, &io, &code] { run_suggest(*o, *cmd, io, code); });
}

}  // namespace collabnet::cli
