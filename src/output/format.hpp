#pragma once
// Internal: number and text formatting shared by the analysis outputs, so JSON, CSV and text
// show the same digits.

#include <charconv>
#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

namespace collabnet::output {

/// Below this magnitude 9 decimal places would keep fewer than 6 significant digits.
inline constexpr double kSmallNumber = 1e-4;

/// Rounded for output: to 9 decimal places (analysis-output.md), but never to fewer than 6
/// significant digits, so that a small value (a weight of 1e-10) is not written as 0: below
/// 1e-4 in magnitude, to 6 significant digits. −0 becomes 0.
inline double round9(double v) {
  if (v != 0 && std::abs(v) < kSmallNumber && std::isfinite(v)) {
    char buffer[32];
    const auto end =
        std::to_chars(buffer, buffer + sizeof buffer, v, std::chars_format::scientific, 5).ptr;
    double r = v;
    std::from_chars(buffer, end, r);
    return r;
  }
  const double r = std::round(v * 1e9) / 1e9;
  return r == 0 ? 0.0 : r;
}

/// A name or value in a CSV cell: a NUL (U+0000, which the loader warns about and no CSV
/// reader takes) becomes U+FFFD, as in every other export, so that what we write reads back.
inline std::string without_nul(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (c == '\0')
      out += "\xEF\xBF\xBD";
    else
      out += c;
  }
  return out;
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

/// The name of a figure in a table, marked when it is an estimate (--sample K):
/// "betweenness_estimate_2000_sources", and with --sample-error EPS --confidence P its bound too:
/// "betweenness_estimate_2259_sources_within_0.05_at_0.95" (± 0.05 with probability 0.95).
/// One rule for every format with columns (CSV, GraphML, GEXF, GeoJSON properties).
inline std::string estimated_name(std::string_view figure, std::uint64_t sampled_sources,
                                  std::optional<double> error = std::nullopt,
                                  double confidence = 0) {
  std::string name(figure);
  if (sampled_sources) name += "_estimate_" + std::to_string(sampled_sources) + "_sources";
  if (sampled_sources && error)
    name += "_within_" + format_number(*error) + "_at_" + format_number(confidence);
  return name;
}

/// --sample-error's promise in every output's words: "± 0.05 with probability 0.95".
inline std::string error_bound(double epsilon, double confidence) {
  return "\xC2\xB1 " + format_number(epsilon) + " with probability " + format_number(confidence);
}

/// A percentage with one decimal for the text summary ("21.2%").
inline std::string format_percent(double share) {
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer,
                                    std::round(share * 1000.0) / 10.0, std::chars_format::fixed, 1);
  return std::string(buffer, result.ptr) + "%";
}

/// Appends one CSV record of already-escaped fields, CRLF-terminated (RFC 4180). O(size).
inline void row(std::string& out, std::initializer_list<std::string> fields) {
  bool first = true;
  for (const std::string& f : fields) {
    if (!first) out += ',';
    out += f;
    first = false;
  }
  out += "\r\n";
}

/// RFC 4180 field: quoted (with doubled quotes) when it holds a comma, quote, CR or LF; a NUL
/// becomes U+FFFD (without_nul).
inline std::string csv_field(std::string_view s) {
  if (s.find_first_of(std::string_view(",\"\r\n\0", 5)) == std::string_view::npos)
    return std::string(s);
  if (s.find('\0') != std::string_view::npos) return csv_field(without_nul(s));
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

/// True when a spreadsheet would read `s` as a plain decimal number ("-3.5", "1e-07"), which it
/// shows as a number rather than running it.
inline bool is_plain_number(std::string_view s) {
  std::size_t i = 0;
  auto digits = [&] {
    const std::size_t start = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    return i > start;
  };
  if (i < s.size() && s[i] == '-') ++i;
  if (!digits()) return false;
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (!digits()) return false;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    if (!digits()) return false;
  }
  return i == s.size();
}

/// A cell meant for a spreadsheet (OWASP "CSV injection"): text starting with =, +, -, @, tab or
/// CR, which Excel, LibreOffice and Google Sheets may run as a formula, gets a leading
/// apostrophe; a plain number such as -3.5 is kept. O(n).
inline std::string formula_safe(std::string_view s) {
  if (s.empty() || std::string_view("=+-@\t\r").find(s.front()) == std::string_view::npos ||
      is_plain_number(s))
    return std::string(s);
  // Appended piece by piece: "'" + std::string(s) makes g++ 12 -O3 warn -Wrestrict (a false
  // positive of its string inlining), and the Release build is kept free of warnings.
  std::string out;
  out.reserve(s.size() + 1);
  out += '\'';
  out.append(s);
  return out;
}

/// csv_field of formula_safe: untrusted text in a CSV file meant for a spreadsheet.
inline std::string spreadsheet_field(std::string_view s) { return csv_field(formula_safe(s)); }

/// Untrusted text for a terminal or a text file, escaped visibly so that a name can neither
/// drive the terminal nor reorder what is shown: C0 and C1 control characters, DEL, the bidi
/// controls (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) and the line and paragraph
/// separators (U+2028, U+2029) become `\u001B`-style escapes, and each byte that is not part of
/// well-formed UTF-8 a `\xFF`-style one. Everything else, including a backslash, is kept. O(n).
inline std::string printable(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  auto continuation = [&](std::size_t i, unsigned char lo = 0x80, unsigned char hi = 0xBF) {
    return i < s.size() && byte(i) >= lo && byte(i) <= hi;
  };
  std::size_t i = 0;
  while (i < s.size()) {
    const unsigned char c = byte(i);
    std::size_t len = 0;
    char32_t cp = 0;
    if (c < 0x80) {
      len = 1;
      cp = c;
    } else if (c >= 0xC2 && c <= 0xDF && continuation(i + 1)) {
      len = 2;
      cp = (c & 0x1Fu) << 6 | (byte(i + 1) & 0x3Fu);
    } else if (c >= 0xE0 && c <= 0xEF &&
               continuation(i + 1, c == 0xE0 ? 0xA0 : 0x80, c == 0xED ? 0x9F : 0xBF) &&
               continuation(i + 2)) {
      len = 3;
      cp = (c & 0x0Fu) << 12 | (byte(i + 1) & 0x3Fu) << 6 | (byte(i + 2) & 0x3Fu);
    } else if (c >= 0xF0 && c <= 0xF4 &&
               continuation(i + 1, c == 0xF0 ? 0x90 : 0x80, c == 0xF4 ? 0x8F : 0xBF) &&
               continuation(i + 2) && continuation(i + 3)) {
      len = 4;
      cp = (c & 0x07u) << 18 | (byte(i + 1) & 0x3Fu) << 12 | (byte(i + 2) & 0x3Fu) << 6 |
           (byte(i + 3) & 0x3Fu);
    }
    if (len == 0) {  // not well-formed UTF-8: one escape per byte
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
      ++i;
      continue;
    }
    const bool hidden = cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x061C ||
                        cp == 0x200E || cp == 0x200F || (cp >= 0x2028 && cp <= 0x202E) ||
                        (cp >= 0x2066 && cp <= 0x2069);
    if (hidden) {
      out += "\\u";
      for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(cp >> shift) & 0xF];
    } else {
      out.append(s.substr(i, len));
    }
    i += len;
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
