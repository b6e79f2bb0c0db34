// `collabnet analyse NETWORK`: load, analyse, write text/JSON/CSV, run the policy checks.
// Thin: parses flags and settings, calls the library, prints.

#include <CLI/CLI.hpp>
#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <nlohmann/json.hpp>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

#include "collabnet/analysis.hpp"
#include "collabnet/analysis_output.hpp"
#include "collabnet/diagnostic.hpp"
#include "collabnet/load.hpp"
#include "collabnet/output_file.hpp"
#include "commands.hpp"
#include "progress.hpp"

namespace collabnet::cli {
namespace {

struct Options {
  std::string network;
  std::string format = "text";
  std::string output;
  std::string as_of;
  std::string config;
  std::size_t max_grouping_size = 0, expert_hub_min = 0;
  std::int64_t small_school_roll = 0;
  unsigned threads = 0;
  std::vector<std::string> fail_on;
  std::size_t sample = 0;  ///< --sample K: estimate betweenness and closeness from K sources
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

[[noreturn]] void config_error(const std::string& file, const std::string& where,
                               const std::string& message) {
  throw InputError({Diagnostic{Severity::error, file, 0, 0, where, message}});
}

/// Reads a JSON settings file: {"max_grouping_size": 8, "small_school_roll": 100, ...}.
/// Unknown keys are errors so that a misspelt setting is never silently ignored.
void read_config(const std::string& file, Settings& settings) {
  std::ifstream in(file, std::ios::binary);
  if (!in) config_error(file, "", "cannot read the settings file (check the path)");
  std::ostringstream text;
  text << in.rdbuf();
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text.str());
  } catch (const nlohmann::json::parse_error& e) {
    config_error(file, "", std::string("not valid JSON: ") + e.what());
  }
  if (!j.is_object()) config_error(file, "", "must be a JSON object of settings");
  auto whole = [&](const std::string& key, const nlohmann::json& v, std::int64_t min) {
    if (!v.is_number_integer() || v.get<std::int64_t>() < min)
      config_error(file, key, "must be a whole number ≥ " + std::to_string(min) + ", got " +
                                  v.dump());
    return v.get<std::int64_t>();
  };
  for (const auto& [key, value] : j.items()) {
    if (key == "max_grouping_size")
      settings.max_grouping_size = static_cast<std::size_t>(whole(key, value, 1));
    else if (key == "small_school_roll")
      settings.small_school_roll = whole(key, value, 0);
    else if (key == "expert_hub_min")
      settings.expert_hub_min = static_cast<std::size_t>(whole(key, value, 1));
    else if (key == "threads")
      settings.threads = static_cast<unsigned>(std::min<std::int64_t>(whole(key, value, 0), 1024));
    else if (key == "community_seed")
      settings.community_seed = static_cast<std::uint64_t>(whole(key, value, 0));
    else if (key == "as_of") {
      if (!value.is_string() || !is_iso_date(value.get<std::string>()))
        config_error(file, key, "must be a date written YYYY-MM-DD, got " + value.dump());
      settings.as_of = value.get<std::string>();
    } else {
      config_error(file, key,
                   "unknown setting; known settings: max_grouping_size, small_school_roll, "
                   "expert_hub_min, threads, community_seed, as_of");
    }
  }
}

void run_analyse(const Options& o, const CLI::App& cmd, Io& io, int& code) {
  // Rules first: a typo in a scheduled job's rule must fail before any work is done.
  std::vector<Rule> rules;
  for (const std::string& text : o.fail_on) rules.push_back(parse_rule(text));

  Settings settings;
  if (!o.config.empty()) read_config(o.config, settings);
  if (cmd.count("--max-grouping-size")) settings.max_grouping_size = o.max_grouping_size;
  if (cmd.count("--small-school-roll")) settings.small_school_roll = o.small_school_roll;
  if (cmd.count("--expert-hub-min")) settings.expert_hub_min = o.expert_hub_min;
  if (cmd.count("--threads")) settings.threads = o.threads;
  if (cmd.count("--as-of")) {
    if (!is_iso_date(o.as_of))
      throw InputError("--as-of", "\"" + o.as_of +
                                      "\" is not a date written YYYY-MM-DD, e.g. 2026-06-30");
    settings.as_of = o.as_of;
  }
  settings.show_staff_names = o.show_staff_names;

  if (cmd.count("--sample")) settings.sample = o.sample;
  // Progress only on a terminal, or when asked: scripts and tests see clean stderr.
  std::optional<Progress> progress;
  if (o.progress || stderr_is_terminal(io.err)) {
    progress.emplace(io.err, stderr_is_terminal(io.err));
    settings.progress = progress->callback();
  }

  const LoadResult loaded = load_network(o.network);
  for (const auto& w : loaded.warnings) io.err << w.to_string() << '\n';
  const Analysis analysis = analyse(loaded.network, settings);

  if (o.format == "csv") {
    if (o.output.empty()) {
      io.out << analysis_schools_csv(loaded.network, analysis);
    } else {
      write_folder_atomically(
          o.output, {{"schools.csv", analysis_schools_csv(loaded.network, analysis)},
                     {"findings.csv", analysis_findings_csv(loaded.network, analysis)},
                     {"groupings.csv", analysis_groupings_csv(loaded.network, analysis)}});
    }
  } else {
    const std::string doc = o.format == "json" ? analysis_to_json(loaded.network, analysis)
                                               : analysis_to_text(loaded.network, analysis);
    if (o.output.empty())
      io.out << doc;
    else
      write_file_atomically(o.output, doc);
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
      "    (writes results/schools.csv, findings.csv and groupings.csv)\n"
      "  collabnet analyse net.json --fail-on isolated-school --fail-on 'oversize-grouping>2'\n"
      "  collabnet analyse country.json --sample 2000 --progress\n"
      "    (betweenness and closeness estimated from 2000 sources, marked as estimates)");
  cmd->alias("analyze");
  auto o = std::make_shared<Options>();
  cmd->add_option("NETWORK", o->network, "network file (.json) or CSV folder")->required();
  cmd->add_option("--format", o->format, "text (default), json or csv")
      ->check(CLI::IsMember({"text", "json", "csv"}));
  cmd->add_option("-o,--output", o->output,
                  "write to FILE instead of standard output, whole or not at all; with "
                  "--format csv, FILE is a folder that receives schools.csv, findings.csv and "
                  "groupings.csv");
  cmd->add_option("--as-of", o->as_of,
                  "count only partnerships active on DATE (YYYY-MM-DD), in every figure");
  cmd->add_option("--config", o->config,
                  "JSON settings file, e.g. {\"max_grouping_size\": 8, \"small_school_roll\": "
                  "100}; flags override it");
  cmd->add_option("--max-grouping-size", o->max_grouping_size,
                  "groupings larger than this are flagged (default 8: NFER 2007)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 31));
  cmd->add_option("--small-school-roll", o->small_school_roll,
                  "schools with fewer pupils are small (default 100)")
      ->check(CLI::Range(std::int64_t{0}, std::int64_t{1} << 40));
  cmd->add_option("--expert-hub-min", o->expert_hub_min,
                  "giving one-way to this many schools makes an expert hub (default 3)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 31));
  cmd->add_option("--threads", o->threads, "worker threads (default 0: all cores); results "
                                           "never depend on it")
      ->check(CLI::Range(0u, 1024u));
  cmd->add_option("--fail-on", o->fail_on,
                  "RULE: exit 1 when a finding kind fires (kind) or fires more than N times "
                  "(kind>N); repeatable")
      ->expected(1)
      ->take_all();
  cmd->add_flag("--show-staff-names", o->show_staff_names,
                "name the staff member in key-person findings (default: by staff id only)");
  cmd->add_option("--sample", o->sample,
                  "K: estimate betweenness and closeness from K schools taken as sources at "
                  "random (seeded: the same K gives the same figures); every output marks them "
                  "as estimates. For networks too large for exact figures")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 40));
  cmd->add_flag("--progress", o->progress,
                "report stages that take over a second (percent, time left) on stderr even "
                "when it is not a terminal");
  cmd->callback([cmd, o, &io, &code] { run_analyse(*o, *cmd, io, code); });
}

}  // namespace collabnet::cli
