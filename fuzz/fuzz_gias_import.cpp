// England's GIAS "all group links" importer reads a CSV file: any bytes written there must
// import or raise InputError, nothing else. The last byte's low bit chooses
// --all-establishments, so both ways of reading are covered.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "collabnet/network_io.hpp"

namespace fs = std::filesystem;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const fs::path file = fs::temp_directory_path() /
                               ("collabnet-fuzz-gias-" + std::to_string(::getpid()) + ".csv");
  std::ofstream(file, std::ios::binary | std::ios::trunc)
      .write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  collabnet::GiasImportOptions options;
  options.all_establishments = size > 0 && (data[size - 1] & 1) != 0;
  try {
    (void)collabnet::import_gias_groups(file, options);
  } catch (const collabnet::InputError& e) {
    (void)collabnet::format_diagnostics(e.diagnostics(), e.error_count());
  }
  return 0;
}
