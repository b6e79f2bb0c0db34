#pragma once
// The analysis settings flags shared by the commands that analyse a network before showing it
// (`render`; `analyse` has the same flags and messages and can switch to this helper): --as-of,
// --config, --max-grouping-size, --small-school-roll, --expert-hub-min, --threads.

#include <cstdint>
#include <string>

#include "collabnet/settings.hpp"

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
};

/// Adds the settings flags to `cmd`, storing into `flags` (which must outlive the parse).
void add_analysis_flags(CLI::App& cmd, AnalysisFlags& flags);

/// Settings from the --config file (if any), then the flags given on the command line, which
/// override it. O(size of the config file). Throws InputError located at the flag or the config
/// file's key (an unknown key, a value of the wrong type, a date that is not YYYY-MM-DD).
Settings analysis_settings(const CLI::App& cmd, const AnalysisFlags& flags);

}  // namespace collabnet::cli
