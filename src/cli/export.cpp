// `collabnet export NETWORK --to csv -o FOLDER`: write a network in another format, whole or
// not at all. Later formats (graphml, gexf, geojson) join the --to choice.
#include <CLI/CLI.hpp>
#include <memory>
#include <ostream>

#include "collabnet/load.hpp"
#include "collabnet/network_io.hpp"
#include "collabnet/output_file.hpp"
#include "commands.hpp"

namespace collabnet::cli {

void register_export(CLI::App& app, Io& io, int& code) {
  auto* cmd = app.add_subcommand(
      "export",
      "Write a network (JSON file or CSV folder) in another format.\n"
      "  --to csv: a folder of CSV files (schools.csv, partnerships.csv, staff.csv, "
      "groupings.csv, memberships.csv, meta.csv) that `collabnet import csv` reads back "
      "exactly.\n"
      "Example: collabnet export graphs/northern-alliance.json --to csv -o northern-alliance-csv");
  struct Args {
    std::string network, to, output;
  };
  auto args = std::make_shared<Args>();
  cmd->add_option("NETWORK", args->network, "network file (.json) or CSV folder")->required();
  cmd->add_option("--to", args->to, "output format")
      ->required()
      ->check(CLI::IsMember({"csv"}));
  cmd->add_option("-o,--output", args->output, "folder to write (new, or written by export)")
      ->required();
  cmd->callback([&io, &code, args] {
    const LoadResult loaded = load_network(args->network);
    for (const auto& w : loaded.warnings) io.err << w.to_string() << '\n';
    // Only "csv" passes the --to check for now.
    write_folder_atomically(args->output, network_to_csv(loaded.network));
    code = kExitOk;
  });
}

}  // namespace collabnet::cli
