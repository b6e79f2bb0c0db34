// The built-in diagram themes (documented in viz/README.md). Compiled in rather than read from
// viz/*.json at run time: a theme is a dozen colours and shapes, and a file found at run time
// would need a build-tree path, an install-relative fallback and a parse error path, for no gain
// to an authority, who chooses between screen and print, not between palettes.
//
// Both themes give every finding its own shape as well as its own colour, so that a diagram
// still reads when printed in greyscale or seen with a colour-vision deficiency.

#include <iterator>

#include "render/render_internal.hpp"

namespace collabnet::render {
namespace {

// Area by roll: a square of side 0.886·d, a diamond or triangle of width 1.25–1.35·d has
// about the area of a circle of diameter d, so shape does not change the apparent roll.
constexpr double kSquare = 0.886;
constexpr double kDiamond = 1.25;
constexpr double kTriangle = 1.35;

constexpr Theme kThemes[] = {
    {
        "default",
        "DejaVu Sans",
        "white",
        "#1a1a1a",
        "#5a5a5a",
        {
            {"#c6dbef", "#4a6f8a", "circle", 1.0, "\xE2\x97\x8F"},            // ● plain
            {"#e5534b", "#8c1c13", "box", kSquare, "\xE2\x96\xA0"},          // ■ isolated
            {"#c77dba", "#6d2f63", "invtriangle", kTriangle, "\xE2\x96\xBC"}, // ▼ receive-only
            {"#f0a33a", "#8a5a00", "diamond", kDiamond, "\xE2\x97\x86"},     // ◆ one partner
            {"#3d7cc9", "#1d3f6e", "doublecircle", 1.0, "\xE2\x97\x89"},     // ◉ cut school
            {"#4caf7d", "#1f6b44", "triangle", kTriangle, "\xE2\x96\xB2"},   // ▲ give-only
        },
        "#1a1a1a",
        "#f2f2f2",
        "#bdbdbd",
        "#8c9bab",
        "#444444",
        "#3d7cc9",
        "#d9d9d9",
        "#9aa9b8",
        "#f5f8fc",
        "#d62728",
        "#1a1a1a",
        "#e3ecf6",
        "#4a6f8a",
        "#9b30d9",
        "#f3f0e8",  // land: warm paper, light enough that every school's fill stands out
        "#e2edf5",  // sea
        "#b7ae9c",  // coastlines and area boundaries
        "#d62728",  // disputed survey links (dotted, heavier)
    },
    {
        // Okabe & Ito (2008), "Color Universal Design": distinguishable with every common
        // colour-vision deficiency; fills chosen to differ in lightness for greyscale print.
        "print",
        "DejaVu Sans",
        "white",
        "#000000",
        "#444444",
        {
            {"#ffffff", "#000000", "circle", 1.0, "\xE2\x97\x8F"},            // ● plain
            {"#D55E00", "#000000", "box", kSquare, "\xE2\x96\xA0"},          // ■ vermillion
            {"#CC79A7", "#000000", "invtriangle", kTriangle, "\xE2\x96\xBC"}, // ▼ reddish purple
            {"#E69F00", "#000000", "diamond", kDiamond, "\xE2\x97\x86"},     // ◆ orange
            {"#0072B2", "#000000", "doublecircle", 1.0, "\xE2\x97\x89"},     // ◉ blue
            {"#009E73", "#000000", "triangle", kTriangle, "\xE2\x96\xB2"},   // ▲ bluish green
        },
        "#000000",
        "#f2f2f2",
        "#b0b0b0",
        "#666666",
        "#000000",
        "#0072B2",
        "#cccccc",
        "#888888",
        "#f7f7f7",
        "#D55E00",
        "#000000",
        "#f0f0f0",
        "#000000",
        "#56B4E9",  // sky blue, dotted: proposed links
        "#eeeeee",  // land: light grey, so the coast reads in greyscale
        "#ffffff",  // sea: the paper
        "#9a9a9a",  // coastlines and area boundaries
        "#D55E00",  // vermillion, heavier dots: disputed survey links
    },
};

}  // namespace

const Theme* find_theme(std::string_view name) {
  for (const Theme& t : kThemes)
    if (name == t.name) return &t;
  return nullptr;
}

}  // namespace collabnet::render

namespace collabnet {

std::vector<std::string> theme_names() {
  std::vector<std::string> names;
  for (const auto& t : render::kThemes) names.emplace_back(t.name);
  return names;
}

}  // namespace collabnet
