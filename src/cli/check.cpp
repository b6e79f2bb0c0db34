// `collabnet check NETWORK`: load and validate, then summarise what the file holds.
#include <CLI/CLI.hpp>
#include <memory>
#include <ostream>
#include <set>

#include "collabnet/load.hpp"
#include "collabnet/summary.hpp"
#include "commands.hpp"
#include "common.hpp"
#include "output/format.hpp"

namespace collabnet::cli {

void register_check(CLI::App& app, Io& io, int& code) {
  auto* cmd = app.add_subcommand(
      "check",
      "Validate a network (a JSON file or a folder of CSV files) and summarise it.\n"
      "Every problem is reported with its file and place; exit 0 valid, 2 invalid.\n"
      "A CSV folder holds schools.csv (id,name,authority,sector,roll,rural,lat,lon),\n"
      "partnerships.csv (id,from,to,direction,activity,weight,level,staff,grouping,since,until)\n"
      "and optionally staff.csv (id,school,role,name), groupings.csv (id,name,kind,basis),\n"
      "memberships.csv (grouping,school) and meta.csv (name,as_of); the headers people write\n"
      "are understood too. docs/format.md explains every column; collabnet template writes\n"
      "an empty folder.\n"
      "Examples:\n"
      "  collabnet check graphs/northern-alliance.json\n"
      "  collabnet check my-network/ --date-format DD/MM/YYYY");
  auto path = std::make_shared<std::string>();
  add_network_argument(*cmd, *path);
  cmd->callback([&io, &code, path] {
    LoadResult loaded = load_and_warn(*path, io);
    // The summary quotes the network's name: escaped, so that it cannot drive the terminal.
    loaded.network.name = output::printable(loaded.network.name);
    write_output("", describe_network(loaded.network, output::printable(*path),
                                      loaded.warnings.size()),
                 io);
    code = kExitOk;
  });
}

}  // namespace collabnet::cli
