// `collabnet template -o FOLDER [--schools REGISTER]`: a new CSV network folder to fill in, with
// every file's header, one example row each and a README.md of the columns. With --schools, the
// register (a network from `import scotland`, `import gias-groups` or a schools.csv folder) gives
// schools.csv, and the examples name its first schools.
#include <CLI/CLI.hpp>
#include <filesystem>
#include <map>
#include <memory>
#include <ostream>

#include "collabnet/diagnostic.hpp"
#include "collabnet/load.hpp"
#include "collabnet/network_io.hpp"
#include "collabnet/output_file.hpp"
#include "commands.hpp"
#include "common.hpp"
#include "output/format.hpp"

namespace collabnet::cli {
namespace {

/// One CSV cell, quoted when it needs it (RFC 4180).
std::string cell(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + '"';
}

const char* const kReadme = R"md(# Your school network, to fill in

Each file is a sheet: open it in Excel (or any spreadsheet), fill one row per record, and save it
as "CSV UTF-8 (Comma delimited)". The **second line of each file is an example**: overwrite it or
delete it (collabnet warns about any record whose id still starts with `example-`).
Then run, from the folder above this one:

    collabnet check FOLDER       # every problem at once, with the file, row and fix
    collabnet analyse FOLDER     # the findings in plain words
    collabnet report FOLDER -o report.html

The full description is docs/format.md in collabnet's repository. Headers are matched whatever
their case and spacing, and common headers people write are understood ("One-way?" for
direction, "How often" for weight, "Start date" for since, "Seed code" for id …). A column
collabnet does not know is an error (so that nothing is lost silently): name it `NAME:text` to
keep it as your own note, or run with `--keep-unknown-columns`. Dates are written YYYY-MM-DD;
`--date-format DD/MM/YYYY` reads them as Excel shows them in the UK. A school may be named by
its id or by its exact name when no other school has that name. Empty rows are skipped.

## schools.csv (required): one row per school
| column | what to put |
|---|---|
| id | your code for the school (SEED code, URN): unique |
| name | the school's name |
| authority | the council |
| sector | nursery, primary, secondary, special, all-through or other |
| roll | pupils on roll (schools under 100 count as small) |
| rural | yes or no |
| lat, lon | where it is, in degrees (both or neither) |

## partnerships.csv (required): one row per partnership between two schools
| column | what to put |
|---|---|
| id | your reference (optional) |
| from, to | the two schools (id or unique name) |
| direction | mutual (the default), or one-way when `from` supports `to` and nothing comes back |
| activity | what they do together: transition, sharing-practice, sharing-facilities, sharing-pupils, joint-cpd, moderation, leadership, other, or words of your own |
| weight | how often, e.g. joint activities per term (default 1) |
| level | collaboration level 1 (none) to 5 (advanced) |
| staff | the staff ids who carry it, separated by `;` |
| grouping | the grouping it belongs to (an id from groupings.csv) |
| since, until | when it started and ended (an ended partnership drops out of the picture after that date) |

## staff.csv (optional): one row per member of staff
| column | what to put |
|---|---|
| id | a code such as T001, never a name or e-mail address |
| school | their school (id or unique name) |
| role | headteacher, depute, teacher, support or other |
| name | personal data: never shown unless you ask (--show-staff-names) |

## groupings.csv (optional): one row per grouping (cluster, ASG, federation, trust …)
| column | what to put |
|---|---|
| id | your code for the grouping |
| name | its name |
| kind | cluster, federation, collegiate, trust, network, consortium, twinning or other |
| basis | why it was formed: expertise, cultural, geographic, commonality or innovation |

## memberships.csv (optional): one row per school in a grouping
| column | what to put |
|---|---|
| grouping | the grouping's id |
| school | the school (id or unique name) |

## meta.csv (optional): one row
| column | what to put |
|---|---|
| name | the title of every report and diagram |
| as_of | the date your data describes: partnerships that ended before it are left out |
)md";

}  // namespace

void register_template(CLI::App& app, Io& io, int& code) {
  auto* cmd = app.add_subcommand(
      "template",
      "Write a new CSV network folder to fill in: schools.csv, partnerships.csv, staff.csv,\n"
      "groupings.csv, memberships.csv and meta.csv, each with its header and one example row,\n"
      "and a README.md of the columns (docs/format.md has the whole format).\n"
      "Example:\n"
      "  collabnet import scotland roll-and-locations.csv --authority Highland -o schools.json\n"
      "  collabnet template --schools schools.json -o my-network/");
  struct Args {
    std::string output, schools;
  };
  auto args = std::make_shared<Args>();
  cmd->add_option("-o,--output", args->output, "the folder to create (must not exist yet)")
      ->required();
  cmd->add_option("--schools", args->schools,
                  "your register of schools (a network file or CSV folder, e.g. from import "
                  "scotland): becomes schools.csv, and the examples name its schools");
  cmd->callback([&io, &code, args] {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (fs::exists(args->output, ec) &&
        !(fs::is_directory(args->output, ec) && fs::is_empty(args->output, ec)))
      throw InputError("--output", "\"" + args->output +
                                       "\" already exists; template writes a new folder (a "
                                       "filled-in one would be lost): give a new name");
    check_output(args->output, true, {{args->schools, "the register of schools being read"}});
    std::map<std::string, std::string> files;
    std::string a = "5100001", b = "5100002";
    std::string name = "My council's school partnerships";
    if (!args->schools.empty()) {
      LoadResult reg = load_network(args->schools, {}, load_options());
      print_warnings(reg, io);
      if (reg.network.schools.size() < 2)
        throw InputError(args->schools, "the register has fewer than 2 schools; give the list "
                                        "of your schools (e.g. from import scotland)");
      a = reg.network.schools[0].id;
      b = reg.network.schools[1].id;
      if (!reg.network.name.empty()) name = reg.network.name;
      reg.network.partnerships.clear();
      reg.network.groupings.clear();
      reg.network.staff.clear();
      files["schools.csv"] = network_to_csv(reg.network).at("schools.csv");
    } else {
      files["schools.csv"] =
          "id,name,authority,sector,roll,rural,lat,lon\n" + a +
          ",Example Primary School,My Council,primary,45,yes,57.6,-4.4\n" + b +
          ",Example Academy,My Council,secondary,620,no,57.59,-4.43\n";
    }
    files["partnerships.csv"] =
        "id,from,to,direction,activity,weight,level,staff,grouping,since,until\n"
        "example-1," + cell(a) + "," + cell(b) +
        ",mutual,transition,2,3,example-T001,example-cluster,2025-08-18,\n";
    files["staff.csv"] = "id,school,role,name\nexample-T001," + cell(a) + ",headteacher,\n";
    files["groupings.csv"] = "id,name,kind,basis\nexample-cluster,Example cluster,cluster,geographic\n";
    files["memberships.csv"] =
        "grouping,school\nexample-cluster," + cell(a) + "\nexample-cluster," + cell(b) + "\n";
    files["meta.csv"] = "name,as_of\n" + cell(name) + ",\n";
    files["README.md"] = kReadme;
    write_folder_atomically(args->output, files);
    io.out << "wrote " << output::printable(args->output)
           << ": schools.csv, partnerships.csv, staff.csv, groupings.csv, memberships.csv, "
              "meta.csv (headers and one example row each) and README.md (the columns)\n";
    code = kExitOk;
  });
}

}  // namespace collabnet::cli
