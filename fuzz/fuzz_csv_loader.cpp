// The CSV loader reads a folder: the fuzz input is split at the first "\n%%\n" into schools.csv
// and partnerships.csv (memberships.csv and staff.csv after further separators), written into a
// private folder and loaded. It must load or raise InputError, nothing else.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "collabnet/load.hpp"

namespace fs = std::filesystem;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const fs::path dir = fs::temp_directory_path() /
                              ("collabnet-fuzz-csv-" + std::to_string(::getpid()));
  static const char* const kFiles[] = {"schools.csv", "partnerships.csv", "staff.csv",
                                       "memberships.csv", "groupings.csv"};
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string input(reinterpret_cast<const char*>(data), size);
  std::size_t start = 0;
  for (std::size_t k = 0; k < 5 && start <= input.size(); ++k) {
    std::size_t end = input.find("\n%%\n", start);
    if (end == std::string::npos) end = input.size();
    std::ofstream(dir / kFiles[k], std::ios::binary) << input.substr(start, end - start);
    start = end + 4;
  }
  try {
    (void)collabnet::load_network_csv(dir);
  } catch (const collabnet::InputError& e) {
    (void)collabnet::format_diagnostics(e.diagnostics(), e.error_count());
  }
  return 0;
}
