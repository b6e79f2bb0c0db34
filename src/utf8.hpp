#pragma once
// Internal: invisible characters that change how the text around them is shown, for the outputs
// that must not pass them on from input files (diagrams, the HTML report).
#include <cstddef>
#include <string_view>

namespace collabnet {

/// The length in bytes of the UTF-8 sequence at s[i] when it is a C1 control (U+0080–U+009F)
/// or a bidirectional formatting character: U+061C, U+200E, U+200F, U+202A–U+202E and
/// U+2066–U+2069. A U+202E (right-to-left override) in a school name would otherwise reverse
/// the sentence of the report or the label that follows it. 0 for anything else.
inline std::size_t display_control_at(std::string_view s, std::size_t i) {
  auto byte = [&](std::size_t k) {
    return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0u;
  };
  const unsigned b0 = byte(0), b1 = byte(1), b2 = byte(2);
  if (b0 == 0xC2 && b1 >= 0x80 && b1 <= 0x9F) return 2;  // C1 controls
  if (b0 == 0xD8 && b1 == 0x9C) return 2;                 // U+061C arabic letter mark
  if (b0 == 0xE2 && b1 == 0x80 && (b2 == 0x8E || b2 == 0x8F || (b2 >= 0xAA && b2 <= 0xAE)))
    return 3;  // U+200E, U+200F, U+202A–U+202E
  if (b0 == 0xE2 && b1 == 0x81 && b2 >= 0xA6 && b2 <= 0xA9) return 3;  // U+2066–U+2069
  return 0;
}

}  // namespace collabnet
