#pragma once
// Internal: UTF-8 decoding for the outputs that clean text from input files (diagrams, the HTML
// report), and the invisible characters that change how the text around them is shown.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace collabnet {

/// One UTF-8 sequence: its length in bytes (0 when it is not valid UTF-8: overlong forms,
/// surrogates and code points above U+10FFFF are not) and its code point.
struct Utf8Char {
  std::size_t length = 0;
  char32_t code_point = 0;
};

/// The UTF-8 sequence starting at s[i] (i < s.size()).
inline Utf8Char decode_utf8(std::string_view s, std::size_t i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) return {1, b0};
  std::size_t len = 0;
  std::uint32_t cp = 0;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    len = 2;
    cp = b0 & 0x1Fu;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    len = 3;
    cp = b0 & 0x0Fu;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    len = 4;
    cp = b0 & 0x07u;
  } else {
    return {};
  }
  if (i + len > s.size()) return {};
  for (std::size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) return {};
    cp = (cp << 6) | (b & 0x3Fu);
  }
  if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
      (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
    return {};
  return {len, static_cast<char32_t>(cp)};
}

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

/// Appends code point cp (at most U+10FFFF, not a surrogate) to out as UTF-8.
inline void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

}  // namespace collabnet
