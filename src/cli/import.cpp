// `collabnet import csv FOLDER -o net.json`, `collabnet import scotland FILE.csv -o net.json` and
// `collabnet import gias-groups FILE.csv -o net.json`:
// turn other formats into a collabnet/1 JSON network file, written whole or not at all.
#include <CLI/CLI.hpp>
#include <memory>
#include <ostream>
#include <stdexcept>
#include <string>

#include "collabnet/diagnostic.hpp"
#include "collabnet/load.hpp"
#include "collabnet/network_io.hpp"
#include "collabnet/output_file.hpp"
#include "commands.hpp"
#include "common.hpp"
#include "survey/survey_import.hpp"

namespace collabnet::cli {
namespace {

/// The network as JSON, read back before it is written: nothing we write may be refused by our
/// own loader. A refusal here is a bug in an importer (exit 3), never a file left to fail later.
std::string checked_json(const Network& net, const std::string& output) {
  std::string text = network_to_json(net);
  try {
    (void)load_network_json_text(text, output.empty() ? std::string("-") : output);
  } catch (const InputError& e) {
    throw std::logic_error("the imported network would not load again: " +
                           format_diagnostics(e.diagnostics(), e.error_count()));
  }
  return text;
}

}  // namespace

void register_import(CLI::App& app, Io& io, int& code) {
  auto* cmd = app.add_subcommand(
      "import",
      "Convert a CSV network folder, or a public list of schools, into a collabnet JSON "
      "network file.\n"
      "Example: collabnet import csv my-network/ -o my-network.json");
  cmd->require_subcommand(1);

  struct CsvArgs {
    std::string folder, output;
  };
  auto csv = std::make_shared<CsvArgs>();
  auto* from_csv = cmd->add_subcommand(
      "csv",
      "A folder of CSV files (schools.csv, partnerships.csv; optional staff.csv, groupings.csv, "
      "memberships.csv, meta.csv) → a JSON network file. Exact: export --to csv gives the "
      "folder back.\n"
      "Columns: schools.csv id,name,authority,sector,roll,rural,lat,lon; partnerships.csv "
      "id,from,to,direction,activity,weight,level,staff,grouping,since,until; staff.csv "
      "id,school,role,name; groupings.csv id,name,kind,basis; memberships.csv grouping,school; "
      "meta.csv name,as_of. Headers people write are understood too (\"One-way?\", \"How "
      "often\", \"Start date\"); a column of your own is NAME:text. docs/format.md explains "
      "every column.\n"
      "Example: collabnet import csv graphs/northern-alliance -o northern-alliance.json");
  from_csv->add_option("FOLDER", csv->folder, "folder of CSV files")->required();
  from_csv->add_option("-o,--output", csv->output, "JSON network file to write (- for standard output)")->required();
  add_load_flags(*from_csv);
  from_csv->callback([&io, &code, csv] {
    refuse_empty_output(true, csv->output);  // required: given
    check_output(csv->output, false, {{csv->folder, "the CSV folder being read"}});
    const LoadResult loaded = load_network_csv(csv->folder, {}, load_options());
    print_warnings(loaded, io);
    write_output(csv->output, checked_json(loaded.network, csv->output), io);
    // The summary goes where it cannot mix with the network: after a file, on standard output;
    // after the network on standard output (-o -), on standard error.
    (csv->output == "-" ? io.err : io.out) << wrote_summary(csv->output, loaded.network);
    code = kExitOk;
  });

  struct ScotlandArgs {
    std::string file, output;
    ScotlandImportOptions options;
  };
  auto sc = std::make_shared<ScotlandArgs>();
  auto* scotland = cmd->add_subcommand(
      "scotland",
      "The Scottish Government \"School roll and locations\" CSV → a network of its schools "
      "(no partnerships yet). All-through schools (one row per department) become one school; "
      "rolls of 0 (virtual schools) are kept without a roll, with a warning. The network's name "
      "carries the Open Government Licence attribution.\n"
      "Example: collabnet import scotland school_roll_and_locations_2023.csv -o schools.json "
      "--authority Highland --authority Moray");
  scotland->add_option("FILE", sc->file, "the CSV file as published")->required();
  scotland->add_option("-o,--output", sc->output, "JSON network file to write (- for standard output)")->required();
  scotland->add_option("--name", sc->options.name,
                       "name of the network (the OGL attribution is appended)");
  scotland->add_option("--authority", sc->options.authorities,
                       "keep only this council's schools (LAName, exact); repeatable");
  scotland->callback([&io, &code, sc] {
    refuse_empty_output(true, sc->output);  // required: given
    check_output(sc->output, false, {{sc->file, "the CSV file being read"}});
    const LoadResult loaded = import_scotland_schools(sc->file, sc->options);
    print_warnings(loaded, io);
    write_output(sc->output, checked_json(loaded.network, sc->output), io);
    // The summary goes where it cannot mix with the network: after a file, on standard output;
    // after the network on standard output (-o -), on standard error.
    (sc->output == "-" ? io.err : io.out) << wrote_summary(sc->output, loaded.network);
    code = kExitOk;
  });

  struct SurveyArgs {
    std::string file, reg, output, aliases, matches, layout = "detect";
    survey::ImportOptions options;
  };
  auto sv = std::make_shared<SurveyArgs>();
  auto* from_survey = cmd->add_subcommand(
      "survey",
      "A Microsoft or Google Forms export of a partnership survey (each school names the "
      "schools it works with) → the register network with one partnership per pair of schools "
      "named, who reported it, and who answered. Every typed name is matched to the register "
      "(id, alias, exact name, similar name) or reported as ambiguous or unmatched; the summary "
      "goes to stderr, every answer to --matches.\n"
      "Example: collabnet import survey answers.csv --register schools.json --aliases "
      "aliases.csv --matches matches.csv -o network.json");
  from_survey->add_option("ANSWERS", sv->file, "the CSV file exported from the form")->required();
  from_survey->add_option("--register", sv->reg,
                          "network whose schools the answers name (JSON file or CSV folder, "
                          "e.g. the output of import scotland)")
      ->required();
  from_survey->add_option("-o,--output", sv->output, "JSON network file to write")->required();
  from_survey->add_option("--aliases", sv->aliases,
                          "CSV file typed,id: your own fixes for names typed differently");
  from_survey->add_option("--matches", sv->matches,
                          "write every typed name, its result, id, score and candidates (CSV)");
  from_survey->add_flag("--strict", sv->options.strict,
                        "an ambiguous or unmatched name is an error (nothing written)");
  from_survey->add_flag("--skip-unmatched-respondents", sv->options.skip_unmatched_respondents,
                        "skip (with a warning) rows whose answering school matches no school");
  from_survey->add_option("--layout", sv->layout,
                          "detect (default), one-row (partners in one cell), numbered "
                          "(Partner school 1, 2, …) or one-per-answer")
      ->check(CLI::IsMember({"detect", "one-row", "numbered", "one-per-answer"}));
  from_survey->add_option("--respondent-column", sv->options.respondent_column,
                          "header of the answering school's column (exact)");
  from_survey->add_option("--partner-column", sv->options.partner_column,
                          "header of the partner schools' column (exact)");
  from_survey->add_option("--frequency-column", sv->options.frequency_column,
                          "header of the how-often column (exact)");
  from_survey->add_option("--activity-column", sv->options.activity_column,
                          "header of the activity column (exact)");
  from_survey->add_option("--direction-column", sv->options.direction_column,
                          "header of the who-supports-whom column (exact)");
  from_survey->add_option("--survey-name", sv->options.survey_name,
                          "name of the survey, e.g. \"Partnership survey, June 2026\"");
  from_survey->add_option("--closed", sv->options.closed, "date the survey closed (YYYY-MM-DD)");
  from_survey->callback([&io, &code, sv] {
    std::vector<InputPath> inputs = {{sv->file, "the survey answers being read"},
                                     {sv->reg, "the register being read"}};
    if (!sv->aliases.empty()) inputs.push_back({sv->aliases, "the alias file being read"});
    check_output(sv->output, false, inputs);
    if (!sv->matches.empty()) check_output(sv->matches, false, inputs);
    const LoadResult reg = load_network(sv->reg);
    print_warnings(reg, io);
    sv->options.aliases = sv->aliases;
    sv->options.layout = sv->layout == "one-row"          ? survey::Layout::one_row
                         : sv->layout == "numbered"       ? survey::Layout::numbered
                         : sv->layout == "one-per-answer" ? survey::Layout::one_per_answer
                                                          : survey::Layout::detect;
    const survey::ImportResult result =
        survey::import_survey(sv->file, sv->file, reg.network, sv->options);
    print_warnings(LoadResult{Network{}, result.warnings}, io);
    io.err << result.summary;
    if (!sv->matches.empty())
      write_file_atomically(sv->matches, survey::matches_to_csv(result.matches, reg.network));
    write_file_atomically(sv->output, network_to_json(result.network));
    code = kExitOk;
  });

  struct GiasArgs {
    std::string file, output;
    GiasImportOptions options;
  };
  auto gias = std::make_shared<GiasArgs>();
  auto* from_gias = cmd->add_subcommand(
      "gias-groups",
      "England's Get Information About Schools \"all group links\" CSV → a network of the "
      "open multi-academy trusts (kind trust) and federations (kind federation) and their "
      "schools (no partnerships: GIAS has none). Closed groups and other group types are "
      "skipped. The network's name carries the Open Government Licence attribution.\n"
      "Example: collabnet import gias-groups alllinksdata20220718.csv -o england-trusts.json");
  from_gias->add_option("FILE", gias->file, "the CSV file as downloaded from GIAS")->required();
  from_gias->add_option("-o,--output", gias->output, "JSON network file to write (- for standard output)")->required();
  from_gias->add_option("--name", gias->options.name,
                        "name of the network (the OGL attribution is appended)");
  from_gias->add_flag("--all-establishments", gias->options.all_establishments,
                      "keep every establishment in the file, also those in no imported group");
  from_gias->callback([&io, &code, gias] {
    refuse_empty_output(true, gias->output);  // required: given
    check_output(gias->output, false, {{gias->file, "the CSV file being read"}});
    const LoadResult loaded = import_gias_groups(gias->file, gias->options);
    print_warnings(loaded, io);
    write_output(gias->output, checked_json(loaded.network, gias->output), io);
    // The summary goes where it cannot mix with the network: after a file, on standard output;
    // after the network on standard output (-o -), on standard error.
    (gias->output == "-" ? io.err : io.out) << wrote_summary(gias->output, loaded.network);
    code = kExitOk;
  });

  register_import_tracking(*cmd, io, code);
}

}  // namespace collabnet::cli
