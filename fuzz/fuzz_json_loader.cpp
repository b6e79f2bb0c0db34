// Any byte string fed to the JSON loader must either load or raise InputError: no crash, hang,
// sanitizer report or other exception.
#include <cstddef>
#include <cstdint>
#include <string>

#include "collabnet/load.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    (void)collabnet::load_network_json_text(text, "fuzz.json");
  } catch (const collabnet::InputError& e) {
    (void)collabnet::format_diagnostics(e.diagnostics(), e.error_count());
  }
  return 0;
}
