#pragma once
// Helpers shared by the test files: the command line run in-process, and messages of an error.
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "collabnet/diagnostic.hpp"

namespace collabnet::testing {

/// What `collabnet ARGS…` did: exit code and everything printed.
struct Run {
  int code;
  std::string out, err;
};

/// Runs `collabnet args…` in-process through the same entry point as main().
inline Run run(std::vector<std::string> args) {
  args.insert(args.begin(), "collabnet");
  std::vector<const char*> argv;
  for (const auto& a : args) argv.push_back(a.c_str());
  std::ostringstream out, err;
  const int code = cli::run_cli(static_cast<int>(argv.size()), argv.data(), out, err);
  return {code, out.str(), err.str()};
}

/// Every diagnostic of an InputError as the user sees it.
inline std::vector<std::string> messages(const InputError& e) {
  std::vector<std::string> out;
  for (const auto& d : e.diagnostics()) out.push_back(d.to_string());
  return out;
}

/// A scratch folder of the test binary's own, created on first use.
inline std::filesystem::path scratch_dir(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() / ("collabnet-test-" + name);
  std::filesystem::create_directories(dir);
  return dir;
}

}  // namespace collabnet::testing
