// The analysis settings flags (see analysis_options.hpp), shared by analyse, render, report and
// export, so that a user gets the same answer from every command.

#include "analysis_options.hpp"

#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <limits>
#include <optional>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <system_error>
#include <vector>

#include "collabnet/diagnostic.hpp"
#include "collabnet/suggest.hpp"
#include "common.hpp"
#include "load/builder.hpp"
#include "load/input_file.hpp"
#include "output/format.hpp"

namespace collabnet::cli {
namespace {

constexpr std::uint64_t kMaxGroupingSize = std::uint64_t{1} << 31;
constexpr std::uint64_t kMaxSmallSchoolRoll = std::uint64_t{1} << 40;
constexpr std::uint64_t kMaxExpertHubMin = std::uint64_t{1} << 31;
constexpr std::uint64_t kMaxThreads = 1024;
constexpr std::uint64_t kMaxSample = std::uint64_t{1} << 40;
constexpr std::size_t kMaxConfigBytes = std::size_t{1} << 20;

/// The settings file as text. Throws InputError naming the file and the cause when it cannot
/// be read.
std::string read_text(const std::string& file) {
  std::error_code ec;
  if (!std::filesystem::exists(file, ec))
    throw InputError(file, "cannot read the settings file: it does not exist; check the path "
                           "given to --config");
  if (std::filesystem::is_directory(file, ec))
    throw InputError(file, "cannot read the settings file: it is a folder; give --config the "
                           "settings file itself, e.g. --config settings.json");
  // A settings file is a few lines: 1 MiB is plenty, and /dev/zero is refused at once.
  return load::read_input(file, file,
                          "give --config the settings file itself, e.g. --config settings.json",
                          kMaxConfigBytes, kMaxConfigBytes);
}

/// "[json.exception.parse_error.101] parse error at line 3, column 14: syntax error …" →
/// a diagnostic at 3:14 with nlohmann's explanation.
Diagnostic syntax_error(const std::string& file, const nlohmann::json::parse_error& e) {
  std::string what = e.what();
  std::size_t line = 0, column = 0;
  if (const auto at = what.find("at line "); at != std::string::npos) {
    std::sscanf(what.c_str() + at, "at line %zu, column %zu", &line, &column);
    if (const auto colon = what.find(": ", at); colon != std::string::npos)
      what = what.substr(colon + 2);
  } else if (const auto bracket = what.find("] "); bracket != std::string::npos) {
    what = what.substr(bracket + 2);
  }
  return {Severity::error, file, line, column, "", what};
}

/// A value as the user wrote it, shortened for a message: objects and arrays by their type (a
/// deeply nested one must not be printed back, nor a megabyte-long string).
std::string shown(const nlohmann::json& v) {
  if (v.is_object()) return "an object";
  if (v.is_array()) return "an array";
  std::string s = v.dump();
  if (s.size() > 80) s = s.substr(0, 60) + "… (" + std::to_string(s.size()) + " characters)";
  return s;
}

/// Deeper nesting than any settings file needs: refused before it is built.
constexpr int kMaxConfigNesting = 16;
struct TooDeep {};

/// 0 < v < 1 (false for NaN): --sample-error's and --confidence's range.
bool in_open_unit(double v) { return v > 0 && v < 1; }

/// Reads a JSON settings file: {"max_grouping_size": 8, "small_school_roll": 100, ...}.
/// Unknown keys, repeated keys and values out of range are errors, all of them reported, so
/// that a misspelt or repeated setting is never silently ignored.
/// `lone_confidence`, when not null, is set when the file has `confidence` but no `sample_error`
/// (an error unless --sample-error gives it).
void read_config(const std::string& file, Settings& settings, SuggestRequest* suggest = nullptr,
                 bool* lone_confidence = nullptr) {
  SuggestRequest ignored;
  SuggestRequest& request = suggest ? *suggest : ignored;
  const std::string text = read_text(file);
  if (text.find_first_not_of(" \t\r\n") == std::string::npos)
    throw InputError(file, "the settings file is empty; write a JSON object of settings, e.g. "
                           "{\"max_grouping_size\": 8, \"small_school_roll\": 100}");
  std::vector<Diagnostic> errors;
  auto error = [&](const std::string& where, const std::string& message) {
    errors.push_back({Severity::error, file, 0, 0, where, message});
  };
  // Keys seen in each open object: a repeated key would otherwise silently keep the last value.
  std::vector<std::set<std::string>> open;
  const auto callback = [&](int depth, nlohmann::json::parse_event_t event,
                            nlohmann::json& parsed) {
    using Event = nlohmann::json::parse_event_t;
    if (depth > kMaxConfigNesting) throw TooDeep{};
    if (event == Event::object_start) open.emplace_back();
    if (event == Event::object_end && !open.empty()) open.pop_back();
    if (event == Event::key && !open.empty() &&
        !open.back().insert(parsed.get<std::string>()).second && open.size() == 1)
      error(parsed.get<std::string>(), "appears twice in the settings file; keep one");
    return true;
  };
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text, callback);
  } catch (const nlohmann::json::parse_error& e) {
    throw InputError({syntax_error(file, e)});
  } catch (const TooDeep&) {
    throw InputError(file, "values are nested more than " + std::to_string(kMaxConfigNesting) +
                               " levels deep; a settings file is one object of numbers and "
                               "dates, e.g. {\"max_grouping_size\": 8}");
  }
  if (!j.is_object())
    throw InputError(file, "must be a JSON object of settings, e.g. {\"max_grouping_size\": 8}, "
                           "got " + std::string(j.type_name()));
  // A whole number in [min, max]; nullopt (and an error) otherwise.
  auto whole = [&](const std::string& key, const nlohmann::json& v, std::uint64_t min,
                   std::uint64_t max) -> std::optional<std::uint64_t> {
    std::optional<std::uint64_t> n;
    if (v.is_number_unsigned())
      n = v.get<std::uint64_t>();
    else if (v.is_number_integer() && v.get<std::int64_t>() >= 0)
      n = static_cast<std::uint64_t>(v.get<std::int64_t>());
    if (n && *n >= min && *n <= max) return n;
    error(key, "must be a whole number from " + std::to_string(min) + " to " +
                   std::to_string(max) + ", got " + shown(v));
    return std::nullopt;
  };
  for (const auto& [key, value] : j.items()) {
    if (key == "max_grouping_size") {
      if (auto n = whole(key, value, 1, kMaxGroupingSize)) settings.max_grouping_size = *n;
    } else if (key == "small_school_roll") {
      if (auto n = whole(key, value, 0, kMaxSmallSchoolRoll))
        settings.small_school_roll = static_cast<std::int64_t>(*n);
    } else if (key == "expert_hub_min") {
      if (auto n = whole(key, value, 1, kMaxExpertHubMin)) settings.expert_hub_min = *n;
    } else if (key == "threads") {
      if (auto n = whole(key, value, 0, kMaxThreads)) settings.threads = static_cast<unsigned>(*n);
    } else if (key == "sample") {
      if (auto n = whole(key, value, 1, kMaxSample)) settings.sample = *n;
    } else if (key == "sample_error") {
      if (value.is_number() && in_open_unit(value.get<double>()))
        settings.sample_error = value.get<double>();
      else
        error(key, "must be a number between 0 and 1, not 0 or 1: the largest error allowed on "
                   "betweenness and closeness (both run from 0 to 1), e.g. 0.05; got " +
                       shown(value));
    } else if (key == "confidence") {
      if (value.is_number() && in_open_unit(value.get<double>())) {
        settings.confidence = value.get<double>();
        if (lone_confidence && !j.contains("sample_error")) *lone_confidence = true;
      } else {
        error(key, "must be a probability between 0 and 1, not 0 or 1, e.g. 0.95; got " +
                       shown(value));
      }
    } else if (key == "community_seed") {
      if (auto n = whole(key, value, 0, std::numeric_limits<std::uint64_t>::max()))
        settings.community_seed = *n;
    } else if (key == "as_of") {
      std::string why;
      if (!value.is_string())
        error(key, "must be a date written YYYY-MM-DD or \"all\", got " + shown(value));
      else if (value.get<std::string>() == "all")
        settings.network_as_of = false;
      else if (!load::is_iso_date(value.get<std::string>(), &why))
        error(key, why);
      else
        settings.as_of = value.get<std::string>();
    } else if (key == "max_km") {  // suggest: feasible partners lie within this distance
      if (value.is_number() && value.get<double>() >= 0 && value.get<double>() <= 20038)
        request.max_km = value.get<double>();
      else
        error(key, "must be a distance in km from 0 to 20038, got " + shown(value));
    } else if (key == "per_school") {  // suggest: suggestions per school
      if (auto n = whole(key, value, 1, 1000)) request.per_school = *n;
    } else if (key == "any_sector") {  // suggest: drop the sector rule
      if (value.is_boolean())
        request.any_sector = value.get<bool>();
      else
        error(key, "must be true or false, got " + shown(value));
    } else {
      error(key, "unknown setting; known settings: max_grouping_size, small_school_roll, "
                 "expert_hub_min, threads, sample, sample_error, confidence, community_seed, "
                 "as_of, max_km, per_school, any_sector");
    }
  }
  if (j.contains("sample") && j.contains("sample_error"))
    error("sample_error", "cannot be used with sample: sample takes that many sources, "
                          "sample_error chooses as many as the error needs; keep one of them");
  if (!errors.empty()) throw InputError(std::move(errors));
}

/// --sample, --sample-error and --confidence over the --config file's sample, sample_error and
/// confidence: a flag replaces the file's choice between sample and sample_error.
void sample_settings(const CLI::App& cmd, const AnalysisFlags& flags, Settings& settings,
                     bool lone_confidence) {
  auto given = [&cmd](const char* name) {
    const CLI::Option* o = cmd.get_option_no_throw(name);
    return o && o->count() > 0;
  };
  const bool sample = given("--sample"), error = given("--sample-error"),
             confidence = given("--confidence");
  if (sample && error)
    throw InputError("--sample-error", "cannot be used with --sample: --sample K takes K sources, "
                                       "--sample-error EPS as many as that error needs; give one "
                                       "of them");
  if (sample) {
    settings.sample = flags.sample;
    settings.sample_error.reset();
  }
  if (error) {
    if (!in_open_unit(flags.sample_error))
      throw InputError("--sample-error",
                       output::format_number(flags.sample_error) +
                           " is not between 0 and 1: give the largest error allowed on "
                           "betweenness and closeness (both run from 0 to 1), e.g. "
                           "--sample-error 0.05");
    settings.sample_error = flags.sample_error;
    settings.sample = 0;
  }
  if (confidence) {
    if (!in_open_unit(flags.confidence))
      throw InputError("--confidence",
                       output::format_number(flags.confidence) +
                           " is not between 0 and 1: give the probability that every school is "
                           "within --sample-error, e.g. --confidence 0.95");
    settings.confidence = flags.confidence;
  }
  if (confidence && !settings.sample_error)
    throw InputError("--confidence", "is the probability of --sample-error's bound: give "
                                     "--sample-error EPS too, e.g. --sample-error 0.05 "
                                     "--confidence 0.95" +
                                         std::string(sample ? ", instead of --sample" : ""));
  if (lone_confidence && !error && !sample)
    throw InputError({{Severity::error, flags.config, 0, 0, "confidence",
                       "is the probability of sample_error's bound: add \"sample_error\", e.g. "
                       "{\"sample_error\": 0.05, \"confidence\": 0.95}"}});
}

}  // namespace

void add_analysis_flags(CLI::App& cmd, AnalysisFlags& flags) {
  cmd.add_option("--as-of", flags.as_of,
                 "DATE (YYYY-MM-DD): count only partnerships active on that date, in every "
                 "figure. Default: the network's own as_of when it has one; 'all' counts every "
                 "record whatever its dates");
  cmd.add_option("--config", flags.config,
                 "JSON settings file, e.g. {\"max_grouping_size\": 8, \"small_school_roll\": "
                 "100}; flags override it");
  cmd.add_option("--max-grouping-size", flags.max_grouping_size,
                 "groupings larger than this are flagged (default 8: NFER 2007)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{kMaxGroupingSize}));
  cmd.add_option("--small-school-roll", flags.small_school_roll,
                 "schools with fewer pupils are small (default 100)")
      ->check(CLI::Range(std::int64_t{0}, std::int64_t{kMaxSmallSchoolRoll}));
  cmd.add_option("--expert-hub-min", flags.expert_hub_min,
                 "giving one-way to this many schools makes an expert hub (default 3)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{kMaxExpertHubMin}));
  cmd.add_option("--threads", flags.threads,
                 "worker threads (default 0: all cores); results never depend on it")
      ->check(CLI::Range(0u, unsigned{kMaxThreads}));
  cmd.add_option("--ties", flags.ties,
                 "survey networks: all (default) analyses every partnership; confirmed only "
                 "those both schools named (and records not from the survey)")
      ->check(CLI::IsMember({"all", "confirmed"}));
}

void add_sample_flag(CLI::App& cmd, AnalysisFlags& flags) {
  cmd.add_option("--sample", flags.sample,
                 "K: estimate betweenness and closeness from K schools taken as sources at "
                 "random (seeded: the same K gives the same figures); every output marks them "
                 "as estimates. For networks too large for exact figures")
      ->check(CLI::Range(std::size_t{1}, std::size_t{kMaxSample}));
  cmd.add_option("--sample-error", flags.sample_error,
                 "EPS: instead of --sample, take as many sources as put every school's "
                 "betweenness and closeness (both 0 to 1) within EPS of the exact figure, with "
                 "probability --confidence; exact when that is every school. Every output says "
                 "'± EPS with probability P'");
  cmd.add_option("--confidence", flags.confidence,
                 "P: the probability of --sample-error's bound (default 0.95)");
}

Settings analysis_settings(const CLI::App& cmd, const AnalysisFlags& flags) {
  Settings settings;
  settings.network_as_of = true;  // the dated picture by default (analysis-output.md)
  bool lone_confidence = false;
  if (!flags.config.empty()) read_config(flags.config, settings, nullptr, &lone_confidence);
  if (cmd.count("--max-grouping-size")) settings.max_grouping_size = flags.max_grouping_size;
  if (cmd.count("--small-school-roll")) settings.small_school_roll = flags.small_school_roll;
  if (cmd.count("--expert-hub-min")) settings.expert_hub_min = flags.expert_hub_min;
  if (cmd.count("--threads")) settings.threads = flags.threads;
  if (cmd.count("--ties")) settings.confirmed_ties_only = flags.ties == "confirmed";
  sample_settings(cmd, flags, settings, lone_confidence);
  if (cmd.count("--as-of") && flags.as_of == "all") {
    settings.as_of.reset();
    settings.network_as_of = false;
  } else if (cmd.count("--as-of")) {
    std::string why;
    if (!load::is_iso_date(flags.as_of, &why)) {
      // A well-formed date that does not exist says why ("February 2026 has 28 days").
      const bool shaped = why.find("is not a real date") != std::string::npos;
      throw InputError("--as-of", shaped ? why + "; give a date that exists"
                                         : "\"" + flags.as_of +
                                               "\" is not a date written YYYY-MM-DD, e.g. "
                                               "2026-06-30, or 'all' for every record");
    }
    settings.as_of = flags.as_of;
  }
  return settings;
}

SuggestRequest suggest_settings(const CLI::App&, const AnalysisFlags& flags) {
  SuggestRequest request;
  Settings unused;
  if (!flags.config.empty()) read_config(flags.config, unused, &request);
  return request;
}

Settings prepare_analysis(const CLI::App& cmd, const AnalysisFlags& flags,
                          const std::string& network, const std::string& output,
                          bool folder_output) {
  refuse_empty_output(cmd.count("--output") > 0, output);
  Settings settings = analysis_settings(cmd, flags);
  check_output(output, folder_output,
               {{network, "the network being read"}, {flags.config, "the --config settings file"}});
  return settings;
}

}  // namespace collabnet::cli
