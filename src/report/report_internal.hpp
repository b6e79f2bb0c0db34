#pragma once
// Internal to src/report/: escaping for the contexts untrusted text lands in, the inline-SVG
// clean-up, the Content-Security-Policy, and the assets compiled in from src/report/assets/.
// Std-only; the template engine is seen only through parts.hpp (the page's parts).

#include <string>
#include <string_view>

namespace collabnet::report {

// --- assets (generated at build time from src/report/report.* by embed.cmake) -----------------

/// report.html.mustache: the page.
extern const std::string_view kTemplate;
/// report.css: the screen and print styles.
extern const std::string_view kStyle;
/// report.js: sorting, filtering, "show all". Inserted byte for byte between <script> tags so
/// that its hash (below) matches what the browser hashes.
extern const std::string_view kScript;
/// SHA-256 of kScript as 64 lower-case hex digits (computed by CMake at build time).
extern const std::string_view kScriptSha256Hex;
/// collabnet's version (CMake's PROJECT_VERSION), for the report's footer.
extern const std::string_view kVersion;

// --- escaping (escape.cpp) ---------------------------------------------------------------------

/// Untrusted text made safe to place anywhere: invalid UTF-8 bytes, C0 and C1 control
/// characters and DEL become U+FFFD, except tab, CR and LF, which become spaces. Markup is left
/// as is: HTML escaping is the template's job ({{ }}), JSON escaping json_string's. O(length).
std::string clean_text(std::string_view text);

/// `text` (cleaned first) as a JSON string literal, quotes included, safe inside an HTML
/// <script> element: `"` and `\` escaped, control characters as \uXXXX, and `<`, `>`, `&`,
/// U+2028, U+2029 as \u003c, \u003e, \u0026, \u2028, \u2029, so that neither `</script`,
/// `<!--` nor a line separator can end or alter the script element. O(length).
std::string json_string(std::string_view text);

/// An SVG document from Graphviz made fit to sit inside an HTML page: the XML declaration,
/// DOCTYPE and comments dropped, every id="X" renamed id="<prefix>X" (two diagrams on one page
/// would otherwise share ids such as "graph0"), the fixed width and height replaced by CSS
/// sizing, and role="img" with `label` (escaped) as its accessible name. Throws
/// std::runtime_error when `svg` holds no <svg element. O(length).
std::string inline_svg(std::string_view svg, std::string_view id_prefix, std::string_view label);

/// The Content-Security-Policy of the report: nothing may be fetched, connected to, framed or
/// submitted (default-src 'none', form-action 'none', base-uri 'none'); styles inline; images
/// only data: URLs; and the one script whose SHA-256 is `script_sha256_hex` (64 hex digits),
/// so that even a script element smuggled into the page would not run. O(1).
std::string content_security_policy(std::string_view script_sha256_hex);

/// Standard base64 (RFC 4648, padded) of the bytes that the hex digits spell. Throws
/// std::invalid_argument on an odd length or a non-hex digit. O(length).
std::string hex_to_base64(std::string_view hex);

}  // namespace collabnet::report
