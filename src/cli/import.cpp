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
      "Example: collabnet import csv graphs/northern-alliance -o northern-alliance.json");
  from_csv->add_option("FOLDER", csv->folder, "folder of CSV files")->required();
  from_csv->add_option("-o,--output", csv->output, "JSON network file to write (- for standard output)")->required();
  from_csv->callback([&io, &code, csv] {
    refuse_empty_output(true, csv->output);  // required: given
    check_output(csv->output, false, {{csv->folder, "the CSV folder being read"}});
    const LoadResult loaded = load_network_csv(csv->folder);
    print_warnings(loaded, io);
    write_output(csv->output, checked_json(loaded.network, csv->output), io);
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
    code = kExitOk;
  });
}

}  // namespace collabnet::cli
