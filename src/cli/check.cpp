// `collabnet check NETWORK`: load and validate, then summarise what the file holds.
#include <CLI/CLI.hpp>
#include <memory>
#include <ostream>
#include <set>

#include "collabnet/load.hpp"
#include "collabnet/summary.hpp"
#include "commands.hpp"

namespace collabnet::cli {

void register_check(CLI::App& app, Io& io, int& code) {
  auto* cmd = app.add_subcommand(
      "check",
      "Validate a network (a JSON file or a folder of CSV files) and summarise it.\n"
      "Every problem is reported with its file and place; exit 0 valid, 2 invalid.\n"
      "Example: collabnet check graphs/northern-alliance.json");
  auto path = std::make_shared<std::string>();
  cmd->add_option("NETWORK", *path, "network file (.json) or CSV folder")->required();
  cmd->callback([&io, &code, path] {
    const LoadResult loaded = load_network(*path);
    for (const auto& w : loaded.warnings) io.err << w.to_string() << '\n';
    io.out << describe_network(loaded.network, *path, loaded.warnings.size());
    code = kExitOk;
  });
}

}  // namespace collabnet::cli
