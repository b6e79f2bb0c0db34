// Untrusted text (school, grouping, authority and network names) made safe for DOT, for
// Graphviz's label escapes and for HTML-like labels. The traps, measured on Graphviz 2.42:
//  - in a DOT quoted string the lexer knows only `\"`; `\\` before the closing quote is read as
//    `\` + `\"`, so a value must never end in a backslash;
//  - labels then expand `\N`, `\G`, `\n`, … and `\\`, and decode HTML entities (`&amp;`);
//  - tooltips are unescaped twice; HTML-like labels also expand `\N`.

#include <algorithm>
#include <cassert>
#include <charconv>
#include <cmath>
#include <cstdint>

#include "render/render_internal.hpp"
#include "utf8.hpp"

namespace collabnet::render {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

/// Length of the UTF-8 sequence at s[i] when it is valid and belongs in a drawn name, else 0.
std::size_t utf8_sequence(std::string_view s, std::size_t i) {
  const auto [len, cp] = decode_utf8(s, i);
  if (len == 0) return 0;
  // C1 controls (U+0080..U+009F) can move a terminal's cursor and mean nothing in a name.
  if (len == 2 && cp < 0xA0) return 0;
  // Noncharacters (U+FDD0..U+FDEF, U+xFFFE, U+xFFFF) are not allowed in XML: one in a name made
  // the SVG ill-formed and cairo's PDF drop labels.
  if ((cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFEu) == 0xFFFEu) return 0;
  return len;
}

bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

/// Code points in s (s is valid UTF-8).
std::size_t width_of(std::string_view s) {
  std::size_t w = 0;
  for (char c : s)
    if (!is_continuation(c)) ++w;
  return w;
}

/// The first `n` code points of s.
std::string_view prefix_of(std::string_view s, std::size_t n) {
  std::size_t i = 0;
  while (i < s.size() && n > 0) {
    ++i;
    while (i < s.size() && is_continuation(s[i])) ++i;
    --n;
  }
  return s.substr(0, i);
}

void append_escaped_dot(std::string& out, std::string_view text, std::string_view backslash) {
  for (char c : text) {
    switch (c) {
      case '\\': out += backslash; break;
      case '"': out += "\\\""; break;
      case '&': out += "&amp;"; break;
      default: out += c;
    }
  }
}

}  // namespace

std::string clean_text(std::string_view text) {
  // Graphviz refuses a quoted string over 16,384 bytes, counted after escaping (an `&` becomes
  // five bytes): a name is cut at kMaxTextChars code points, far beyond any real one.
  constexpr std::size_t kMaxTextChars = 1000;
  std::string out;
  out.reserve(std::min(text.size(), 4 * kMaxTextChars));
  bool pending_space = false;
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size();) {
    if (chars == kMaxTextChars) {
      out += "\xE2\x80\xA6";  // …
      break;
    }
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      pending_space = !out.empty();
      ++i;
      continue;
    }
    std::string_view piece;
    std::size_t len = utf8_sequence(text, i);
    if (const std::size_t control = display_control_at(text, i); control != 0) {
      piece = kReplacement;  // a bidi override in a name would reverse the label after it
      len = control;
    } else if (len == 0 || c < 0x20 || c == 0x7F) {
      piece = kReplacement;
      len = 1;
    } else {
      piece = text.substr(i, len);
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += piece;
    i += len;
    ++chars;
  }
  return out;
}

std::vector<std::string> wrap_text(std::string_view text, std::size_t width,
                                   std::size_t max_lines) {
  const std::string clean = clean_text(text);
  std::vector<std::string> lines;
  if (clean.empty() || width == 0 || max_lines == 0) return lines;
  std::string current;
  std::size_t current_width = 0;
  std::string_view rest = clean;
  bool truncated = false;
  while (!rest.empty()) {
    const std::size_t space = rest.find(' ');
    std::string_view word = rest.substr(0, space);
    rest = space == std::string_view::npos ? std::string_view{} : rest.substr(space + 1);
    while (!word.empty()) {
      const std::size_t w = width_of(word);
      if (current_width > 0 && current_width + 1 + w <= width) {
        current += ' ';
        current += word;
        current_width += 1 + w;
        word = {};
      } else if (current_width == 0 && w <= width) {
        current = word;
        current_width = w;
        word = {};
      } else {
        if (current_width > 0) {
          lines.push_back(std::move(current));
          current.clear();
          current_width = 0;
        } else {  // a word longer than a line: cut it
          const std::string_view head = prefix_of(word, width);
          lines.emplace_back(head);
          word.remove_prefix(head.size());
        }
        if (lines.size() == max_lines) {
          truncated = true;
          break;
        }
      }
    }
    if (truncated) break;
  }
  if (!truncated && current_width > 0) {
    if (lines.size() == max_lines)
      truncated = true;
    else
      lines.push_back(std::move(current));
  }
  if (truncated && !lines.empty()) {
    std::string& last = lines.back();
    if (width_of(last) + 1 > width) last = std::string(prefix_of(last, width - 1));
    last += "\xE2\x80\xA6";  // …
  }
  return lines;
}

std::string dot_label(const std::vector<std::string>& lines) {
  std::string out = "\"";
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i > 0) out += "\\n";
    append_escaped_dot(out, lines[i], "\\\\");
  }
  // A value ending in a backslash would swallow the closing quote; a final line break is
  // drawn as nothing (Graphviz adds no empty last line).
  if (out.size() > 1 && out.back() == '\\') out += "\\n";
  return out + "\"";
}

std::string dot_tooltip(std::string_view text) {
  std::string out = "\"";
  append_escaped_dot(out, clean_text(text), "\\\\\\\\");
  if (out.size() > 1 && out.back() == '\\') out += ' ';
  return out + "\"";
}

std::string dot_quoted(std::string_view value) {
  assert(value.find_first_of("\"\\") == std::string_view::npos);
  std::string out = "\"";
  out += value;
  return out + "\"";
}

std::string html_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      case '\\': out += "\\\\"; break;
      default: out += c;
    }
  }
  return out;
}

std::string dot_number(double value, int decimals) {
  if (!std::isfinite(value)) return "0";
  const double scale = std::pow(10.0, decimals);
  double r = std::round(value * scale) / scale;
  if (r == 0) r = 0;  // no "-0"
  char buffer[64];
  const auto result =
      std::to_chars(buffer, buffer + sizeof buffer, r, std::chars_format::fixed, decimals);
  std::string s(buffer, result.ptr);
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  return s;
}

}  // namespace collabnet::render
