// The report's diagrams (issue 16): which are drawn, with what options, and the plain words
// under each. The choice comes from ReportOptions::diagrams (`report --diagrams LIST`); every
// diagram's RenderOptions come from report_render_options; how to draw what was left out goes
// to the technical appendix, never onto the page.

#include <algorithm>
#include <cctype>
#include <iterator>
#include <map>
#include <set>
#include <stdexcept>

#include "collabnet/compare.hpp"
#include "collabnet/diagnostic.hpp"
#include "collabnet/render.hpp"
#include "report/parts.hpp"
#include "report/report_internal.hpp"

namespace collabnet {

namespace {

/// The ReportDiagrams member that a --diagrams word turns on, in kReportDiagramNames' order;
/// nullptr for any other word.
bool ReportDiagrams::*diagram_field(std::string_view word) {
  static constexpr bool ReportDiagrams::*kFields[] = {
      &ReportDiagrams::map,      &ReportDiagrams::network,   &ReportDiagrams::authorities,
      &ReportDiagrams::overview, &ReportDiagrams::groupings, &ReportDiagrams::change};
  static_assert(std::size(kFields) == std::size(kReportDiagramNames));
  for (std::size_t i = 0; i < std::size(kFields); ++i)
    if (word == kReportDiagramNames[i]) return kFields[i];
  return nullptr;
}

}  // namespace

ReportDiagrams parse_report_diagrams(std::string_view list, std::string_view where) {
  std::string valid;
  for (std::string_view name : kReportDiagramNames) valid += std::string(name) + ", ";
  valid += "all or none";
  ReportDiagrams out = ReportDiagrams::none();
  std::size_t entries = 0;
  bool saw_none = false;
  std::size_t start = 0;
  while (start <= list.size()) {
    std::size_t end = list.find(',', start);
    if (end == std::string_view::npos) end = list.size();
    std::string entry(list.substr(start, end - start));
    start = end + 1;
    const auto blank = [](char ch) { return std::isspace(static_cast<unsigned char>(ch)) != 0; };
    while (!entry.empty() && blank(entry.back())) entry.pop_back();
    entry.erase(entry.begin(), std::find_if_not(entry.begin(), entry.end(), blank));
    for (char& ch : entry) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    ++entries;
    if (entry == "all") {
      out = ReportDiagrams{};
    } else if (entry == "none") {
      saw_none = true;
    } else if (const auto field = diagram_field(entry)) {
      out.*field = true;
    } else {
      throw InputError(std::string(where),
                       (entry.empty() ? std::string("an empty entry")
                                      : "unknown diagram \"" + report::clean_text(entry) + "\"") +
                           " in \"" + report::clean_text(list) +
                           "\"; give a comma-separated list of " + valid);
    }
  }
  if (saw_none && entries > 1)
    throw InputError(std::string(where), "\"none\" cannot be combined with other diagrams in \"" +
                                             report::clean_text(list) +
                                             "\"; give none alone, or a list of " + valid);
  return out;
}

namespace report {

RenderOptions report_render_options(const ReportOptions& options, const View& view) {
  RenderOptions ro;
  ro.view = view;
  ro.format = DiagramFormat::svg;
  ro.basemap = options.basemap;
  ro.flag_hints = false;  // the page names no flag; the appendix does
  ro.theme = options.theme;
  return ro;
}

namespace {

/// `text` as one shell word: as is when it is plain, else in single quotes.
std::string shell_word(const std::string& text) {
  const bool plain = !text.empty() && std::all_of(text.begin(), text.end(), [](char ch) {
    return std::isalnum(static_cast<unsigned char>(ch)) || ch == '-' || ch == '_' || ch == '.' ||
           ch == ':' || ch == '/';
  });
  if (plain) return text;
  std::string out = "'";
  for (char ch : text) out += ch == '\'' ? std::string("'\\''") : std::string(1, ch);
  return out + "'";
}

std::string render_command(const std::string& view, const std::string& file) {
  return "collabnet render NETWORK --view " + shell_word(view) + " -o " + file;
}

/// A grouping the report draws on its own, and why (plain words, each a reason).
struct GroupingView {
  std::size_t grouping = 0;
  std::vector<std::string> reasons;
  std::size_t at_risk = 0;  ///< schools named in the reasons (for the order)
};

/// "Kilmory Primary, a small rural school, has no partner".
std::string at_risk_school(const Context& c, const IsolationEntry& e) {
  std::string who = school_name(c.net.schools[e.school]);
  if (e.small || e.rural)
    who += std::string(", a ") + (e.small ? "small " : "") + (e.rural ? "rural " : "") +
           "school,";
  switch (e.concern) {
    case IsolationConcern::no_partner: return who + " has no partner";
    case IsolationConcern::one_partner: return who + " has only one partner";
    case IsolationConcern::hangs_on_school:
      return who + " reaches the rest of the network only through " +
             (e.hangs_on ? school_name(c.net.schools[*e.hangs_on]) : std::string("one school"));
  }
  return who;
}

/// The reasons as one clause list: "a", "a; and b", "a; b; and c" (a reason may hold commas).
std::string clauses(const std::vector<std::string>& reasons) {
  std::string out;
  for (std::size_t i = 0; i < reasons.size(); ++i) {
    if (i > 0) out += i + 1 == reasons.size() ? "; and " : "; ";
    out += reasons[i];
  }
  return out;
}

/// The first three of `items` as reasons, then one saying how many more.
void add_some(std::vector<std::string>& reasons, const std::vector<std::string>& items,
              const char* more_one, const char* more_many) {
  constexpr std::size_t kNamed = 3;
  for (std::size_t i = 0; i < items.size() && i < kNamed; ++i) reasons.push_back(items[i]);
  if (items.size() > kNamed)
    reasons.push_back(plural(items.size() - kNamed, more_one, more_many));
}

/// The groupings that get a view of their own: every oversize grouping (GroupingFigures::
/// oversize, the analysis' size rule) and every grouping at risk, which the report takes to be
/// one the analysis found dormant (a dormant-grouping finding), or one with a member that is a
/// small or rural school in the isolation ranking, or a member that only receives (a
/// receive-only-school finding). Oversize first (largest first), then the most schools at
/// risk, then by id. O(groupings × members + findings).
std::vector<GroupingView> groupings_to_draw(const Context& c) {
  const Network& net = c.net;
  std::map<std::string, std::size_t> school_index;
  for (std::size_t s = 0; s < net.schools.size(); ++s) school_index.emplace(net.schools[s].id, s);
  std::set<std::string> dormant;
  std::vector<bool> receive_only(net.schools.size(), false);
  for (const Finding& f : c.a.findings) {
    if (f.subject.empty()) continue;
    if (f.kind == "dormant-grouping") dormant.insert(f.subject[0]);
    if (f.kind == "receive-only-school")
      if (const auto it = school_index.find(f.subject[0]); it != school_index.end())
        receive_only[it->second] = true;
  }
  std::vector<const IsolationEntry*> exposed(net.schools.size(), nullptr);
  for (const IsolationEntry& e : c.a.isolation)
    if (e.small || e.rural) exposed[e.school] = &e;

  std::vector<GroupingView> out;
  for (std::size_t g = 0; g < net.groupings.size(); ++g) {
    const Grouping& grouping = net.groupings[g];
    const GroupingFigures& f = c.a.groupings[g];
    GroupingView v{g, {}, 0};
    if (f.oversize)
      v.reasons.push_back(
          "it has " + with_thousands(f.size) + " schools, more than " +
          (c.a.settings.max_grouping_size == kDefaultMaxGroupingSize
               ? std::string("the 2 to 8 that work best")
               : "the " + std::to_string(c.a.settings.max_grouping_size) +
                     " set as the limit for this report"));
    if (dormant.count(grouping.id))
      v.reasons.push_back("no two of its schools have a recorded partnership with each other");
    std::vector<std::string> isolated, receiving;
    std::set<std::size_t> seen;
    for (std::size_t m : grouping.members) {
      if (!seen.insert(m).second) continue;
      if (exposed[m]) isolated.push_back(at_risk_school(c, *exposed[m]));
      if (receive_only[m])
        receiving.push_back(school_name(net.schools[m]) +
                            " only receives one-way support, with no two-way partnership");
    }
    add_some(v.reasons, isolated, "more small or rural school at risk of isolation",
             "more small or rural schools at risk of isolation");
    add_some(v.reasons, receiving, "more school that only receives one-way support",
             "more schools that only receive one-way support");
    v.at_risk = isolated.size() + receiving.size();
    if (!v.reasons.empty()) out.push_back(std::move(v));
  }
  std::sort(out.begin(), out.end(), [&](const GroupingView& x, const GroupingView& y) {
    const GroupingFigures &fx = c.a.groupings[x.grouping], &fy = c.a.groupings[y.grouping];
    if (fx.oversize != fy.oversize) return fx.oversize;
    if (fx.oversize && fx.size != fy.size) return fx.size > fy.size;
    if (x.at_risk != y.at_risk) return x.at_risk > y.at_risk;
    return net.groupings[x.grouping].id < net.groupings[y.grouping].id;
  });
  return out;
}

/// diagrams() without its appendix entry: `commands` gets the commands that draw what was left
/// out.
void draw_diagrams(const Context& c, Data& figures, Data& notes,
                   std::vector<std::string>& commands) {
  const std::size_t n = c.net.schools.size();
  const ReportDiagrams& chosen = c.options.diagrams;
  if (!chosen.map && !chosen.network && !chosen.authorities && !chosen.overview &&
      !chosen.groupings) {
    notes.push_back(text_item(
        chosen.change && c.options.change
            ? std::string("Only the diagram of what changed was chosen for this report (under "
                          "\"What changed\"); ") + kSeeAppendix + " to draw the others."
            : std::string("Diagrams were left out of this report; ") + kSeeAppendix +
                  " to draw them."));
    commands = {render_command("network", "network.svg"), render_command("geo", "map.svg")};
    return;
  }
  if (n == 0) {
    notes.push_back(text_item("The network has no schools, so there is nothing to draw."));
    return;
  }
  auto draw = [&](const View& view, const std::string& id, const std::string& heading,
                  const std::string& caption) {
    try {
      const std::string svg = render_diagram(c.net, c.a, report_render_options(c.options, view));
      Data d;
      d.set("id", id);
      d.set("heading", heading);
      d.set("svg", inline_svg(svg, id + "-", heading));
      d.set("caption", caption);
      figures.push_back(d);
    } catch (const std::exception& e) {
      notes.push_back(text_item("The diagram \"" + heading + "\" could not be drawn: " +
                                clean_text(e.what())));
    }
  };

  if (chosen.map) {
    const std::size_t located = static_cast<std::size_t>(std::count_if(
        c.net.schools.begin(), c.net.schools.end(), [](const School& s) { return s.lat && s.lon; }));
    if (located > 0) {
      draw(View{ViewKind::geo, "", 1}, "diagram-map", "Where the schools are",
           std::string("Each school at its location, marked as in the network diagram: isolated "
                       "schools on islands and in remote glens stand out where distance explains "
                       "them.") +
               (c.options.basemap ? " Coastlines and council boundaries are drawn beneath; "
                                    "their source is credited under the map's title."
                                  : "") +
               (located < n ? " " + plural(n - located, "school has", "schools have") +
                                  " no location and " + (n - located == 1 ? "is" : "are") +
                                  " not on the map."
                            : ""));
    } else {
      notes.push_back(text_item("No map is drawn: no school in the network file has a location "
                                "(latitude and longitude)."));
    }
  }
  if (chosen.network) {
    if (n <= c.options.network_view_limit) {
      draw(View{ViewKind::network, "", 1}, "diagram-network",
           "The network: every school and its partnerships",
           std::string("Each mark is a school, its area showing pupils on roll; its shape and "
                       "colour show what the analysis found (see the legend). Lines are "
                       "partnerships, thicker for more intense ones; boxes are declared "
                       "groupings, outlined in red when larger than the research supports (in a "
                       "large network each box carries a number, and the key under the title "
                       "names its grouping).") +
               (n > kDefaultLabelLimit
                    ? " With " + with_thousands(n) +
                          " schools, the drawing names the schools with findings first, then "
                          "the largest, as many as fit; the tables below name every school."
                    : ""));
    } else {
      notes.push_back(text_item(
          "The whole-network diagram is left out: with " + with_thousands(n) +
          " schools (more than " + with_thousands(c.options.network_view_limit) +
          ") it would be a blur of marks on a page. The other diagrams and the tables cover "
          "every school; " + kSeeAppendix + " to draw it on its own."));
      commands.push_back(render_command("network", "network.svg"));
    }
  }
  const bool authorities = chosen.authorities && named_authorities(c) >= 2;
  const bool overview = chosen.overview && c.net.groupings.size() >= 2;
  if (authorities)
    draw(View{ViewKind::authority, "", 1}, "diagram-authorities",
         "The authorities and the links between them",
         "One box per authority, with its number of schools, of schools with no partner, and of "
         "partnerships within it (with more than 30 authorities, each box carries a number and "
         "the key under the title gives these). Lines join authorities whose schools work "
         "together, thicker and labelled with the number of partnerships between them.");
  if (overview)
    draw(View{ViewKind::grouping_overview, "", 1}, "diagram-groupings",
         "The declared groupings and the links between them",
         "One box per declared grouping, outlined in red when larger than the research supports "
         "(with more than 30 groupings, each box carries a number and the key under the title "
         "gives its name, schools and partnerships within). Lines join groupings whose schools "
         "work together, labelled with the number of partnerships between them.");
  if ((chosen.authorities || chosen.overview) && !authorities && !overview)
    notes.push_back(text_item("No overview is drawn: the schools belong to fewer than two "
                              "authorities and fewer than two groupings are declared."));

  if (chosen.groupings) {
    const std::vector<GroupingView> views = groupings_to_draw(c);
    for (std::size_t i = 0; i < views.size() && i < kReportGroupingViewLimit; ++i) {
      const GroupingView& v = views[i];
      const std::string name = grouping_words(c.net, v.grouping);
      std::string heading = name;
      if (c.net.groupings[v.grouping].name.empty())  // "a grouping of …" starts the heading
        heading[0] = static_cast<char>(heading[0] - 'a' + 'A');
      draw(View{ViewKind::grouping, c.net.groupings[v.grouping].id, 1},
           "diagram-grouping-" + std::to_string(i + 1), heading,
           "Shown because " + clauses(v.reasons) +
               ". Its schools are drawn with every partnership between them; partner schools "
               "outside the grouping are drawn faded.");
    }
    if (views.size() > kReportGroupingViewLimit) {
      const std::size_t left = views.size() - kReportGroupingViewLimit;
      notes.push_back(text_item(
          "Of the " + with_thousands(views.size()) +
          " groupings that are larger than the research supports or have schools at risk, the "
          "first " + with_thousands(kReportGroupingViewLimit) + " are drawn below; " +
          plural(left, "grouping is", "groupings are") +
          " left out (the groupings table lists every one, and " + kSeeAppendix +
          " to draw them)."));
      for (std::size_t i = kReportGroupingViewLimit; i < views.size(); ++i) {
        const std::string id = clean_text(c.net.groupings[views[i].grouping].id);
        // The file named after the grouping when its id is a plain file name, else numbered.
        const bool plain = shell_word(id) == id && id.find_first_of(":/") == std::string::npos &&
                           id[0] != '.' && id[0] != '-';
        commands.push_back(render_command(
            "grouping:" + id, "grouping-" + (plain ? id : std::to_string(i + 1)) + ".svg"));
      }
    } else if (views.empty() && !c.net.groupings.empty()) {
      notes.push_back(text_item("No grouping is drawn on its own: none is larger than the "
                                "research supports or has a school at risk."));
    }
  }
}

}  // namespace

void diagrams(const Context& c, Data& figures, Data& notes, Appendix& appendix) {
  AppendixEntry entry{"Drawing the diagrams",
                      "NETWORK stands for the network file this report was made from. "
                      "collabnet render draws any diagram on its own (SVG, PNG or PDF; "
                      "collabnet render --help lists the views); report --diagrams LIST chooses "
                      "the report's diagrams from map, network, authorities, overview, "
                      "groupings, change, all or none (default all).",
                      {}};
  draw_diagrams(c, figures, notes, entry.commands);
  appendix.push_back(std::move(entry));
}

std::string change_diagram(const Context& c) {
  // render_change_diagram takes no RenderOptions (it draws both waves its own way), only the theme.
  if (!c.options.diagrams.change || !c.options.change || !c.options.before) return {};
  return inline_svg(render_change_diagram(*c.options.before, c.net, *c.options.change,
                                          DiagramFormat::svg, c.options.theme),
                    "change-",
                    "Diagram of what changed: links gained and lost, schools newly isolated or "
                    "connected");
}

}  // namespace report
}  // namespace collabnet
