// The public rendering API: parse options, build the scene, write DOT, hand it to Graphviz.

#include <algorithm>
#include <cctype>
#include <string_view>

#include "collabnet/diagnostic.hpp"
#include "collabnet/render.hpp"
#include "render/render_internal.hpp"

namespace collabnet {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

[[noreturn]] void bad_view(const std::string& text, const std::string& why) {
  throw InputError("--view", why + " in \"" + render::clean_text(text) +
                                 "\"; use network, geo, authority, grouping-overview, "
                                 "grouping:ID or school:ID[:RADIUS]");
}

constexpr std::size_t kMaxRadius = 10;

}  // namespace

View parse_view(const std::string& text) {
  if (text == "network") return {ViewKind::network, "", 1};
  if (text == "geo") return {ViewKind::geo, "", 1};
  if (text == "authority") return {ViewKind::authority, "", 1};
  if (text == "grouping-overview") return {ViewKind::grouping_overview, "", 1};
  if (text.rfind("grouping:", 0) == 0) {
    View v{ViewKind::grouping, text.substr(9), 1};
    if (v.id.empty()) bad_view(text, "missing grouping id");
    return v;
  }
  if (text.rfind("school:", 0) == 0) {
    View v{ViewKind::school, text.substr(7), 1};
    // A final ":DIGITS" is the radius; anything else after a colon belongs to the id.
    if (const auto colon = v.id.rfind(':'); colon != std::string::npos) {
      const std::string tail = v.id.substr(colon + 1);
      if (!tail.empty() && tail.size() <= 3 &&
          std::all_of(tail.begin(), tail.end(), [](unsigned char c) { return std::isdigit(c); })) {
        const auto radius = static_cast<std::size_t>(std::stoul(tail));
        if (radius < 1 || radius > kMaxRadius)
          bad_view(text, "the radius must be 1 to " + std::to_string(kMaxRadius));
        v.radius = radius;
        v.id.erase(colon);
      }
    }
    if (v.id.empty()) bad_view(text, "missing school id");
    return v;
  }
  bad_view(text, "unknown view");
}

std::string view_to_string(const View& view) {
  switch (view.kind) {
    case ViewKind::network: return "network";
    case ViewKind::geo: return "geo";
    case ViewKind::authority: return "authority";
    case ViewKind::grouping_overview: return "grouping-overview";
    case ViewKind::grouping: return "grouping:" + view.id;
    case ViewKind::school: {
      std::string s = "school:";
      s += view.id;
      if (view.radius != 1) {
        s += ':';
        s += std::to_string(view.radius);
      }
      return s;
    }
  }
  return "network";
}

std::optional<DiagramFormat> parse_diagram_format(std::string_view name) {
  const std::string n = lower(name);
  if (n == "svg") return DiagramFormat::svg;
  if (n == "png") return DiagramFormat::png;
  if (n == "pdf") return DiagramFormat::pdf;
  if (n == "dot" || n == "gv") return DiagramFormat::dot;
  return std::nullopt;
}

std::optional<DiagramFormat> diagram_format_for(const std::filesystem::path& file) {
  const std::string ext = file.extension().string();
  if (ext.size() < 2) return std::nullopt;
  return parse_diagram_format(std::string_view(ext).substr(1));
}

std::optional<LayoutEngine> parse_layout_engine(std::string_view name) {
  const std::string n = lower(name);
  if (n == "auto") return LayoutEngine::automatic;
  if (n == "neato") return LayoutEngine::neato;
  if (n == "sfdp") return LayoutEngine::sfdp;
  if (n == "fdp") return LayoutEngine::fdp;
  return std::nullopt;
}

std::string render_dot(const Network& network, const Analysis& analysis,
                       const RenderOptions& options) {
  return render::write_dot(render::build_scene(network, analysis, options));
}

namespace {

/// Cairo (1.16, which ignores SOURCE_DATE_EPOCH) writes the time of the run into the PDF's
/// document information: `/CreationDate (D:20261204164820Z)`. The entry is blanked with spaces
/// of the same length, so that every byte offset in the cross-reference table stays right and
/// the same diagram is the same bytes on every run. O(size).
std::string without_creation_date(std::string pdf) {
  constexpr std::string_view kKey = "/CreationDate (";
  for (std::size_t at = pdf.find(kKey); at != std::string::npos; at = pdf.find(kKey, at)) {
    const std::size_t close = pdf.find(')', at + kKey.size());
    if (close == std::string::npos) break;
    std::fill(pdf.begin() + static_cast<std::ptrdiff_t>(at),
              pdf.begin() + static_cast<std::ptrdiff_t>(close) + 1, ' ');
    at = close + 1;
  }
  return pdf;
}

}  // namespace

std::string render_diagram(const Network& network, const Analysis& analysis,
                           const RenderOptions& options) {
  const render::Scene scene = render::build_scene(network, analysis, options);
  const std::string dot = render::write_dot(scene);
  switch (options.format) {
    case DiagramFormat::dot: return dot;
    case DiagramFormat::svg: return render::graphviz_render(dot, scene.engine, "svg", render::name_key(scene));
    case DiagramFormat::png: return render::graphviz_render(dot, scene.engine, "png", render::name_key(scene));
    case DiagramFormat::pdf:
      return without_creation_date(render::graphviz_render(dot, scene.engine, "pdf", render::name_key(scene)));
  }
  return dot;
}

}  // namespace collabnet
