// Escaping for the report: each function serves one context untrusted text can land in.
// HTML text and attribute values are escaped by the template engine ({{ }} with every attribute
// quoted); what is left is what that engine cannot know about: invalid bytes and control
// characters, JSON inside a <script> element, and SVG documents from Graphviz.

#include <cstdint>
#include <stdexcept>

#include "report/report_internal.hpp"
#include "utf8.hpp"

namespace collabnet::report {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD


void append_hex4(std::string& out, unsigned value) {
  static constexpr char kDigits[] = "0123456789abcdef";
  out += "\\u";
  for (int shift = 12; shift >= 0; shift -= 4) out += kDigits[(value >> shift) & 0xFu];
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string clean_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\t' || c == '\n' || c == '\r') {
      out += ' ';
      ++i;
      continue;
    }
    if (c < 0x20 || c == 0x7F) {
      out += kReplacement;
      ++i;
      continue;
    }
    const std::size_t n = decode_utf8(text, i).length;
    if (n == 0) {
      out += kReplacement;
      ++i;
      continue;
    }
    // C1 controls and bidi formatting characters (a U+202E in a school name would reverse the
    // report's own sentence after it).
    if (display_control_at(text, i) == n) {
      out += kReplacement;
    } else {
      out.append(text.substr(i, n));
    }
    i += n;
  }
  return out;
}

std::string json_string(std::string_view text) {
  const std::string clean = clean_text(text);
  std::string out = "\"";
  out.reserve(clean.size() + 2);
  for (std::size_t i = 0; i < clean.size(); ++i) {
    const char c = clean[i];
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '<': out += "\\u003c"; break;
      case '>': out += "\\u003e"; break;
      case '&': out += "\\u0026"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          append_hex4(out, static_cast<unsigned char>(c));  // unreachable after clean_text
        } else if (clean.compare(i, 3, "\xE2\x80\xA8") == 0) {
          out += "\\u2028";
          i += 2;
        } else if (clean.compare(i, 3, "\xE2\x80\xA9") == 0) {
          out += "\\u2029";
          i += 2;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

std::string inline_svg(std::string_view svg, std::string_view id_prefix, std::string_view label) {
  const std::size_t start = svg.find("<svg");
  if (start == std::string_view::npos)
    throw std::runtime_error("the diagram is not an SVG document");
  std::string out;
  out.reserve(svg.size() - start);
  std::size_t i = start;
  bool root_done = false;
  while (i < svg.size()) {
    if (svg.compare(i, 4, "<!--") == 0) {  // Graphviz's comments: node names, version
      const std::size_t end = svg.find("-->", i + 4);
      i = end == std::string_view::npos ? svg.size() : end + 3;
      // The newline after a dropped comment would leave blank lines.
      if (i < svg.size() && svg[i] == '\n') ++i;
      continue;
    }
    if (!root_done && svg.compare(i, 4, "<svg") == 0) {
      // The root element: keep viewBox and namespaces, drop width/height (CSS sizes it).
      const std::size_t end = svg.find('>', i);
      if (end == std::string_view::npos) throw std::runtime_error("unterminated <svg> element");
      std::string tag(svg.substr(i, end - i));
      for (const char* attribute : {" width=\"", " height=\"", "\nwidth=\"", "\nheight=\""}) {
        const std::size_t at = tag.find(attribute);
        if (at == std::string::npos) continue;
        const std::size_t value_end = tag.find('"', at + std::char_traits<char>::length(attribute));
        if (value_end != std::string::npos) tag.erase(at, value_end + 1 - at);
      }
      for (char& c : tag)
        if (c == '\n') c = ' ';
      std::string escaped_label;
      for (char c : clean_text(label)) {
        switch (c) {
          case '&': escaped_label += "&amp;"; break;
          case '<': escaped_label += "&lt;"; break;
          case '>': escaped_label += "&gt;"; break;
          case '"': escaped_label += "&quot;"; break;
          case '\'': escaped_label += "&#39;"; break;
          default: escaped_label += c;
        }
      }
      out += tag + " class=\"diagram\" role=\"img\" aria-label=\"" + escaped_label + "\"";
      i = end;
      root_done = true;
      continue;
    }
    if (svg.compare(i, 5, " id=\"") == 0) {
      out += " id=\"";
      out += id_prefix;
      i += 5;
      continue;
    }
    out += svg[i];
    ++i;
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

std::string content_security_policy(std::string_view script_sha256_hex) {
  return "default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-" +
         hex_to_base64(script_sha256_hex) + "'; form-action 'none'; base-uri 'none'";
}

std::string hex_to_base64(std::string_view hex) {
  if (hex.size() % 2 != 0) throw std::invalid_argument("hex text of odd length");
  std::string bytes;
  bytes.reserve(hex.size() / 2);
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    const int hi = hex_value(hex[i]), lo = hex_value(hex[i + 1]);
    if (hi < 0 || lo < 0) throw std::invalid_argument("not a hex digit");
    bytes += static_cast<char>(hi * 16 + lo);
  }
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    const std::size_t left = bytes.size() - i;
    std::uint32_t v = static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i])) << 16;
    if (left > 1) v |= static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8;
    if (left > 2) v |= static_cast<unsigned char>(bytes[i + 2]);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += left > 1 ? kAlphabet[(v >> 6) & 63] : '=';
    out += left > 2 ? kAlphabet[v & 63] : '=';
  }
  return out;
}

}  // namespace collabnet::report
