// The legend's school marks as nodes, and the caption of the strip of unlinked schools. The marks: the same shape, fill, outline, pen and style as the
// schools they stand for, so that a reader matches them by eye (a glyph in a font cannot show a
// fill inside an outline). graphviz.cpp sets them in a row above the drawing after layout.

#include "render/render_internal.hpp"

namespace collabnet::render {

void add_legend_marks(Scene& scene, const std::vector<LegendMark>& marks, double scale,
                      const Theme& theme) {
  const std::string size = dot_number(0.25 * scale);
  for (std::size_t k = 0; k < marks.size(); ++k) {
    const LegendMark& m = marks[k];
    SceneNode node{"legend_" + std::to_string(k), {}, {}};
    node.attrs = {{"shape", dot_quoted(m.shape)},
                  {"fillcolor", dot_quoted(m.fill)},
                  {"color", dot_quoted(m.line)},
                  {"penwidth", dot_quoted(m.pen)},
                  {"style", dot_quoted(m.style)},
                  {"width", dot_quoted(size)},
                  {"height", dot_quoted(size)},
                  {"fontsize", dot_quoted(dot_number(10 * scale, 1))},
                  {"fontcolor", dot_quoted(theme.text)},
                  {"xlabel", dot_label({m.text})},
                  {"tooltip", dot_tooltip(m.text)},
                  // SVG: <g class="node legend-mark">, so that a reader (or a style sheet, or
                  // the style check in the tests) tells the legend's marks from the schools.
                  {"class", dot_quoted("legend-mark")}};
    if (scene.engine == "nop") node.attrs.emplace_back("pos", dot_quoted("0,0!"));
    scene.nodes.push_back(std::move(node));
  }
}

void add_strip_caption(Scene& scene, std::size_t count, double scale, const Theme& theme) {
  SceneNode node{"strip_caption",
                 {{"shape", dot_quoted("plaintext")},
                  {"style", dot_quoted("solid")},
                  {"fixedsize", dot_quoted("false")},
                  {"width", dot_quoted("0")},
                  {"height", dot_quoted("0")},
                  {"margin", dot_quoted("0")},
                  {"fontsize", dot_quoted(dot_number(11 * scale, 1))},
                  {"fontcolor", dot_quoted(theme.text)},
                  {"label", dot_label({std::to_string(count) +
                                       (count == 1 ? " school" : " schools") +
                                       " with no partner school, outside any grouping box:"})}},
                 {}};
  if (scene.engine == "nop") node.attrs.emplace_back("pos", dot_quoted("0,0!"));
  scene.nodes.push_back(std::move(node));
}

}  // namespace collabnet::render
