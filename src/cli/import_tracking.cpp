// `collabnet import tracking TEMPLATE.csv --subject ID --subject-kind KIND -o FILE [--into NET]`:
// the Northern Alliance Collaboration Framework's tracking template → ratings (assessments).
#include <CLI/CLI.hpp>
#include <algorithm>
#include <memory>
#include <ostream>

#include "collabnet/load.hpp"
#include "collabnet/network_io.hpp"
#include "collabnet/output_file.hpp"
#include "collabnet/tracking.hpp"
#include "commands.hpp"
#include "common.hpp"
#include "output/format.hpp"

namespace collabnet::cli {

void register_import_tracking(CLI::App& import, Io& io, int& code) {
  struct Args {
    std::string file, output, into;
    TrackingOptions options;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = import.add_subcommand(
      "tracking",
      "The Northern Alliance Collaboration Framework's tracking template, saved as CSV (one row "
      "per indicator as the framework prints it, one column per wave headed by a date or a "
      "month such as \"Sept 21\", which is read as the month's last day; cells \"Level 3\" or "
      "\"3\", blanks allowed) → the ratings of one subject. With --into NETWORK, writes that "
      "network with the ratings added (-o FILE.json); without, writes the ratings as an "
      "assessments.csv file for a CSV network folder (-o FILE.csv).\n"
      "Example: collabnet import tracking tracking-G1.csv --subject G1 --subject-kind grouping "
      "--into network.json -o network-rated.json");
  cmd->add_option("TEMPLATE", args->file, "the filled-in template, saved as CSV")->required();
  cmd->add_option("--subject", args->options.subject,
                  "id of the grouping, school or partnership rated (not for --subject-kind "
                  "network)");
  cmd->add_option("--subject-kind", args->options.subject_kind,
                  "what is rated: grouping, school, partnership or network")
      ->required()
      ->check(CLI::IsMember({"grouping", "school", "partnership", "network"}));
  cmd->add_option("-o,--output", args->output,
                  "file to write: a network (.json) with --into, else assessments (.csv)")
      ->required();
  cmd->add_option("--into", args->into, "network (JSON file or CSV folder) to add the ratings to");
  cmd->callback([&io, &code, args] {
    const TrackingOptions& opt = args->options;
    if (opt.subject_kind != "network" && opt.subject.empty())
      throw InputError("--subject", "is required: the id of the " + opt.subject_kind +
                                        " the template rates");
    if (opt.subject_kind == "network" && !opt.subject.empty())
      throw InputError("--subject", "must be left out with --subject-kind network (the whole "
                                    "network is the subject)");
    const bool network_out = !args->into.empty();
    const std::string want = network_out ? ".json" : ".csv";
    if (!args->output.ends_with(want))
      throw InputError(args->output,
                       network_out ? "with --into, the output is a network: name a .json file"
                                   : "without --into, the output is the ratings as an "
                                     "assessments.csv file: name a .csv file (or give --into "
                                     "NETWORK to write a network with them)");
    std::vector<InputPath> inputs = {{args->file, "the template being read"}};
    if (network_out) inputs.push_back({args->into, "the network being read"});
    check_output(args->output, false, inputs);

    TrackingImport read = import_tracking_template(args->file, opt);
    std::string summary = "Read " + std::to_string(read.assessments.size()) + " rating" +
                          (read.assessments.size() == 1 ? "" : "s") + " of " + opt.subject_kind +
                          (opt.subject.empty() ? "" : " " + opt.subject) + " on " +
                          std::to_string(read.indicators) + " indicator" +
                          (read.indicators == 1 ? "" : "s") + ". Wave columns:\n";
    for (const std::string& w : read.waves) summary += "  " + w + "\n";
    if (network_out) {
      LoadResult loaded = load_and_warn(args->into, io);
      merge_assessments(loaded.network, read.assessments, args->file, args->into);
      const std::string json = network_to_json(loaded.network);
      // The merged network goes through the loader's rules once more before it is written.
      load_network_json_text(json, args->output);
      write_file_atomically(args->output, json);
      summary += "Wrote " + args->output + ": " + args->into + " with these ratings added.\n";
    } else {
      Network ratings;
      ratings.assessments = read.assessments;
      write_file_atomically(args->output, network_to_csv(ratings).at("assessments.csv"));
      summary += "Wrote " + args->output +
                 " (put it in a CSV network folder as assessments.csv, or use --into).\n";
    }
    std::string_view rest = summary;  // ids and headers come from the user's files
    while (!rest.empty()) {
      const auto end = rest.find('\n');
      io.out << output::printable(rest.substr(0, end)) << '\n';
      if (end == std::string_view::npos) break;
      rest.remove_prefix(end + 1);
    }
    code = kExitOk;
  });
}

}  // namespace collabnet::cli
