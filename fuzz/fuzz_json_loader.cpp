// Any byte string fed to the JSON loader must either load or raise InputError: no crash, hang,
// sanitizer report or other exception. The loader's fast reader (src/load/json_fast.hpp,
// simdjson On-Demand) must also agree with nlohmann's parser, its reference: on every input it
// does not give up on, the same SAX events in the same order, whatever bytes lie in the padding
// past the end of the text; and the loader must give the same result through it as through
// nlohmann alone. The last byte picks the padding's filler (a closing bracket, a quote, a digit,
// white space) and, when it is 0xE0 or above, where a handler stops, so that both the fast path
// and its fallbacks run.
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

std::string outcome(const std::string& text, bool general) {
  try {
    const collabnet::LoadResult r = general
                                        ? collabnet::load::load_json_text_general(text, "fuzz.json")
                                        : collabnet::load::load_json_text(text, "fuzz.json", {});
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
  static constexpr char kFills[] = {'\0', '}', ']', '"', '1', ' '};
  const char fill = kFills[knob % sizeof kFills];
  std::string input = text + std::string(collabnet::load::kJsonPadding, fill);
  input.resize(text.size());  // the capacity and the bytes past the end stay
  const std::size_t stop_after =
      knob >= 0xE0 ? (knob & 0x1F) + 1 : std::numeric_limits<std::size_t>::max();  // never

  // The events.
  Recorder fast, reference;
  fast.stop_after = reference.stop_after = stop_after;
  const auto result = collabnet::load::FastJsonReader(input, fast).run();
  const bool ok = json::sax_parse(text, &reference);
  using collabnet::load::FastResult;
  if (result == FastResult::done && (!ok || fast.events != reference.events)) std::abort();
  if (result == FastResult::stopped &&
      (ok || reference.errored || fast.events != reference.events))
    std::abort();
  if (result == FastResult::empty && text.find_first_not_of(" \t\r\n") != std::string::npos)
    std::abort();

  // The loader, through the fast path (with its fallback) and through nlohmann alone.
  if (outcome(input, false) != outcome(text, true)) std::abort();
  return 0;
}
