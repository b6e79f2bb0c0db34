// What each view draws and how findings become marks. Reads the Network (what exists) and the
// Analysis (what was found); computes no metric: links are the active partnership records
// grouped per pair, marks come from the analysis' findings and figures.

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

#include "collabnet/diagnostic.hpp"
#include "collabnet/network_io.hpp"
#include "collabnet/summary.hpp"
#include "output/format.hpp"
#include "render/render_internal.hpp"

namespace collabnet::render {
namespace {

// Node area by roll: diameter ∝ √roll, 0.25 in for 100 pupils, 1 in for 1,600.
constexpr double kInchPerSqrtPupil = 0.025;
constexpr double kMinDiameter = 0.1;  // still visible and clickable in a 2-pupil school
constexpr double kMaxDiameter = 1.2;
/// Schools with a finding, and small rural schools, are drawn at least this large (a 100-pupil
/// school): the schools the diagram is about must be as easy to see as any.
constexpr double kAtRiskMinDiameter = 0.25;
constexpr const char* kSmallRuralPen = "2.5";
constexpr std::int64_t kUnknownRollDrawnAs = 100;
constexpr std::size_t kNameWrap = 18;    // code points per label line
constexpr std::size_t kNameLines = 3;
/// Title lines of at most 60 code points at 20 pt, subtitle lines of 110 at 11 pt, two legend
/// entries to a row: each about 700 pt wide (DejaVu Sans) at text scale 1, so that a drawing as
/// wide as its title still prints its 9 pt text at 6 pt at A4 width (85 times 9 pt = 765 pt).
constexpr std::size_t kTitleWrap = 60;
/// A whole network whose groupings fdp boxes is about kBoxedWidth · √Σ(d + kBoxedRoom)² inches
/// wide, d each school's diameter: its large schools take room (1.2 in per √schools, right for
/// the demo, made the generated 200 schools of larger rolls 1,222 pt where fdp drew 2,319 pt,
/// and its names printed at 4.4 pt on A4). Fitted within 3% to the demo (637 schools, 2,850 pt),
/// Highland (198, 1,572 pt) and that generated network, each with its boxes numbered.
constexpr double kBoxedWidth = 2.3, kBoxedRoom = 0.38;
constexpr double kMaxPenWidth = 6.0;
/// The invisible node that gathers small components (see gather_components): school nodes are
/// "s" and a number, so it cannot clash with one.
constexpr const char* kGatherNode = "gather";

/// Legend text grows with the drawing (see SceneBuilder::common_attrs); one view at a time.
thread_local double t_text_scale = 1.0;

std::string glyph(std::string_view colour, const char* text, int points = 14) {
  return "<font color=\"" + std::string(colour) + "\" point-size=\"" +
         dot_number(points * t_text_scale, 1) + "\">" + text + "</font>";
}

std::string swatch(std::string_view line, std::string_view fill, bool dashed) {
  return "<td border=\"1\" color=\"" + std::string(line) + "\" bgcolor=\"" + std::string(fill) + "\"" +
         (dashed ? " style=\"dashed\"" : "") + " width=\"" +
         std::to_string(static_cast<int>(26 * t_text_scale)) + "\" height=\"" +
         std::to_string(static_cast<int>(12 * t_text_scale)) + "\" fixedsize=\"true\"></td>";
}

/// Text grows with the drawing so that the smallest text (9 pt before scaling: names, link
/// labels, the source line) still prints at 6 pt when a drawing of about this width, with 40% to
/// spare for names at its edges and the title, is scaled to A4's printable width (510 pt):
/// 9 · scale ≥ 1.4 · width / 85. Within 1 to 5.
double text_scale_for(double width_inches) {
  return std::clamp(text_scale_needed(width_inches * 72.0), 1.0, 5.0);
}

const Mark& mark_of(const Theme& theme, SchoolMark m) { return theme.marks[static_cast<int>(m)]; }

double school_diameter(const School& school) {
  const auto roll = school.roll.value_or(kUnknownRollDrawnAs);
  const double d = kInchPerSqrtPupil * std::sqrt(static_cast<double>(std::max<std::int64_t>(roll, 0)));
  return std::clamp(d, kMinDiameter, kMaxDiameter);
}

double pen_width(double weight) { return std::clamp(std::sqrt(weight), 1.0, kMaxPenWidth); }

std::string display_name(const School& s) { return s.name.empty() ? s.id : s.name; }
std::string display_name(const Grouping& g) { return g.name.empty() ? g.id : g.name; }

/// The network's title, and the data-source attribution when the name carries one (imports
/// append the Open Government Licence attribution to the name so that it travels with the data).
std::pair<std::string, std::string> split_title(const std::string& name) {
  std::string title = name, source;
  if (const auto at = title.find(kOglAttribution); at != std::string::npos) {
    source = kOglAttribution;
    title.erase(at, std::strlen(kOglAttribution));
  } else if (const auto s = title.find("Source:"); s != std::string::npos && s > 0) {
    source = title.substr(s);
    title.erase(s);
  }
  while (!title.empty() && (title.back() == ' ' || title.back() == '.' || title.back() == '-' ||
                            title.back() == ';' || title.back() == ','))
    title.pop_back();
  return {title, source};
}

std::string plural(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

/// Everything the marks need, looked up once from the analysis.
struct Marks {
  std::vector<SchoolMark> school;                        // by school index
  std::unordered_set<std::string> one_way_records;       // partnership ids
  std::set<std::pair<std::size_t, std::size_t>> bridges; // (min, max) school index
};

Marks read_marks(const Network& network, const Analysis& analysis) {
  Marks m;
  m.school.assign(network.schools.size(), SchoolMark::plain);
  std::unordered_map<std::string_view, std::size_t> index;
  index.reserve(network.schools.size());
  for (std::size_t i = 0; i < network.schools.size(); ++i) index.emplace(network.schools[i].id, i);
  auto school_of = [&](const Finding& f) -> std::optional<std::size_t> {
    if (f.subject.size() != 1) return std::nullopt;
    const auto it = index.find(f.subject[0]);
    return it == index.end() ? std::nullopt : std::optional<std::size_t>(it->second);
  };
  // SchoolMark order is kFindingKinds' urgency order: the most urgent finding wins the mark.
  static const std::pair<std::string_view, SchoolMark> kKinds[] = {
      {"isolated-school", SchoolMark::isolated},
      {"receive-only-school", SchoolMark::receive_only},
      {"weakly-connected-school", SchoolMark::one_partner},
      {"cut-school", SchoolMark::cut},
      {"give-only-school", SchoolMark::give_only},
  };
  for (const Finding& f : analysis.findings) {
    for (const auto& [kind, mark] : kKinds) {
      if (f.kind != kind) continue;
      if (const auto v = school_of(f); v && (m.school[*v] == SchoolMark::plain ||
                                             static_cast<int>(mark) < static_cast<int>(m.school[*v])))
        m.school[*v] = mark;
    }
    if (f.kind == "one-way-link" && f.subject.size() == 1) m.one_way_records.insert(f.subject[0]);
    if (f.kind == "bridge-link" && f.subject.size() == 2) {
      const auto a = index.find(f.subject[0]), b = index.find(f.subject[1]);
      if (a != index.end() && b != index.end())
        m.bridges.emplace(std::min(a->second, b->second), std::max(a->second, b->second));
    }
  }
  return m;
}

/// Partnership records taking part in the analysis (active on its as-of date, if any).
std::vector<std::size_t> active_records(const Network& network, const Analysis& analysis) {
  std::vector<std::size_t> out;
  out.reserve(network.partnerships.size());
  const auto& as_of = analysis.settings.as_of;
  // --ties confirmed: the records the analysis left out are not drawn either.
  const bool confirmed_only = analysis.survey && analysis.settings.confirmed_ties_only;
  for (std::size_t r = 0; r < network.partnerships.size(); ++r) {
    if (as_of && !network.partnerships[r].active_on(*as_of)) continue;
    if (confirmed_only && r < analysis.survey->confirmation.size() &&
        (analysis.survey->confirmation[r] == Confirmation::unconfirmed ||
         analysis.survey->confirmation[r] == Confirmation::disputed))
      continue;
    out.push_back(r);
  }
  return out;
}

/// A link proposed by `collabnet suggest --write-network` (suggestions-output.md): a partnership
/// record marked "proposed": true, not one that exists.
bool is_proposed(const Partnership& p) {
  for (const ExtraAttribute& e : p.extra)
    if (e.key == "proposed") return e.json == "true";
  return false;
}

/// One drawn link: the records between a pair of drawn schools.
struct PairLink {
  std::size_t a = 0, b = 0;         // school indices, a < b
  std::vector<std::size_t> records; // in file order
  double weight = 0;
  std::optional<std::size_t> one_way;  // a record the analysis found one-way with nothing back
};

class SceneBuilder {
 public:
  SceneBuilder(const Network& network, const Analysis& analysis, const RenderOptions& options,
               const Theme& theme)
      : net_(network), an_(analysis), opt_(options), theme_(theme) {}

  Scene build() {
    marks_ = read_marks(net_, an_);
    records_ = active_records(net_, an_);
    switch (opt_.view.kind) {
      case ViewKind::network: return school_view(all_schools(), {}, "");
      case ViewKind::geo: return geo_view();
      case ViewKind::grouping: return grouping_view();
      case ViewKind::school: return neighbourhood_view();
      case ViewKind::authority: return authority_view();
      case ViewKind::grouping_overview: return grouping_overview();
    }
    throw std::logic_error("unknown view kind");
  }

 private:
  const Network& net_;
  const Analysis& an_;
  const RenderOptions& opt_;
  const Theme& theme_;
  std::string map_credit_;  ///< the basemap's attribution line, under the title
  std::string box_key_;     ///< numbered boxes' key, a row under the legend (group_key.cpp)
  Marks marks_;
  std::vector<std::size_t> records_;
  Legend legend_;
  std::optional<LegendMark> legend_marks_[static_cast<std::size_t>(LegendKey::count)];
  std::vector<std::size_t> name_rank_;  ///< by school: see choose_names; empty when not chosen

  std::vector<std::size_t> all_schools() const {
    std::vector<std::size_t> v(net_.schools.size());
    for (std::size_t i = 0; i < v.size(); ++i) v[i] = i;
    return v;
  }

  std::string engine_for(std::size_t nodes, bool want_clusters) const {
    switch (opt_.layout) {
      case LayoutEngine::neato: return "neato";
      case LayoutEngine::sfdp: return "sfdp";
      case LayoutEngine::fdp: return "fdp";
      case LayoutEngine::automatic: break;
    }
    if (nodes > opt_.sfdp_threshold) return "sfdp";
    // neato only draws a box around wherever a cluster's members land; fdp keeps them together.
    return want_clusters ? "fdp" : "neato";
  }

  bool labels_for(std::size_t nodes) const {
    switch (opt_.labels) {
      case LabelMode::shown: return true;
      case LabelMode::hidden: return false;
      case LabelMode::automatic: break;
    }
    return nodes <= opt_.label_limit;
  }

  /// A large view with automatic names: the schools offered a name, in order (label_choice.cpp),
  /// each named where it fits. Returns whether this view chooses; the subtitle's words then come
  /// from naming_note (with the count, once laid out: Scene::chosen_of).
  bool choose_names(const std::vector<std::size_t>& schools, const std::vector<char>& faded,
                    std::optional<std::size_t> focus) {
    name_rank_.clear();
    if (opt_.labels != LabelMode::automatic || schools.size() <= opt_.label_limit) return false;
    std::vector<NamingCandidate> candidates;
    for (std::size_t v : schools)
      candidates.push_back({v, focus == v, !faded.empty() && faded[v] != 0, marks_.school[v],
                            v < an_.schools.size() && an_.schools[v].small && an_.schools[v].rural,
                            net_.schools[v].roll});
    name_rank_.assign(net_.schools.size(), SIZE_MAX);
    const std::vector<std::size_t> order = naming_order(candidates);
    for (std::size_t k = 0; k < order.size(); ++k) name_rank_[order[k]] = k;
    return true;
  }

  /// The subtitle's words for a view that chooses names: the rule in a DOT file; else nothing
  /// here, the count and the rule go under the subtitle once laid out.
  std::string chosen_names_note(Scene& scene, std::size_t schools) const {
    if (opt_.format == DiagramFormat::dot)
      return "; " + naming_note(std::nullopt, schools, opt_.flag_hints);
    scene.chosen_of = schools;
    scene.flag_hints = opt_.flag_hints;
    return {};
  }

  /// Title, legend and graph settings. `width_inches` estimates the drawing's width: text
  /// grows with it so that the title and legend stay legible when the whole is scaled to a page.
  void common_attrs(Scene& scene, const std::string& subtitle, bool labels, double width_inches) {
    const double scale = text_scale_for(width_inches);
    const auto pt = [scale](double size) { return dot_number(size * scale, 1); };
    const auto [title, source] = split_title(net_.name);
    std::string html = "<<table border=\"0\" cellborder=\"0\" cellspacing=\"0\" cellpadding=\"2\">";
    html += logo_row(theme_, 11 * scale);
    std::string title_html;
    for (const std::string& line :
         wrap_text(title.empty() ? "School partnerships" : title, kTitleWrap, 3)) {
      if (!title_html.empty()) title_html += "<br align=\"left\"/>";
      title_html += html_text(line);
    }
    html += "<tr><td align=\"left\" balign=\"left\"><font point-size=\"" + pt(theme_.title_size) + "\" color=\"" +
            std::string(theme_.text) + "\">" + title_html + "</font></td></tr>";
    std::string sub;
    for (const std::string& line : wrap_text(subtitle, 110, 5)) {
      if (!sub.empty()) sub += "<br align=\"left\"/>";
      sub += html_text(line);
    }
    html += "<tr><td align=\"left\" balign=\"left\"><font point-size=\"" + pt(11) + "\" color=\"" +
            std::string(theme_.muted_text) + "\">" + sub + "</font></td></tr>";
    if (!source.empty())
      html += "<tr><td align=\"left\"><font point-size=\"" + pt(9) + "\" color=\"" +
              std::string(theme_.muted_text) + "\">" + html_text(clean_text(source)) +
              "</font></td></tr>";
    if (!map_credit_.empty()) {
      std::string credit;
      for (const std::string& line : wrap_text(map_credit_, 110, 4)) {
        if (!credit.empty()) credit += "<br align=\"left\"/>";
        credit += html_text(line);
      }
      html += "<tr><td align=\"left\" balign=\"left\"><font point-size=\"" + pt(9) +
              "\" color=\"" + std::string(theme_.muted_text) + "\">" + credit +
              "</font></td></tr>";
    }
    const std::string legend = legend_.html(theme_, scale);
    if (!legend.empty()) html += "<tr><td align=\"left\">" + legend + "</td></tr>";
    html += box_key_ + "</table>>";

    std::vector<LegendMark> marks;
    for (const auto& m : legend_marks_)
      if (m) marks.push_back(*m);
    add_legend_marks(scene, marks, scale, theme_);
    scene.key_point_size = 10 * scale;
    scene.key_colour = theme_.text;
    scene.note_point_size = 11 * scale;
    scene.note_colour = theme_.muted_text;
    Attrs& g = scene.graph_attrs;
    g.emplace_back("layout", dot_quoted(scene.engine));
    g.emplace_back("label", html);
    g.emplace_back("labelloc", dot_quoted("t"));
    g.emplace_back("labeljust", dot_quoted("l"));
    g.emplace_back("fontname", dot_quoted(theme_.font));
    g.emplace_back("bgcolor", dot_quoted(theme_.background));
    g.emplace_back("pad", dot_quoted("0.3"));
    g.emplace_back("outputorder", dot_quoted("edgesfirst"));
    if (scene.engine != "nop") {
      g.emplace_back("start", dot_quoted("1"));  // seeded: same input, same drawing
      if (scene.engine == "sfdp") {
        g.emplace_back("overlap", dot_quoted("prism0"));  // removal without the costly retries
      } else {
        g.emplace_back("overlap", dot_quoted("false"));
        g.emplace_back("sep", dot_quoted(labels ? "+16" : "+6"));  // room for names
      }
      g.emplace_back("splines", dot_quoted("false"));
    } else {
      g.emplace_back("splines", dot_quoted("false"));
    }
    if (labels) g.emplace_back("forcelabels", dot_quoted("true"));
    if (opt_.format == DiagramFormat::png) g.emplace_back("dpi", dot_quoted("150"));
    scene.node_defaults = {{"label", "\"\""},
                           {"shape", dot_quoted(mark_of(theme_, SchoolMark::plain).shape)},
                           {"fixedsize", dot_quoted("true")},
                           {"style", dot_quoted("filled")},
                           {"fontname", dot_quoted(theme_.font)},
                           {"fontsize", dot_quoted("9")},
                           {"fontcolor", dot_quoted(theme_.text)},
                           {"fillcolor", dot_quoted(mark_of(theme_, SchoolMark::plain).fill)},
                           {"color", dot_quoted(mark_of(theme_, SchoolMark::plain).line)},
                           {"width", dot_quoted("0.25")},
                           {"height", dot_quoted("0.25")}};
    scene.edge_defaults = {{"color", dot_quoted(theme_.link)},
                           {"fontname", dot_quoted(theme_.font)},
                           {"fontsize", dot_quoted(pt(9))},
                           {"fontcolor", dot_quoted(theme_.muted_text)},
                           {"arrowsize", dot_quoted("0.7")}};
  }

  /// A school mark for the legend, drawn there as a node with exactly these attributes.
  void add_mark(LegendKey key, std::string_view shape, std::string_view fill,
                std::string_view line, const char* pen, const char* style, std::string text) {
    auto& slot = legend_marks_[static_cast<std::size_t>(key)];
    if (slot) return;
    LegendMark mark;
    mark.shape = std::string(shape);
    mark.fill = std::string(fill);
    mark.line = std::string(line);
    mark.pen = pen;
    mark.style = style;
    mark.text = std::move(text);
    slot = std::move(mark);
  }

  std::string finding_words(SchoolMark m) const {
    switch (m) {
      case SchoolMark::isolated: return "no partner school";
      case SchoolMark::receive_only: return "only receives one-way support";
      case SchoolMark::one_partner: return "only one partner school";
      case SchoolMark::cut: return "cut school: the network splits without it";
      case SchoolMark::give_only: return "only gives one-way support";
      default: return "";
    }
  }

  /// A school node. `faded`: an outside partner in a grouping view; `focus`: the school of a
  /// neighbourhood view.
  SceneNode school_node(std::size_t v, bool labels, bool faded, bool focus, double size_factor) {
    const School& s = net_.schools[v];
    const SchoolMark m = marks_.school[v];
    // A faded partner outside the grouping is a plain faded circle, as the legend shows it: its
    // own finding is its grouping's concern (and in its tooltip).
    const Mark& mark = mark_of(theme_, faded ? SchoolMark::plain : m);
    const Mark& plain = mark_of(theme_, SchoolMark::plain);
    SceneNode node{"s" + std::to_string(v), {}, {}};
    Attrs& a = node.attrs;
    const bool small_rural = v < an_.schools.size() && an_.schools[v].small && an_.schools[v].rural;
    // At-risk schools (a finding, or small and rural) are never smaller than a 100-pupil school.
    const bool at_risk = !faded && (m != SchoolMark::plain || small_rural);
    double d = school_diameter(s) * mark.size_scale * size_factor;
    if (at_risk) d = std::max(d, kAtRiskMinDiameter * mark.size_scale * size_factor);
    if (d != 0.25) {
      a.emplace_back("width", dot_quoted(dot_number(d)));
      a.emplace_back("height", dot_quoted(dot_number(d)));
    }
    if (m != SchoolMark::plain && !faded) a.emplace_back("shape", dot_quoted(mark.shape));
    const char* dashed = s.roll ? "filled" : "filled,dashed";
    if (faded) {
      a.emplace_back("fillcolor", dot_quoted(theme_.faded_fill));
      a.emplace_back("color", dot_quoted(theme_.faded_line));
      a.emplace_back("fontcolor", dot_quoted(theme_.muted_text));
      add_mark(LegendKey::faded, "circle", theme_.faded_fill, theme_.faded_line, "1", "filled",
               "faded: partner outside the grouping");
    } else {
      if (m != SchoolMark::plain) {
        a.emplace_back("fillcolor", dot_quoted(mark.fill));
        a.emplace_back("color", dot_quoted(mark.line));
      }
      add_mark(static_cast<LegendKey>(static_cast<int>(m)), mark.shape, mark.fill, mark.line, "1",
               "filled",
               m == SchoolMark::plain ? "school: area shows pupils on roll" : finding_words(m));
      if (m != SchoolMark::plain)
        add_mark(LegendKey::plain, plain.shape, plain.fill, plain.line, "1", "filled",
                 "school: area shows pupils on roll");
    }
    if (focus) {
      a.emplace_back("penwidth", dot_quoted("4"));
      a.emplace_back("color", dot_quoted(theme_.focus_line));
      add_mark(LegendKey::focus, plain.shape, plain.fill, theme_.focus_line, "4", "filled",
               "heavy black outline: the school in focus");
    } else if (small_rural && !faded) {
      // Heavier, in the mark's own outline colour: the finding's fill stays visible inside.
      a.emplace_back("penwidth", dot_quoted(kSmallRuralPen));
      add_mark(LegendKey::small_rural, plain.shape, plain.fill, plain.line, kSmallRuralPen,
               "filled",
               "heavy outline: small rural school (roll under " +
                   std::to_string(an_.settings.small_school_roll) + ")");
    }
    if (!s.roll) {
      a.emplace_back("style", dot_quoted(dashed));
      if (!faded)
        add_mark(LegendKey::unknown_roll, plain.shape, plain.fill, plain.line, "1", dashed,
                 "dashed outline: roll not given (drawn as " +
                     std::to_string(kUnknownRollDrawnAs) + " pupils)");
    }
    if (!name_rank_.empty()) node.name_rank = name_rank_[v];
    if (labels || node.name_rank != SIZE_MAX) {
      // A large view's names grow with its text, to be read where it is printed; --labels keeps
      // every name at 9 pt, numbered where crowded.
      if (!labels && t_text_scale != 1.0)
        a.emplace_back("fontsize", dot_quoted(dot_number(9 * t_text_scale, 1)));
      a.emplace_back("xlabel", dot_label(wrap_text(display_name(s), kNameWrap, kNameLines)));
      if (labels) node.key_name = html_text(clean_text(display_name(s)));
    }
    std::string tip = display_name(s) + " (" + s.id + ")";
    if (s.roll) tip += ", " + plural(static_cast<std::size_t>(*s.roll), "pupil", "pupils");
    if (m != SchoolMark::plain) tip += ": " + finding_words(m);
    a.emplace_back("tooltip", dot_tooltip(tip));
    return node;
  }

  /// Links between drawn schools, one per pair, in the order of their first record.
  std::vector<PairLink> pair_links(const std::vector<char>& drawn,
                                   const std::vector<char>* must_touch) const {
    std::vector<PairLink> links;
    std::unordered_map<std::uint64_t, std::size_t> at;
    for (std::size_t r : records_) {
      const Partnership& p = net_.partnerships[r];
      if (!drawn[p.from] || !drawn[p.to]) continue;
      if (must_touch && !(*must_touch)[p.from] && !(*must_touch)[p.to]) continue;
      const std::size_t a = std::min(p.from, p.to), b = std::max(p.from, p.to);
      const std::uint64_t key = (static_cast<std::uint64_t>(a) << 32) | b;
      auto [it, fresh] = at.emplace(key, links.size());
      if (fresh) links.push_back(PairLink{a, b, {}, 0, std::nullopt});
      PairLink& link = links[it->second];
      link.records.push_back(r);
      link.weight += p.weight;
      if (!link.one_way && marks_.one_way_records.count(p.id)) link.one_way = r;
    }
    return links;
  }

  void add_links(Scene& scene, const std::vector<PairLink>& links, bool labels,
                 const std::vector<char>* faded) {
    for (const PairLink& link : links) {
      const bool dim = faded && ((*faded)[link.a] || (*faded)[link.b]);
      const bool bridge = marks_.bridges.count({link.a, link.b}) > 0;
      const std::string tip_pair = display_name(net_.schools[link.a]) + " \xE2\x80\x93 " +
                                   display_name(net_.schools[link.b]);
      if (opt_.multi_edges) {
        for (std::size_t r : link.records) {
          const Partnership& p = net_.partnerships[r];
          SceneEdge e{"s" + std::to_string(p.from), "s" + std::to_string(p.to), {}};
          const bool one_way = p.direction == Direction::one_way;
          style_edge(e.attrs, pen_width(p.weight), one_way, bridge, dim);
          const LinkConfirmation conf = confirm_edge(e.attrs, {r}, dim);
          e.attrs.emplace_back("tooltip", dot_tooltip(tip_pair + ": partnership " + p.id +
                                                      (one_way ? ", one-way" : "") + ", weight " +
                                                      output::format_number(p.weight) +
                                                      confirmation_tail(conf)));
          scene.edges.push_back(std::move(e));
        }
        continue;
      }
      std::size_t tail = link.a, head = link.b;
      if (link.one_way) {
        tail = net_.partnerships[*link.one_way].from;
        head = net_.partnerships[*link.one_way].to;
      }
      SceneEdge e{"s" + std::to_string(tail), "s" + std::to_string(head), {}};
      if (std::all_of(link.records.begin(), link.records.end(),
                      [&](std::size_t r) { return is_proposed(net_.partnerships[r]); })) {
        // Dotted, in a colour of its own: an option to weigh, not a partnership.
        e.attrs.emplace_back("style", dot_quoted("dotted"));
        e.attrs.emplace_back("penwidth", dot_quoted("2"));
        e.attrs.emplace_back("color", dot_quoted(theme_.suggested));
        legend_.add(LegendKey::suggested, glyph(theme_.suggested, "\xE2\x94\x88\xE2\x94\x88"),
                    "suggested partner: a proposed link, not yet a partnership");
        e.attrs.emplace_back("tooltip", dot_tooltip(tip_pair + ": suggested partner (proposed)"));
        scene.edges.push_back(std::move(e));
        continue;
      }
      style_edge(e.attrs, pen_width(link.weight), link.one_way.has_value(), bridge, dim);
      const LinkConfirmation conf = confirm_edge(e.attrs, link.records, dim);
      const std::size_t n = link.records.size();
      if (n > 1 && labels) {
        e.attrs.emplace_back("label", dot_label({"\xC3\x97" + std::to_string(n)}));
        legend_.add(LegendKey::records, "<font point-size=\"" + dot_number(10 * t_text_scale, 1) +
                                             "\">\xC3\x97" "3</font>",
                    "number of partnership records between two schools");
      }
      e.attrs.emplace_back("tooltip", dot_tooltip(tip_pair + ": " + plural(n, "partnership", "partnerships") +
                                                  ", total weight " + output::format_number(link.weight) +
                                                  confirmation_tail(conf)));
      scene.edges.push_back(std::move(e));
    }
  }

  /// Survey networks: unconfirmed and disputed links restyled (confirmation.cpp), each in the
  /// legend once used.
  LinkConfirmation confirm_edge(Attrs& a, const std::vector<std::size_t>& records, bool dim) {
    const LinkConfirmation c = link_confirmation(an_, records);
    style_confirmation(a, c, theme_, dim);
    if (c == LinkConfirmation::unconfirmed)
      legend_.add(LegendKey::unconfirmed, glyph(theme_.link, "\xE2\x94\x88\xE2\x94\x88"),
                  confirmation_words(c));
    else if (c == LinkConfirmation::disputed)
      legend_.add(LegendKey::disputed, glyph(theme_.disputed, "<b>\xE2\x94\x88\xE2\x94\x88</b>"),
                  confirmation_words(c));
    return c;
  }
  static std::string confirmation_tail(LinkConfirmation c) {
    return c == LinkConfirmation::plain ? std::string() : std::string("; ") + confirmation_words(c);
  }

  void style_edge(Attrs& a, double width, bool one_way, bool bridge, bool dim) {
    if (width != 1.0) a.emplace_back("penwidth", dot_quoted(dot_number(width, 2)));
    if (one_way) {
      a.emplace_back("dir", dot_quoted("forward"));
      a.emplace_back("style", dot_quoted("dashed"));
    }
    if (dim) {
      a.emplace_back("color", dot_quoted(theme_.faded_link));
    } else if (bridge) {
      a.emplace_back("color", dot_quoted(theme_.bridge));
      legend_.add(LegendKey::bridge, glyph(theme_.bridge, "\xE2\x94\x81\xE2\x94\x81"),
                  "link whose loss splits the network");
    } else if (one_way) {
      a.emplace_back("color", dot_quoted(theme_.one_way));
    }
    if (one_way)
      legend_.add(LegendKey::one_way,
                  glyph(theme_.one_way, "\xE2\x95\x8C\xE2\x95\x8C\xE2\x96\xB6", 12),
                  "one-way: knowledge flows along the arrow, nothing runs back");
    else
      legend_.add(LegendKey::link, glyph(theme_.link, "\xE2\x94\x81\xE2\x94\x81"),
                  "partnership; line width shows total weight");
  }

  /// Graphviz's sfdp and fdp lay out each connected component on its own and then pack them
  /// (polyomino packing, always on), which takes time roughly quadratic in their number: 437 CPU
  /// s for 9,909 unlinked schools. Above opt_.pack_limit components, every component but the
  /// largest (ties: the first) is tied by an invisible edge from its first school to one
  /// invisible node, so that Graphviz sees two components. Deterministic: components and their
  /// first schools follow the drawing's order. Returns the number of schools so gathered (0:
  /// nothing done). O(n + links).
  std::size_t gather_components(Scene& scene, const std::vector<std::size_t>& schools,
                                const std::vector<PairLink>& links) const {
    std::vector<std::size_t> parent(net_.schools.size());
    for (std::size_t v : schools) parent[v] = v;
    auto find = [&parent](std::size_t v) {
      while (parent[v] != v) v = parent[v] = parent[parent[v]];
      return v;
    };
    for (const PairLink& l : links) {
      const std::size_t a = find(l.a), b = find(l.b);
      if (a != b) parent[std::max(a, b)] = std::min(a, b);
    }
    std::vector<std::size_t> first;  // each component's first school, in drawing order
    std::vector<std::size_t> size;
    std::unordered_map<std::size_t, std::size_t> component_of_root;
    for (std::size_t v : schools) {
      const auto [it, fresh] = component_of_root.emplace(find(v), first.size());
      if (fresh) {
        first.push_back(v);
        size.push_back(0);
      }
      ++size[it->second];
    }
    if (first.size() <= opt_.pack_limit) return 0;
    // The largest stays apart, unless no school is linked at all: then all are gathered.
    const std::size_t largest =
        links.empty() ? SIZE_MAX
                      : static_cast<std::size_t>(std::max_element(size.begin(), size.end()) -
                                                 size.begin());
    scene.nodes.push_back(SceneNode{kGatherNode,
                                    {{"label", "\"\""},
                                     {"style", dot_quoted("invis")},
                                     {"shape", dot_quoted("point")},
                                     {"width", dot_quoted("0.01")},
                                     {"height", dot_quoted("0.01")}},
                                    {}});
    std::size_t gathered = 0;
    for (std::size_t c = 0; c < first.size(); ++c) {
      if (c == largest) continue;
      scene.edges.push_back(SceneEdge{kGatherNode, "s" + std::to_string(first[c]),
                                      {{"style", dot_quoted("invis")}}});
      gathered += size[c];
    }
    return gathered;
  }

  /// A whole network with links: the schools without a link that are in no grouping box are
  /// marked for the strip below the drawing (graphviz.cpp), under a caption, so that the network
  /// fills the drawing and the unlinked schools still read as a group. Returns their number.
  std::size_t strip_unlinked(Scene& scene, const std::vector<std::size_t>& schools,
                             const std::vector<PairLink>& links,
                             const std::vector<std::size_t>& node_of) const {
    if (links.empty()) return 0;
    std::vector<char> linked(net_.schools.size(), 0), boxed(scene.nodes.size(), 0);
    for (const PairLink& l : links) linked[l.a] = linked[l.b] = 1;
    for (const SceneCluster& c : scene.clusters)
      for (std::size_t i : c.nodes) boxed[i] = 1;
    std::size_t count = 0;
    for (std::size_t v : schools) {
      if (linked[v] || boxed[node_of[v]]) continue;
      scene.nodes[node_of[v]].attrs.emplace_back("_strip", dot_quoted("1"));
      ++count;
    }
    if (count > 0) add_strip_caption(scene, count, t_text_scale, theme_);
    return count;
  }

  /// Declared groupings as boxes where they do not overlap: groupings are taken smallest first
  /// (ties by file order), and one becomes a box only when none of its drawn members is in a
  /// box already. So a school in two groupings sits in the smaller one's box, and the larger,
  /// overlapping grouping is not boxed.
  /// Where their names would print below 6 pt on A4 (number_grouping_boxes), the boxes carry
  /// numbers 1, 2 … in file order instead, and a key under the legend names them.
  void add_clusters(Scene& scene, const std::vector<std::size_t>& node_of_school,
                    double width_inches) {
    std::vector<std::size_t> order(net_.groupings.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
      return net_.groupings[x].members.size() < net_.groupings[y].members.size();
    });
    std::vector<char> boxed(net_.schools.size(), 0);
    std::vector<std::pair<std::size_t, SceneCluster>> made;
    for (std::size_t gi : order) {
      const Grouping& g = net_.groupings[gi];
      std::vector<std::size_t> members;
      bool overlaps = false;
      for (std::size_t v : g.members) {
        if (node_of_school[v] == SIZE_MAX) continue;
        if (boxed[v]) overlaps = true;
        members.push_back(v);
      }
      if (overlaps || members.size() < 2) continue;
      std::sort(members.begin(), members.end());
      members.erase(std::unique(members.begin(), members.end()), members.end());
      SceneCluster c{"cluster_" + std::to_string(gi), {}, {}};
      for (std::size_t v : members) {
        boxed[v] = 1;
        c.nodes.push_back(node_of_school[v]);
      }
      made.emplace_back(gi, std::move(c));
    }
    std::sort(made.begin(), made.end(),
              [](const auto& x, const auto& y) { return x.first < y.first; });
    const bool numbered = number_grouping_boxes(width_inches);
    std::vector<std::pair<std::string, std::string>> names;
    for (auto& [gi, c] : made) {
      c.attrs = grouping_cluster_attrs(gi, numbered ? names.size() + 1 : 0);
      const Grouping& g = net_.groupings[gi];
      if (numbered) names.push_back({display_name(g), ""});
      scene.clusters.push_back(std::move(c));
    }
    box_key_ = group_key_row(names, "<b>Numbered grouping boxes</b>: the groupings they are",
                             10 * t_text_scale, theme_.text, width_inches * 72.0);
  }

  /// A grouping's box, named, or (`number` > 0) carrying its number in the key.
  Attrs grouping_cluster_attrs(std::size_t gi, std::size_t number = 0) {
    const Grouping& g = net_.groupings[gi];
    const bool oversize = gi < an_.groupings.size() && an_.groupings[gi].oversize;
    Attrs a;
    const std::string name = display_name(g);
    a.emplace_back("label", number > 0 ? dot_label({std::to_string(number)})
                                       : dot_label(wrap_text(name, 30, 2)));
    a.emplace_back("fontname", dot_quoted(theme_.font));
    // A name is not scaled with the text: fdp sizes each box to hold its name, and names as
    // large as the scaled text spread a whole network's drawing to twice its width (5,400 pt
    // for the demo). Where they would print below 6 pt, a number at the scaled size instead.
    a.emplace_back("fontsize", dot_quoted(number > 0 ? dot_number(10 * t_text_scale, 1) : "10"));
    a.emplace_back("fontcolor", dot_quoted(oversize ? theme_.oversize_line : theme_.muted_text));
    a.emplace_back("labeljust", dot_quoted("l"));
    a.emplace_back("bgcolor", dot_quoted(theme_.grouping_fill));
    if (oversize) {
      a.emplace_back("style", dot_quoted("dashed,rounded"));
      a.emplace_back("color", dot_quoted(theme_.oversize_line));
      a.emplace_back("penwidth", dot_quoted("2"));
      legend_.add(LegendKey::oversize, swatch(theme_.oversize_line, theme_.grouping_fill, true),
                  html_text("grouping of more than " +
                            std::to_string(an_.settings.max_grouping_size) +
                            " schools (2 to 8 work best, NFER 2007)"),
                  true);
    } else {
      a.emplace_back("style", dot_quoted("rounded"));
      a.emplace_back("color", dot_quoted(theme_.grouping_line));
      legend_.add(LegendKey::grouping, swatch(theme_.grouping_line, theme_.grouping_fill, false),
                  "declared grouping", true);
    }
    a.emplace_back("tooltip", dot_tooltip(name + " (" + g.id + "), " +
                                          plural(g.members.size(), "school", "schools")));
    return a;
  }

  /// The network, grouping and neighbourhood views: schools as nodes.
  Scene school_view(const std::vector<std::size_t>& schools, const std::vector<char>& faded_list,
                    const std::string& subtitle_prefix, std::optional<std::size_t> grouping = {},
                    std::optional<std::size_t> focus = {}) {
    Scene scene;
    const bool want_clusters = opt_.view.kind == ViewKind::network ? !net_.groupings.empty()
                                                                   : grouping.has_value();
    scene.engine = engine_for(schools.size(), want_clusters);
    const bool labels = labels_for(schools.size());
    const bool chosen = choose_names(schools, faded_list, focus);
    std::vector<char> drawn(net_.schools.size(), 0);
    for (std::size_t v : schools) drawn[v] = 1;
    std::vector<char> members;
    if (grouping) {
      members.assign(net_.schools.size(), 0);
      for (std::size_t v : net_.groupings[*grouping].members) members[v] = 1;
    }
    const auto links = pair_links(drawn, grouping ? &members : nullptr);
    // sfdp and fdp pack components (see gather_components); neato does not.
    const bool packs = scene.engine == "sfdp" || scene.engine == "fdp";
    // Unlinked schools, gathered, lie packed together: far narrower than a network's drawing.
    const bool unlinked_block = packs && links.empty() && schools.size() > opt_.pack_limit;
    double width_inches =
        std::sqrt(static_cast<double>(schools.size())) * (unlinked_block ? 0.3 : 1.2);
    if (want_clusters && !grouping && scene.engine == "fdp" && !unlinked_block) {
      double room = 0;
      for (std::size_t v : schools)
        room += std::pow(school_diameter(net_.schools[v]) + kBoxedRoom, 2);
      width_inches = kBoxedWidth * std::sqrt(room);
    }
    t_text_scale = text_scale_for(width_inches);
    // sfdp packs nodes about 0.3 in apart: smaller discs keep a country-sized view legible.
    const double size_factor = scene.engine == "sfdp" ? 0.5 : 1.0;
    std::vector<std::size_t> node_of(net_.schools.size(), SIZE_MAX);
    for (std::size_t v : schools) {
      node_of[v] = scene.nodes.size();
      const bool faded = !faded_list.empty() && faded_list[v];
      scene.nodes.push_back(school_node(v, labels, faded, focus && *focus == v, size_factor));
    }
    add_links(scene, links, labels, faded_list.empty() ? nullptr : &faded_list);
    const std::size_t gathered = packs ? gather_components(scene, schools, links) : 0;
    if (want_clusters && scene.engine == "fdp") {
      if (grouping) {
        SceneCluster c{"cluster_" + std::to_string(*grouping), grouping_cluster_attrs(*grouping), {}};
        for (std::size_t v : schools)
          if (members[v]) c.nodes.push_back(node_of[v]);
        scene.clusters.push_back(std::move(c));
      } else {
        add_clusters(scene, node_of, width_inches);
      }
    }
    const std::size_t in_strip =
        opt_.view.kind == ViewKind::network ? strip_unlinked(scene, schools, links, node_of) : 0;
    std::size_t record_count = 0;
    for (const PairLink& l : links) record_count += l.records.size();
    std::string subtitle = subtitle_prefix.empty()
                               ? plural(schools.size(), "school", "schools") + " and " +
                                     plural(record_count, "partnership", "partnerships") +
                                     " between them"
                               : subtitle_prefix;
    if (chosen) subtitle += chosen_names_note(scene, schools.size());
    if (want_clusters && !grouping && scene.engine != "fdp") {
      // Say that the groupings exist but are not drawn as boxes, why, and how to get them.
      subtitle += "; declared groupings are not boxed: ";
      if (!opt_.flag_hints)
        subtitle += "the layout used at this size cannot keep a grouping together";
      else if (opt_.layout == LayoutEngine::automatic)
        subtitle += "above " + with_thousands(opt_.sfdp_threshold) +
                    " schools the layout is sfdp, which cannot keep a grouping together "
                    "(--layout fdp boxes them, slowly; --view grouping-overview draws one box "
                    "per grouping)";
      else
        subtitle += "--layout " + scene.engine + " cannot keep a grouping together (--layout fdp "
                                                 "boxes them)";
    }
    if (in_strip > 0)
      subtitle += in_strip == 1 ? std::string("; the one school with no partner school (and in no "
                                              "grouping box) is set out below the network")
                                : "; the " + with_thousands(in_strip) +
                                      " schools with no partner school (and in no grouping box) "
                                      "are set out in rows below the network";
    if (gathered > 0 && links.empty())
      subtitle += "; no school is linked to another, so the schools are simply gathered in one "
                  "place: where each sits means nothing";
    else if (gathered > 0)
      subtitle += "; the " + with_thousands(gathered) +
                  " schools outside the largest connected group are gathered in one place (packing "
                  "them around it is too slow at this size): where they sit means nothing";
    common_attrs(scene, with_dates(subtitle), labels, width_inches);
    return scene;
  }

  std::string with_dates(std::string subtitle) const {
    if (an_.network.as_of)
      subtitle += "; partnerships active on " + *an_.network.as_of;
    else if (!net_.partnerships.empty())
      subtitle += "; all partnership records, whatever their dates";
    if (net_.as_of) subtitle += "; data as of " + *net_.as_of;
    if (an_.survey && an_.settings.confirmed_ties_only)
      subtitle += "; only partnerships named by both schools (or not from the survey)";
    return subtitle;
  }

  /// "; did you mean …" for an unknown --view id (view_ids.cpp).
  template <class Record>
  std::string candidates(const std::vector<Record>& records, const char* what) const {
    std::vector<std::pair<std::string_view, std::string_view>> known;
    known.reserve(records.size());
    for (const Record& r : records) known.emplace_back(r.id, r.name);
    return view_id_candidates(known, opt_.view.id, what);
  }

  Scene grouping_view() {
    const auto gi = net_.find_grouping(opt_.view.id);
    if (!gi)
      throw InputError("--view", "unknown grouping id \"" + clean_text(opt_.view.id) + "\"" +
                                     candidates(net_.groupings, "grouping"));
    const Grouping& g = net_.groupings[*gi];
    std::vector<char> member(net_.schools.size(), 0), faded(net_.schools.size(), 0);
    for (std::size_t v : g.members) member[v] = 1;
    for (std::size_t r : records_) {
      const Partnership& p = net_.partnerships[r];
      if (member[p.from] && !member[p.to]) faded[p.to] = 1;
      if (member[p.to] && !member[p.from]) faded[p.from] = 1;
    }
    std::vector<std::size_t> schools;
    std::size_t outside = 0;
    for (std::size_t v = 0; v < net_.schools.size(); ++v) {
      if (member[v] || faded[v]) schools.push_back(v);
      if (faded[v]) ++outside;
    }
    std::size_t members = 0;
    for (std::size_t v = 0; v < member.size(); ++v) members += member[v] ? 1 : 0;
    const std::string name = g.name.empty() ? g.id : g.name + " (" + g.id + ")";
    std::string subtitle = "Grouping " + name + ": " + plural(members, "school", "schools") +
                           " and " + plural(outside, "partner", "partners") + " outside it (faded)";
    if (*gi < an_.groupings.size()) {
      const GroupingFigures& f = an_.groupings[*gi];
      subtitle += "; " + std::to_string(f.linked_pairs) + " of " + std::to_string(f.member_pairs) +
                  " member pairs work together";
      if (f.oversize)
        subtitle += "; more than " + std::to_string(an_.settings.max_grouping_size) + " schools";
    }
    return school_view(schools, faded, subtitle, *gi);
  }

  Scene neighbourhood_view() {
    const auto centre = net_.find_school(opt_.view.id);
    if (!centre)
      throw InputError("--view", "unknown school id \"" + clean_text(opt_.view.id) + "\"" +
                                     candidates(net_.schools, "school"));
    std::vector<std::vector<std::size_t>> adj(net_.schools.size());
    for (std::size_t r : records_) {
      const Partnership& p = net_.partnerships[r];
      adj[p.from].push_back(p.to);
      adj[p.to].push_back(p.from);
    }
    std::vector<std::size_t> dist(net_.schools.size(), SIZE_MAX);
    std::vector<std::size_t> queue{*centre};
    dist[*centre] = 0;
    for (std::size_t qi = 0; qi < queue.size(); ++qi) {
      const std::size_t v = queue[qi];
      if (dist[v] == opt_.view.radius) continue;
      for (std::size_t w : adj[v])
        if (dist[w] == SIZE_MAX) {
          dist[w] = dist[v] + 1;
          queue.push_back(w);
        }
    }
    std::vector<std::size_t> schools;
    for (std::size_t v = 0; v < net_.schools.size(); ++v)
      if (dist[v] != SIZE_MAX) schools.push_back(v);
    const School& s = net_.schools[*centre];
    std::string subtitle = "Partners of " + display_name(s) + " (" + s.id + ")" +
                           (opt_.view.radius == 1
                                ? std::string()
                                : " up to " + std::to_string(opt_.view.radius) + " steps away") +
                           ": " + plural(schools.size() - 1, "school", "schools");
    return school_view(schools, {}, subtitle, std::nullopt, *centre);
  }

  Scene geo_view() {
    Scene scene;
    scene.engine = "nop";  // positions are the map: Graphviz only draws
    std::vector<std::size_t> schools;
    std::vector<std::pair<double, double>> lat_lon;
    std::vector<double> diameters;
    const std::size_t located = static_cast<std::size_t>(std::count_if(
        net_.schools.begin(), net_.schools.end(), [](const School& s) { return s.lat && s.lon; }));
    // At the scale of a region, schools drawn at full size would cover their towns.
    const double size_factor = located > opt_.label_limit ? 0.5 : 1.0;
    for (std::size_t v = 0; v < net_.schools.size(); ++v) {
      const School& s = net_.schools[v];
      if (!s.lat || !s.lon) continue;
      schools.push_back(v);
      lat_lon.emplace_back(*s.lat, *s.lon);
      diameters.push_back(school_diameter(s) * mark_of(theme_, marks_.school[v]).size_scale *
                          size_factor * 72.0);
    }
    const bool labels = labels_for(schools.size());
    const bool chosen = choose_names(schools, {}, std::nullopt);
    // Room for the map grows with the number of schools, within what a page or screen holds.
    const double width = std::clamp(std::sqrt(static_cast<double>(schools.size())) * 80.0, 400.0, 3000.0);
    t_text_scale = text_scale_for(width / 72.0);
    MapProjection projection;
    const auto at = place_on_map(lat_lon, diameters, width, 0.35 * 72.0, &projection);
    if (opt_.basemap && !at.empty()) add_basemap(scene, at, diameters, projection);
    std::vector<char> drawn(net_.schools.size(), 0);
    for (std::size_t i = 0; i < schools.size(); ++i) {
      drawn[schools[i]] = 1;
      SceneNode node = school_node(schools[i], labels, false, false, size_factor);
      node.attrs.emplace_back("pos", dot_quoted(dot_number(at[i].x, 2) + "," + dot_number(at[i].y, 2) + "!"));
      scene.nodes.push_back(std::move(node));
    }
    const auto links = pair_links(drawn, nullptr);
    add_links(scene, links, labels, nullptr);
    std::string subtitle = plural(schools.size(), "school", "schools") +
                           " at their locations (north up; equirectangular, scaled by the cosine of "
                           "the mean latitude; crowded schools nudged apart by at most 0.35 in)";
    if (schools.size() < net_.schools.size())
      subtitle += "; " + plural(net_.schools.size() - schools.size(), "school", "schools") +
                  " without a location not shown";
    if (chosen) subtitle += chosen_names_note(scene, schools.size());
    common_attrs(scene, with_dates(subtitle), labels, width / 72.0);
    return scene;
  }

  /// The basemap beneath the schools: drawn over the schools' extent and a margin, held open
  /// by two invisible corner nodes (Graphviz sizes a pinned drawing by its nodes), and credited
  /// under the title with the attribution its file carries.
  void add_basemap(Scene& scene, const std::vector<Point>& at, const std::vector<double>& diameters,
                   const MapProjection& projection) {
    constexpr double kMargin = 24.0;  // points of map around the outermost schools
    Box frame{1e300, 1e300, -1e300, -1e300};
    for (std::size_t i = 0; i < at.size(); ++i) {
      const double r = diameters[i] / 2;
      frame.x0 = std::min(frame.x0, at[i].x - r);
      frame.y0 = std::min(frame.y0, at[i].y - r);
      frame.x1 = std::max(frame.x1, at[i].x + r);
      frame.y1 = std::max(frame.y1, at[i].y + r);
    }
    frame = {frame.x0 - kMargin, frame.y0 - kMargin, frame.x1 + kMargin, frame.y1 + kMargin};
    // Outlines as thin as a hairline on the page the map is printed on (the map is scaled down
    // as the text is scaled up).
    const BasemapDrawing drawing =
        basemap_background(*opt_.basemap, projection, frame, theme_, 0.7 * t_text_scale);
    const std::string file = std::filesystem::path(opt_.basemap->file).filename().string();
    if (drawing.xdot.empty()) {
      map_credit_ = "No area of the basemap " + file + " lies where these schools are.";
      return;
    }
    // Graphviz's DOT reader takes quoted strings of at most 16,384 bytes; a map's outlines are
    // longer, so the value is written as quoted pieces joined with '+', which DOT concatenates.
    std::string value;
    for (std::size_t from = 0; from < drawing.xdot.size();) {
      std::size_t end = std::min(drawing.xdot.size(), from + 8000);
      if (end < drawing.xdot.size()) end = drawing.xdot.rfind(' ', end) + 1;
      value += (value.empty() ? "" : " + ") + dot_quoted(drawing.xdot.substr(from, end - from));
      from = end;
    }
    scene.graph_attrs.emplace_back("_background", value);
    for (const auto& [name, corner] : {std::pair{"basemap_sw", Point{frame.x0, frame.y0}},
                                       std::pair{"basemap_ne", Point{frame.x1, frame.y1}}}) {
      SceneNode node;
      node.name = name;
      node.attrs = {{"shape", dot_quoted("point")}, {"style", dot_quoted("invis")},
                    {"width", dot_quoted("0.01")}, {"label", "\"\""},
                    {"pos", dot_quoted(dot_number(corner.x, 2) + "," + dot_number(corner.y, 2) + "!")}};
      scene.nodes.push_back(std::move(node));
    }
    map_credit_ = "Areas: " + (opt_.basemap->attribution.empty()
                                   ? file + " (the file names no source)"
                                   : clean_text(opt_.basemap->attribution));
  }

  struct Aggregate {
    std::string name;
    std::size_t schools = 0, isolated = 0, within = 0;
    bool oversize = false;
  };

  /// A view with one node per group of schools (authorities or groupings); `groups_of` gives
  /// the groups a school belongs to.
  Scene overview(std::vector<Aggregate> groups,
                 const std::vector<std::vector<std::size_t>>& groups_of, const std::string& what,
                 const std::string& what_plural, const std::string& subtitle) {
    Scene scene;
    scene.engine = engine_for(groups.size(), false);
    const bool labels = labels_for(groups.size());
    t_text_scale = text_scale_for(std::sqrt(static_cast<double>(groups.size())) * 2.0);
    for (std::size_t v = 0; v < net_.schools.size(); ++v)
      for (std::size_t gi : groups_of[v]) {
        ++groups[gi].schools;
        if (marks_.school[v] == SchoolMark::isolated) ++groups[gi].isolated;
      }
    std::map<std::pair<std::size_t, std::size_t>, std::pair<std::size_t, double>> between;
    for (std::size_t r : records_) {
      const Partnership& p = net_.partnerships[r];
      std::set<std::pair<std::size_t, std::size_t>> pairs;
      std::set<std::size_t> inside;
      for (std::size_t x : groups_of[p.from])
        for (std::size_t y : groups_of[p.to]) {
          if (x == y)
            inside.insert(x);
          else
            pairs.emplace(std::min(x, y), std::max(x, y));
        }
      for (std::size_t x : inside) ++groups[x].within;
      for (const auto& pr : pairs) {
        auto& [count, weight] = between[pr];
        ++count;
        weight += p.weight;
      }
    }
    double max_weight = 0;
    for (const auto& [pr, cw] : between) max_weight = std::max(max_weight, cw.second);
    // Many boxes: each just its number, its name and figures in a key (kOverviewNamedBoxes).
    const bool numbered = groups.size() > kOverviewNamedBoxes;
    std::vector<std::pair<std::string, std::string>> key;
    for (std::size_t gi = 0; gi < groups.size(); ++gi) {
      const Aggregate& g = groups[gi];
      SceneNode node{"g" + std::to_string(gi), {}, {}};
      const std::string held = plural(g.schools, "school", "schools") +
                               (g.isolated ? ", " + std::to_string(g.isolated) + " isolated" : "");
      const std::string within = plural(g.within, "partnership", "partnerships") + " within";
      std::vector<std::string> lines{std::to_string(gi + 1)};
      if (numbered) {
        key.push_back({g.name, held + ", " + within});
      } else {
        lines = wrap_text(g.name, 24, 3);
        lines.push_back(held);
        lines.push_back(within);
      }
      node.attrs = {{"shape", dot_quoted("box")},
                    {"style", dot_quoted(g.oversize ? "filled,rounded,dashed" : "filled,rounded")},
                    {"fixedsize", dot_quoted("false")},
                    {"width", dot_quoted("0.5")},
                    {"height", dot_quoted("0.3")},
                    {"margin", dot_quoted("0.08,0.04")},
                    {"fontsize", dot_quoted(dot_number(10 * t_text_scale, 1))},
                    {"fillcolor", dot_quoted(theme_.overview_fill)},
                    {"color", dot_quoted(g.oversize ? theme_.oversize_line : theme_.overview_line)},
                    {"label", dot_label(lines)},
                    {"tooltip", dot_tooltip(g.name)}};
      if (g.oversize) {
        node.attrs.emplace_back("penwidth", dot_quoted("2"));
        legend_.add(LegendKey::overview_oversize, swatch(theme_.oversize_line, theme_.overview_fill, true),
                    html_text("grouping of more than " + std::to_string(an_.settings.max_grouping_size) +
                              " schools (2 to 8 work best, NFER 2007)"),
                    true);
      }
      legend_.add(LegendKey::overview_node, swatch(theme_.overview_line, theme_.overview_fill, false),
                  html_text("one " + what + (numbered ? ": its number in the key below"
                                                      : ": its schools, isolated schools, "
                                                        "partnerships within")), true);
      scene.nodes.push_back(std::move(node));
    }
    for (const auto& [pr, cw] : between) {
      SceneEdge e{"g" + std::to_string(pr.first), "g" + std::to_string(pr.second), {}};
      // Width relative to the heaviest link, so a country's overview does not drown in ink.
      const double w = 1.0 + (kMaxPenWidth + 2.0 - 1.0) * std::sqrt(cw.second / max_weight);
      e.attrs.emplace_back("penwidth", dot_quoted(dot_number(w, 2)));
      if (labels) {  // the count, at the size of the boxes' own figures
        e.attrs.emplace_back("label", dot_label({std::to_string(cw.first)}));
        e.attrs.emplace_back("fontsize", dot_quoted(dot_number(10 * t_text_scale, 1)));
      }
      e.attrs.emplace_back("tooltip", dot_tooltip(groups[pr.first].name + " \xE2\x80\x93 " +
                                                  groups[pr.second].name + ": " +
                                                  plural(cw.first, "partnership", "partnerships")));
      scene.edges.push_back(std::move(e));
    }
    if (!between.empty())
      legend_.add(LegendKey::overview_link, glyph(theme_.link, "\xE2\x94\x81\xE2\x94\x81"),
                  html_text("partnerships between schools of two " + what_plural +
                            "; width shows total weight" + (labels ? ", label their number" : "")));
    box_key_ = group_key_row(key, "<b>Numbered " + html_text(what_plural) +
                                      "</b>: schools, isolated schools, partnerships within",
                             10 * t_text_scale, theme_.text,
                             std::sqrt(static_cast<double>(groups.size())) * 2.0 * 72.0);
    common_attrs(scene, with_dates(subtitle), labels,
                 std::sqrt(static_cast<double>(groups.size())) * 2.0);
    return scene;
  }

  Scene authority_view() {
    std::map<std::string, std::size_t> index;
    for (const School& s : net_.schools) index.emplace(s.authority, 0);
    std::vector<Aggregate> groups;
    for (auto& [name, i] : index) {
      i = groups.size();
      groups.push_back({name.empty() ? "No authority given" : clean_text(name), 0, 0, 0, false});
    }
    std::vector<std::vector<std::size_t>> groups_of(net_.schools.size());
    for (std::size_t v = 0; v < net_.schools.size(); ++v)
      groups_of[v] = {index.at(net_.schools[v].authority)};
    const std::string subtitle = plural(groups.size(), "authority", "authorities") +
                                 " and the partnerships between their schools";
    return overview(std::move(groups), groups_of, "authority", "authorities", subtitle);
  }

  Scene grouping_overview() {
    std::vector<Aggregate> groups;
    std::vector<std::vector<std::size_t>> groups_of(net_.schools.size());
    for (std::size_t gi = 0; gi < net_.groupings.size(); ++gi) {
      const Grouping& g = net_.groupings[gi];
      groups.push_back({display_name(g), 0, 0, 0,
                        gi < an_.groupings.size() && an_.groupings[gi].oversize});
      for (std::size_t v : g.members)
        if (groups_of[v].empty() || groups_of[v].back() != gi) groups_of[v].push_back(gi);
    }
    const std::size_t declared = groups.size();
    bool any_outside = false;
    for (const auto& gs : groups_of) any_outside = any_outside || gs.empty();
    if (any_outside) {
      groups.push_back({"Not in any grouping", 0, 0, 0, false});
      for (auto& gs : groups_of)
        if (gs.empty()) gs.push_back(declared);
    }
    return overview(std::move(groups), groups_of, "grouping", "groupings",
                    plural(declared, "declared grouping", "declared groupings") +
                        " and the partnerships between their schools (a school in two groupings "
                        "counts in both)");
  }
};

}  // namespace

Scene build_scene(const Network& network, const Analysis& analysis, const RenderOptions& options) {
  const Theme* theme = options.theme ? options.theme.get() : find_theme("default");
  if (analysis.schools.size() != network.schools.size())
    throw std::invalid_argument("render: the analysis is not of this network");
  return SceneBuilder(network, analysis, options, *theme).build();
}

}  // namespace collabnet::render
