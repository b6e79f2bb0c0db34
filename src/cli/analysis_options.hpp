#pragma once
// The analysis settings flags shared by the commands that analyse a network before showing it
// (analyse, render, report, export): --as-of, --config, --max-grouping-size,
// --small-school-roll, --expert-hub-min, --threads, --ties; and --sample (or --sample-error with
// --confidence) for the commands that show betweenness and closeness (analyse, report, export).

#include <cstdint>
#include <string>

#include "collabnet/settings.hpp"

namespace collabnet {
struct SuggestRequest;  // collabnet/suggest.hpp
}

namespace CLI {
class App;
}

namespace collabnet::cli {

/// The raw flag values; which were given is read back from the CLI11 command.
struct AnalysisFlags {
  std::string as_of;
  std::string config;
  std::size_t max_grouping_size = 0, expert_hub_min = 0;
  std::int64_t small_school_roll = 0;
  unsigned threads = 0;
  std::size_t sample = 0;  ///< --sample K: estimate betweenness and closeness from K sources
  double sample_error = 0;  ///< --sample-error EPS: as many sources as that error needs
  double confidence = 0;    ///< --confidence P: the probability of --sample-error's bound
  std::string ties = "all";  ///< --ties all|confirmed (survey networks)
};

/// Adds the settings flags to `cmd`, storing into `flags` (which must outlive the parse).
void add_analysis_flags(CLI::App& cmd, AnalysisFlags& flags);

/// Adds --sample, --sample-error and --confidence to `cmd` (analyse, report and export, which
/// show betweenness and closeness).
void add_sample_flag(CLI::App& cmd, AnalysisFlags& flags);

/// Settings from the --config file (if any), then the flags given on the command line, which
/// override it. O(size of the config file). Throws InputError located at the flag or the config
/// file's line and column (not JSON) or key (an unknown or repeated key, a value of the wrong
/// type or out of range, a date that is not YYYY-MM-DD or does not exist), with every error in
/// the file.
Settings analysis_settings(const CLI::App& cmd, const AnalysisFlags& flags);

/// The partner-suggestion settings of the --config file (max_km, per_school, any_sector; the
/// other keys are analysis_settings'), defaults where absent; `suggest` applies its own flags
/// on top. Throws as analysis_settings.
SuggestRequest suggest_settings(const CLI::App& cmd, const AnalysisFlags& flags);

/// The first steps of every command that analyses a network and writes the result, before any
/// work: analysis_settings, then the -o/--output checked against the inputs (the network and the
/// --config file; see check_output). `folder_output`: the output is a folder of CSV files.
Settings prepare_analysis(const CLI::App& cmd, const AnalysisFlags& flags,
                          const std::string& network, const std::string& output,
                          bool folder_output);

}  // namespace collabnet::cli
