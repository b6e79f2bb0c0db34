// The built-in diagram themes: viz/default.json and viz/print.json, compiled in by
// src/render/themes.cmake (so nothing is read from a path at run time) and checked by the same
// loader as an authority's own theme file (theme_file.cpp), which must also give every key.
//
// Both themes give every finding its own shape as well as its own colour, so that a diagram
// still reads when printed in greyscale or seen with a colour-vision deficiency.

#include <algorithm>
#include <string_view>

#include "render/render_internal.hpp"

namespace collabnet::render {

// Defined in the generated render_themes.cpp (themes.cmake, src/report/embed.cmake).
extern const std::string_view kDefaultTheme;
extern const std::string_view kPrintTheme;

namespace {

struct BuiltIns {
  Theme themes[2];
  BuiltIns()
      : themes{parse_theme(kDefaultTheme, "viz/default.json", true),
               parse_theme(kPrintTheme, "viz/print.json", true)} {
    themes[0].name = "default";
    themes[1].name = "print";
  }
};

/// Parsed on first use; a built-in file that fails its checks is a build mistake, and the
/// test of the built-ins (tests/test_themes.cpp) catches it before any user could.
const BuiltIns& built_ins() {
  static const BuiltIns b;
  return b;
}

}  // namespace

const Theme* find_theme(std::string_view name) {
  // Only a built-in's name parses the built-ins (on first use): not every --theme FILE.
  const auto names = theme_names();
  if (std::find(names.begin(), names.end(), name) == names.end()) return nullptr;
  for (const Theme& t : built_ins().themes)
    if (name == t.name) return &t;
  return nullptr;
}

}  // namespace collabnet::render

namespace collabnet {

std::vector<std::string> theme_names() { return {"default", "print"}; }

}  // namespace collabnet
