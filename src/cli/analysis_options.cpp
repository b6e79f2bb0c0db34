// The analysis settings flags (see analysis_options.hpp). Messages match `analyse`'s, so a user
// gets the same answer from either command.

#include "analysis_options.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "collabnet/diagnostic.hpp"

namespace collabnet::cli {
namespace {

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

}  // namespace

void add_analysis_flags(CLI::App& cmd, AnalysisFlags& flags) {
  cmd.add_option("--as-of", flags.as_of,
                 "count only partnerships active on DATE (YYYY-MM-DD), in every figure");
  cmd.add_option("--config", flags.config,
                 "JSON settings file, e.g. {\"max_grouping_size\": 8, \"small_school_roll\": "
                 "100}; flags override it");
  cmd.add_option("--max-grouping-size", flags.max_grouping_size,
                 "groupings larger than this are flagged (default 8: NFER 2007)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 31));
  cmd.add_option("--small-school-roll", flags.small_school_roll,
                 "schools with fewer pupils are small (default 100)")
      ->check(CLI::Range(std::int64_t{0}, std::int64_t{1} << 40));
  cmd.add_option("--expert-hub-min", flags.expert_hub_min,
                 "giving one-way to this many schools makes an expert hub (default 3)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 31));
  cmd.add_option("--threads", flags.threads,
                 "worker threads (default 0: all cores); results never depend on it")
      ->check(CLI::Range(0u, 1024u));
}

Settings analysis_settings(const CLI::App& cmd, const AnalysisFlags& flags) {
  Settings settings;
  if (!flags.config.empty()) read_config(flags.config, settings);
  if (cmd.count("--max-grouping-size")) settings.max_grouping_size = flags.max_grouping_size;
  if (cmd.count("--small-school-roll")) settings.small_school_roll = flags.small_school_roll;
  if (cmd.count("--expert-hub-min")) settings.expert_hub_min = flags.expert_hub_min;
  if (cmd.count("--threads")) settings.threads = flags.threads;
  if (cmd.count("--as-of")) {
    if (!is_iso_date(flags.as_of))
      throw InputError("--as-of", "\"" + flags.as_of +
                                      "\" is not a date written YYYY-MM-DD, e.g. 2026-06-30");
    settings.as_of = flags.as_of;
  }
  return settings;
}

}  // namespace collabnet::cli
