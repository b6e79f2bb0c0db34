// `collabnet analyse NETWORK`: load, analyse, write text/JSON/CSV, run the policy checks.
// Thin: parses flags and settings, calls the library, prints.

#include <CLI/CLI.hpp>
#include <map>
#include <algorithm>
#include <charconv>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "analysis_options.hpp"
#include "collabnet/analysis.hpp"
#include "collabnet/analysis_output.hpp"
#include "collabnet/diagnostic.hpp"
#include "collabnet/load.hpp"
#include "collabnet/output_file.hpp"
#include "commands.hpp"
#include "common.hpp"
#include "progress.hpp"

namespace collabnet::cli {
namespace {

struct Options {
  std::string network;
  std::string format = "text";
  std::string output;
  AnalysisFlags analysis;
  std::vector<std::string> fail_on;
  bool progress = false;   ///< --progress: report long stages on stderr even off a terminal
  bool show_staff_names = false;  ///< off: publish mode, staff by id only
};

/// A --fail-on rule: fires when there are more than `limit` findings of `kind`.
struct Rule {
  std::string text, kind;
  std::size_t limit = 0;
};

std::string known_kinds() {
  std::string s;
  for (std::string_view k : kFindingKinds) s += (s.empty() ? "" : ", ") + std::string(k);
  return s;
}

Rule parse_rule(const std::string& text) {
  Rule rule{text, text, 0};
  if (const auto gt = text.find('>'); gt != std::string::npos) {
    rule.kind = text.substr(0, gt);
    const std::string n = text.substr(gt + 1);
    const auto [ptr, ec] = std::from_chars(n.data(), n.data() + n.size(), rule.limit);
    if (n.empty() || ec != std::errc() || ptr != n.data() + n.size())
      throw InputError("--fail-on", "\"" + text + "\": the limit after '>' must be a whole "
                                    "number, as in oversize-grouping>2");
  }
  if (finding_kind_rank(rule.kind) < 0)
    throw InputError("--fail-on", "\"" + text + "\": unknown finding kind \"" + rule.kind +
                                      "\"; known kinds: " + known_kinds());
  return rule;
}

void run_analyse(const Options& o, const CLI::App& cmd, Io& io, int& code) {
  // Rules first: a typo in a scheduled job's rule must fail before any work is done.
  std::vector<Rule> rules;
  for (const std::string& text : o.fail_on) rules.push_back(parse_rule(text));

  Settings settings = prepare_analysis(cmd, o.analysis, o.network, o.output, o.format == "csv");
  settings.show_staff_names = o.show_staff_names;

  // Progress only on a terminal, or when asked: scripts and tests see clean stderr.
  std::optional<Progress> progress;
  if (o.progress || stderr_is_terminal(io.err)) {
    progress.emplace(io.err, stderr_is_terminal(io.err));
    settings.progress = progress->callback();
  }

  // Loading reports too ("loading: 45%"), through the same progress line.
  // The loader ends with 1 also when it fails: "done" is said only after a load that worked.
  LoadProgress on_load;
  if (progress)
    on_load = [&progress](double done) {
      if (done < 1.0) progress->update("loading", done);
    };
  const LoadResult loaded = [&] {
    try {
      return load_network(o.network, on_load, load_options());
    } catch (...) {
      if (progress) progress->abandon();
      throw;
    }
  }();
  if (progress) progress->update("loading", 1.0);
  print_warnings(loaded, io);
  const Analysis analysis = analyse(loaded.network, settings);

  if (o.format == "csv") {
    if (o.output.empty() || o.output == "-") {
      write_output("", analysis_schools_csv(loaded.network, analysis), io);
    } else {
      std::map<std::string, std::string> files = {
          {"schools.csv", analysis_schools_csv(loaded.network, analysis)},
          {"findings.csv", analysis_findings_csv(loaded.network, analysis)},
          {"groupings.csv", analysis_groupings_csv(loaded.network, analysis)}};
      // Framework ratings, when the network has them (analysis-output.md, "Depth figures").
      if (analysis.depth.assessed)
        files.emplace("depth.csv", analysis_depth_csv(loaded.network, analysis));
      write_folder_atomically(o.output, files);
    }
  } else {
    const std::string doc = o.format == "json" ? analysis_to_json(loaded.network, analysis)
                                               : analysis_to_text(loaded.network, analysis);
    write_output(o.output, doc, io);
  }

  code = kExitOk;
  for (const Rule& rule : rules) {
    const auto count = static_cast<std::size_t>(
        std::count_if(analysis.findings.begin(), analysis.findings.end(),
                      [&](const Finding& f) { return f.kind == rule.kind; }));
    if (count > rule.limit) {
      io.err << "collabnet: policy check failed: --fail-on " << rule.text << " fired ("
             << count << " " << rule.kind << (count == 1 ? " finding" : " findings") << ")\n";
      code = kExitCheckFailed;
    }
  }
}

}  // namespace

void register_analyse(CLI::App& app, Io& io, int& code) {
  auto* cmd = app.add_subcommand(
      "analyse",
      "Analyse a network: isolated schools, groupings over 8 schools, schools and links the\n"
      "network hangs on, one-way \"expert\" links, and per-school figures.\n"
      "Exit 0 ok, 1 a --fail-on rule fired, 2 bad input or options.\n"
      "Examples:\n"
      "  collabnet analyse graphs/tiny.json\n"
      "  collabnet analyse graphs/tiny.json --format json -o analysis.json --as-of 2026-06-30\n"
      "  collabnet analyse graphs/tiny.json --format csv -o results/\n"
      "    (writes results/schools.csv: id, name, authority, sector, roll, partners,\n"
      "    partnerships, strength, betweenness, closeness, pagerank, component, cut_school,\n"
      "    gives, receives, gives_to, working_cluster, small, rural, isolation_rank, staff\n"
      "    figures, as_of; findings.csv: kind, subject, subject_2, message, as_of;\n"
      "    groupings.csv: id, name, size, oversize, …, as_of)\n"
      "Without --as-of a network with its own as_of is analysed as of that date (--as-of all:\n"
      "every record). The input format: docs/format.md; the JSON output:\n"
      "docs/contract/analysis-output.md.\n"
      "  collabnet analyse net.json --fail-on isolated-school --fail-on 'oversize-grouping>2'\n"
      "  collabnet analyse country.json --sample 2000 --progress\n"
      "    (betweenness and closeness estimated from 2000 sources, marked as estimates)\n"
      "  collabnet analyse country.json --sample-error 0.05 --confidence 0.95\n"
      "    (as many sources as keep every school within 0.05 with probability 0.95;\n"
      "    docs/sampling.md)");
  cmd->alias("analyze");
  auto o = std::make_shared<Options>();
  add_network_argument(*cmd, o->network);
  cmd->add_option("--format", o->format, "text (default), json or csv")
      ->check(CLI::IsMember({"text", "json", "csv"}));
  cmd->add_option("-o,--output", o->output,
                  "write to FILE instead of standard output, whole or not at all; with "
                  "--format csv, FILE is a folder that receives schools.csv, findings.csv and "
                  "groupings.csv");
  add_analysis_flags(*cmd, o->analysis);
  cmd->add_option("--fail-on", o->fail_on,
                  "RULE: exit 1 when a finding kind fires (kind) or fires more than N times "
                  "(kind>N); repeatable")
      ->expected(1)
      ->take_all();
  cmd->add_flag("--show-staff-names", o->show_staff_names,
                "name the staff member in key-person findings (default: by staff id only)");
  add_sample_flag(*cmd, o->analysis);
  cmd->add_flag("--progress", o->progress,
                "report stages that take over a second (percent, time left) on stderr even "
                "when it is not a terminal");
  cmd->callback([cmd, o, &io, &code] { run_analyse(*o, *cmd, io, code); });
}

}  // namespace collabnet::cli
