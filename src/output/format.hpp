#pragma once
// Internal: number and text formatting shared by the analysis outputs, so JSON, CSV and text
// show the same digits.

#include <charconv>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace collabnet::output {

/// Rounded to 9 decimal places (analysis-output.md); −0 becomes 0.
inline double round9(double v) {
  const double r = std::round(v * 1e9) / 1e9;
  return r == 0 ? 0.0 : r;
}

/// Integral after rounding and exactly representable: written as an integer.
inline std::optional<std::int64_t> as_integer(double rounded) {
  if (std::abs(rounded) < 9007199254740992.0 && rounded == std::trunc(rounded))
    return static_cast<std::int64_t>(rounded);
  return std::nullopt;
}

/// Shortest text that reads back as the rounded value ("0.212121212", "3", "7.5").
inline std::string format_number(double v) {
  const double r = round9(v);
  if (const auto i = as_integer(r)) return std::to_string(*i);
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, r);
  return std::string(buffer, result.ptr);
}

/// A percentage with one decimal for the text summary ("21.2%").
inline std::string format_percent(double share) {
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer,
                                    std::round(share * 1000.0) / 10.0, std::chars_format::fixed, 1);
  return std::string(buffer, result.ptr) + "%";
}

/// RFC 4180 field: quoted (with doubled quotes) when it holds a comma, quote, CR or LF.
inline std::string csv_field(std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

/// Untrusted text for a terminal: C0/C1 control characters and DEL become U+FFFD so that a name
/// cannot move the cursor, clear the screen or break a line.
inline std::string printable(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c == 0x7F) {
      out += "\xEF\xBF\xBD";
    } else if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(s[i + 1]) <= 0x9F) {
      out += "\xEF\xBF\xBD";  // U+0080..U+009F
      ++i;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

/// Display width in code points (UTF-8 continuation bytes do not count).
inline std::size_t display_width(std::string_view s) {
  std::size_t w = 0;
  for (char c : s)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++w;
  return w;
}

}  // namespace collabnet::output
