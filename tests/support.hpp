#pragma once
// Helpers shared by the test files: the command line run in-process, and messages of an error.
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <sstream>
#include <string>
#include <system_error>
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

/// A fresh folder of its own under the temporary directory (a random name starting with
/// `prefix`), removed with everything in it when the object goes.
struct TempDir {
  std::filesystem::path dir;
  explicit TempDir(const std::string& prefix = "collabnet-test") {
    static std::mt19937_64 rng{std::random_device{}()};
    dir = std::filesystem::temp_directory_path() / (prefix + "-" + std::to_string(rng()));
    std::filesystem::create_directories(dir);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  /// Writes `text` to dir/name (creating the folders on the way) and returns that path.
  std::filesystem::path write(const std::string& name, const std::string& text) const {
    std::filesystem::create_directories((dir / name).parent_path());
    std::ofstream(dir / name, std::ios::binary) << text;
    return dir / name;
  }
};

/// The rows of a CSV file as cells, split by a few lines of the tests' own (RFC 4180 quoting, no
/// quoted line breaks), independently of the product's reader: tests count from raw data with it.
inline std::vector<std::vector<std::string>> raw_csv_rows(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  std::vector<std::vector<std::string>> rows(1);
  std::string cell;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"')
        cell += text[++i];
      else if (c == '"')
        quoted = false;
      else
        cell += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().push_back(std::move(cell));
      cell.clear();
    } else if (c == '\n') {
      rows.back().push_back(std::move(cell));
      cell.clear();
      rows.emplace_back();
    } else if (c != '\r') {
      cell += c;
    }
  }
  if (rows.back().empty()) rows.pop_back();
  return rows;
}

}  // namespace collabnet::testing
