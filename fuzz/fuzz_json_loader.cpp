// Any byte string fed to the JSON loader must either load or raise InputError: no crash, hang,
// sanitizer report or other exception. The loader's fast reader (src/load/json_fast.hpp) must
// also agree with nlohmann's parser, its reference: on every input it does not give up on, the
// same SAX events in the same order, whatever the block size it is fed in; and the loader must
// give the same result through it as through nlohmann alone. The last byte picks a block size
// (1 to 16, or 1 MiB) and, when it is 0xE0 or above, where a handler stops, so windows split
// every kind of token and both the fast path and its fallbacks run.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "collabnet/load.hpp"
#include "load/json_fast.hpp"
#include "load/sax_recorder.hpp"

namespace {

using nlohmann::json;

using Recorder = collabnet::load::SaxRecorder;

std::string outcome(const std::string& text, std::size_t block, bool general) {
  try {
    const collabnet::LoadResult r =
        general ? collabnet::load::load_json_text_general(text, "fuzz.json")
                : collabnet::load::load_json_text_in_blocks(text, "fuzz.json", block, {});
    std::string s = "ok";
    for (const auto& w : r.warnings) s += w.to_string();
    return s;
  } catch (const collabnet::InputError& e) {
    return collabnet::format_diagnostics(e.diagnostics(), e.error_count());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  // Knobs from the last byte, which stays part of the text (seeds remain valid networks).
  const unsigned knob = size ? data[size - 1] : 0;
  const std::size_t block = knob % 17 == 0 ? std::size_t{1} << 20 : knob % 17;
  const std::size_t stop_after =
      knob >= 0xE0 ? (knob & 0x1F) + 1 : std::numeric_limits<std::size_t>::max();  // never

  // The events.
  Recorder fast, reference;
  fast.stop_after = reference.stop_after = stop_after;
  collabnet::load::JsonWindows windows(std::string_view(text), block);
  const auto result = collabnet::load::FastJsonReader<Recorder>(windows, fast).run();
  const bool ok = json::sax_parse(text, &reference);
  using collabnet::load::FastResult;
  if (result == FastResult::done && (!ok || fast.events != reference.events)) std::abort();
  if (result == FastResult::stopped &&
      (ok || reference.errored || fast.events != reference.events))
    std::abort();
  if (result == FastResult::empty && text.find_first_not_of(" \t\r\n") != std::string::npos)
    std::abort();

  // The loader, through the fast path (with its fallback) and through nlohmann alone.
  if (outcome(text, block, false) != outcome(text, block, true)) std::abort();
  return 0;
}
