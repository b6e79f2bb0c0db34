// The report's depth and change sections (sections.hpp).
#include "report/sections.hpp"

#include <algorithm>
#include <set>

#include "collabnet/depth.hpp"
#include "report/parts.hpp"
#include "report/report_internal.hpp"

namespace collabnet::report {
namespace {

std::string level_phrase(int level) {
  std::string s = "level " + std::to_string(level) + " (" + std::string(level_name(level)) +
                  " collaboration)";
  return s;
}

std::string subject_heading(const Network& net, const DepthSubject& s) {
  if (s.subject_kind == "network") return "The network as a whole";
  std::string name;
  if (s.subject_kind == "grouping") {
    if (auto g = net.find_grouping(s.subject)) name = net.groupings[*g].name;
  } else if (s.subject_kind == "school") {
    if (auto v = net.find_school(s.subject)) name = net.schools[*v].name;
  }
  if (s.subject_kind == "partnership")
    if (const Partnership* p = find_partnership(net, s.subject)) {
      std::string words = partnership_words(net, *p);
      words[0] = static_cast<char>(words[0] - 'a' + 'A');  // "the …" / "partnership …"
      return words;
    }
  const std::string kind = s.subject_kind == "grouping" ? "Grouping" : s.subject_kind == "school" ? "School" : "Partnership";
  return name.empty() ? kind + " " + s.subject : name + " (" + s.subject + ")";
}

/// The subject of a rating that moved, as the change section names it: a partnership by its
/// schools (partnership_words), anything else by its kind and id.
std::string rating_subject(const Network& after, const Network& before, const DepthChange& c) {
  if (c.subject_kind == "network") return "the network";
  if (c.subject_kind == "partnership") {
    if (const Partnership* p = find_partnership(after, c.subject)) return partnership_words(after, *p);
    if (const Partnership* p = find_partnership(before, c.subject))
      return partnership_words(before, *p);
  }
  return c.subject_kind + " " + c.subject;
}

/// The partnership levels as bars, drawn by us: one bar per level, its count written above it
/// and its level under it, so the chart reads without colour.
std::string level_bars(const std::array<std::size_t, 6>& pl) {
  const std::size_t most = std::max({pl[1], pl[2], pl[3], pl[4], pl[5], std::size_t{1}});
  constexpr int kW = 520, kH = 200, kBase = 160, kTop = 24, kBar = 64, kGap = 32, kLeft = 24;
  static constexpr const char* kFill[] = {"", "#deebf7", "#9ecae1", "#4292c6", "#2171b5", "#08306b"};
  std::string svg = "<svg class=\"levels-chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " +
                    std::to_string(kW) + " " + std::to_string(kH) +
                    "\" role=\"img\" aria-label=\"Partnership records by level: ";
  for (int l = 1; l <= 5; ++l)
    svg += "level " + std::to_string(l) + " " + std::to_string(pl[static_cast<std::size_t>(l)]) +
           (l < 5 ? ", " : "");
  svg += "\">";
  svg += "<line x1=\"" + std::to_string(kLeft - 8) + "\" y1=\"" + std::to_string(kBase) +
         "\" x2=\"" + std::to_string(kW - 8) + "\" y2=\"" + std::to_string(kBase) +
         "\" stroke=\"#333\" stroke-width=\"1\"/>";
  for (int l = 1; l <= 5; ++l) {
    const std::size_t n = pl[static_cast<std::size_t>(l)];
    const int h = static_cast<int>(static_cast<double>(kBase - kTop) * static_cast<double>(n) /
                                   static_cast<double>(most));
    const int x = kLeft + (l - 1) * (kBar + kGap);
    svg += "<g class=\"bar\" data-level=\"" + std::to_string(l) + "\" data-count=\"" +
           std::to_string(n) + "\">";
    svg += "<rect x=\"" + std::to_string(x) + "\" y=\"" + std::to_string(kBase - h) +
           "\" width=\"" + std::to_string(kBar) + "\" height=\"" + std::to_string(h) +
           "\" fill=\"" + kFill[l] + "\" stroke=\"#333\" stroke-width=\"1\"/>";
    svg += "<text x=\"" + std::to_string(x + kBar / 2) + "\" y=\"" + std::to_string(kBase - h - 6) +
           "\" text-anchor=\"middle\" font-size=\"13\" fill=\"#111\">" + std::to_string(n) + "</text>";
    svg += "<text x=\"" + std::to_string(x + kBar / 2) + "\" y=\"" + std::to_string(kBase + 16) +
           "\" text-anchor=\"middle\" font-size=\"12\" fill=\"#111\">" + std::to_string(l) + " " +
           std::string(level_name(l)) + "</text>";
    svg += "</g>";
  }
  svg += "</svg>";
  return svg;
}

}  // namespace

std::string html_escape(std::string_view text) {
  const std::string clean = clean_text(text);
  std::string out;
  out.reserve(clean.size());
  for (char c : clean) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string depth_section(const Network& net, const Analysis& a) {
  const DepthFigures& d = a.depth;
  const auto& pl = d.partnership_levels;
  const std::size_t rated = pl[1] + pl[2] + pl[3] + pl[4] + pl[5];
  if (!d.assessed && rated == 0) return "";
  std::string h = "<section id=\"depth\">\n<h2>Depth of collaboration</h2>\n";
  h += "<p>Ratings on the Northern Alliance Collaboration Framework: 10 indicators, each at a "
       "level from 1 (no collaboration) through 2 (emerging), 3 (developing) and 4 (active) to 5 "
       "(advanced). Read in plain words (our reading of Himmelman's continuum, not the "
       "framework's), levels 2 to 5 are networking, coordinating, cooperating and "
       "collaborating. Each cell shows its level; darker is further along.</p>\n";
  if (d.assessments_after_as_of)
    h += "<p class=\"note\">" + plural(d.assessments_after_as_of, "rating is", "ratings are") +
         " dated after the analysis date and left out.</p>\n";
  for (const DepthSubject& s : d.subjects) {
    std::set<std::string> dates;
    for (const IndicatorSeries& is : s.indicators)
      for (const auto& [date, level] : is.series) dates.insert(date);
    const std::string heading = subject_heading(net, s);
    h += "<div class=\"depth-subject\" data-subject=\"" + html_escape(s.subject) + "\">\n<h3>" +
         html_escape(heading) + "</h3>\n";
    h += "<table class=\"heat\">\n<caption>The framework's tracking template for " +
         html_escape(heading) + ": one row per indicator, one column per wave.</caption>\n";
    h += "<thead><tr><th>Indicator</th>";
    for (const std::string& date : dates) h += "<th class=\"num\">" + html_escape(date) + "</th>";
    h += "</tr></thead>\n<tbody>\n";
    std::vector<std::string_view> rows(std::begin(kIndicators), std::end(kIndicators));
    rows.push_back(kOverallIndicator);
    for (std::string_view indicator : rows) {
      const IndicatorSeries* is = nullptr;
      for (const IndicatorSeries& x : s.indicators)
        if (x.indicator == indicator) is = &x;
      if (!is && indicator == kOverallIndicator) continue;
      const bool weak = std::find(s.weakest.begin(), s.weakest.end(), indicator) != s.weakest.end();
      h += std::string("<tr") + (weak ? " class=\"weakest\"" : "") + "><th scope=\"row\">" +
           html_escape(indicator_title(indicator)) + (weak ? " <span class=\"tag over\">weakest</span>" : "") +
           "</th>";
      for (const std::string& date : dates) {
        int level = 0;
        if (is)
          for (const auto& [dd, l] : is->series)
            if (dd == date) level = l;
        if (level == 0)
          h += "<td class=\"lv lv0\" title=\"not rated\">–</td>";
        else
          h += "<td class=\"lv lv" + std::to_string(level) + "\" title=\"Level " +
               std::to_string(level) + ": " + std::string(level_name(level)) + "\">" +
               std::to_string(level) + "</td>";
      }
      h += "</tr>\n";
    }
    h += "</tbody>\n</table>\n";
    if (!s.weakest.empty()) {
      int lowest = 0;
      std::string names;
      for (const std::string& w : s.weakest) names += (names.empty() ? "" : ", ") + indicator_title(w);
      for (const IndicatorSeries& is : s.indicators)
        if (is.indicator == s.weakest.front()) lowest = is.latest;
      const std::string_view reading = himmelman_reading(lowest);
      h += "<p class=\"focus\"><strong>Focus for the next improvement cycle:</strong> " +
           html_escape(names) + ", now at " + level_phrase(lowest) +
           (reading.empty() ? "" : "; in our reading, " + std::string(reading)) + ".</p>\n";
    }
    h += "</div>\n";
  }
  if (rated > 0) {
    h += "<figure class=\"levels\" id=\"partnership-levels\">\n<h3>Partnership records by level</h3>\n" +
         level_bars(pl) + "\n<figcaption>" + plural(rated, "partnership record has", "partnership records have") +
         " a level; " + plural(pl[0], "record has", "records have") + " none.</figcaption>\n</figure>\n";
  }
  h += "</section>\n";
  return h;
}

std::string change_section(const ChangeReport& r, const Network& after, const Network& before,
                           const std::string& diagram_svg) {
  auto label = [&](const std::string& id) {
    for (const Network* net : {&after, &before})
      if (auto s = net->find_school(id)) {
        const std::string& name = net->schools[*s].name;
        return html_escape(name.empty() ? id : name) + " <span class=\"id\">" + html_escape(id) + "</span>";
      }
    return html_escape(id);
  };
  auto date = [](const WaveSummary& w) { return w.as_of ? *w.as_of : std::string("undated"); };
  std::string h = "<section id=\"change\">\n<h2>What changed</h2>\n";
  h += "<p>Between " + html_escape(date(r.before)) + " (" + html_escape(r.before.name) + ": " +
       plural(r.before.schools, "school", "schools") + ", " + plural(r.before.links, "link", "links") +
       ") and " + html_escape(date(r.after)) + " (" + plural(r.after.schools, "school", "schools") +
       ", " + plural(r.after.links, "link", "links") + "), both analysed with the same settings.</p>\n";
  if (r.empty()) return h + "<p>Nothing changed: the same schools, links, findings and ratings.</p>\n</section>\n";
  h += "<ul class=\"change-summary\">\n";
  auto names = [&](const std::vector<std::string>& ids) {
    std::string s;
    for (const std::string& id : ids) s += (s.empty() ? "" : ", ") + label(id);
    return s;
  };
  if (!r.no_longer_isolated.empty())
    h += "<li class=\"good\">" + plural(r.no_longer_isolated.size(), "school is", "schools are") +
         " no longer isolated: " + names(r.no_longer_isolated) + ".</li>\n";
  if (!r.newly_isolated.empty())
    h += "<li class=\"urgent\">" + plural(r.newly_isolated.size(), "school has", "schools have") +
         " become isolated (no partner now): " + names(r.newly_isolated) + ".</li>\n";
  for (const GroupingChange& g : r.groupings)
    if (g.crossed_max)
      h += "<li class=\"" + std::string(*g.size_after > *g.size_before ? "urgent" : "good") + "\">Grouping " +
           html_escape(g.id) + " went from " + std::to_string(*g.size_before) + " to " +
           std::to_string(*g.size_after) + " schools, " +
           (*g.size_after > *g.size_before ? "past" : "back within") + " the limit of " +
           std::to_string(r.settings.max_grouping_size) + ".</li>\n";
  h += "<li>" + plural(r.gained.size(), "link", "links") + " gained, " +
       plural(r.lost.size(), "link", "links") + " lost; " +
       plural(r.stronger.size(), "link", "links") + " stronger, " +
       plural(r.weaker.size(), "link", "links") + " weaker.</li>\n";
  if (!r.schools_added.empty() || !r.schools_removed.empty())
    h += "<li>" + plural(r.schools_added.size(), "school", "schools") + " added, " +
         plural(r.schools_removed.size(), "school", "schools") + " no longer in the network.</li>\n";
  h += "<li>" + plural(r.new_findings.size(), "new finding", "new findings") + ", " +
       plural(r.resolved_findings.size(), "finding", "findings") + " resolved.</li>\n";
  if (!r.depth.empty())
    h += "<li>" + plural(r.depth.size(), "collaboration rating", "collaboration ratings") +
         " moved (table below).</li>\n";
  h += "</ul>\n";
  if (!diagram_svg.empty())
    h += "<figure class=\"diagram\" id=\"change-diagram\">\n<h3>The network's change</h3>\n" +
         diagram_svg + "\n<figcaption>Links gained solid blue, links lost dashed; schools newly "
         "isolated are squares, newly connected diamonds, new schools triangles.</figcaption>\n</figure>\n";
  auto link_table = [&](const std::string& id, const std::string& title,
                        const std::vector<LinkChange>& v) {
    if (v.empty()) return;
    h += "<table id=\"" + id + "\">\n<caption>" + title + " (" + std::to_string(v.size()) +
         ")</caption>\n<thead><tr><th>School</th><th>School</th></tr></thead>\n<tbody>\n";
    for (const LinkChange& l : v) h += "<tr><td>" + label(l.a) + "</td><td>" + label(l.b) + "</td></tr>\n";
    h += "</tbody>\n</table>\n";
  };
  link_table("links-gained", "Links gained", r.gained);
  link_table("links-lost", "Links lost", r.lost);
  if (!r.depth.empty()) {
    h += "<table id=\"ratings-changed\">\n<caption>Collaboration ratings that moved (latest level "
         "as of each wave's date)</caption>\n<thead><tr><th>Subject</th><th>Indicator</th><th "
         "class=\"num\">Before</th><th class=\"num\">After</th></tr></thead>\n<tbody>\n";
    for (const DepthChange& c : r.depth)
      h += "<tr><td>" + html_escape(rating_subject(after, before, c)) +
           "</td><td>" + html_escape(indicator_title(c.indicator)) + "</td><td class=\"num\">" +
           (c.before ? std::to_string(*c.before) : std::string("–")) + "</td><td class=\"num\">" +
           (c.after ? std::to_string(*c.after) : std::string("–")) + "</td></tr>\n";
    h += "</tbody>\n</table>\n";
  }
  auto finding_list = [&](const std::string& title, const std::vector<Finding>& v) {
    if (v.empty()) return;
    h += "<h3>" + title + " (" + std::to_string(v.size()) + ")</h3>\n<ul class=\"change-findings\">\n";
    for (const Finding& f : v)
      h += "<li><span class=\"kind\">" + html_escape(f.kind) + "</span>: " + html_escape(f.message) + "</li>\n";
    h += "</ul>\n";
  };
  finding_list("New findings", r.new_findings);
  finding_list("Resolved findings", r.resolved_findings);
  h += "</section>\n";
  return h;
}

}  // namespace collabnet::report
