// The Scottish "school roll and locations" importer reads a CSV file: any bytes written there
// must import or raise InputError, nothing else.
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
                               ("collabnet-fuzz-scotland-" + std::to_string(::getpid()) + ".csv");
  std::ofstream(file, std::ios::binary | std::ios::trunc)
      .write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  try {
    (void)collabnet::import_scotland_schools(file);
  } catch (const collabnet::InputError& e) {
    (void)collabnet::format_diagnostics(e.diagnostics(), e.error_count());
  }
  return 0;
}
