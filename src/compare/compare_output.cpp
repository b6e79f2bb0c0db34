// Renderings of a ChangeReport (compare.hpp): JSON (change-output.md), text, CSV files.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "collabnet/compare.hpp"
#include "collabnet/depth.hpp"
#include "output/format.hpp"
#include "output/json_util.hpp"

namespace collabnet {
namespace {

using output::Json;
const auto number = output::json_number;

Json opt(const std::optional<std::size_t>& v) { return v ? Json(*v) : Json(nullptr); }
Json opt(const std::optional<int>& v) { return v ? Json(*v) : Json(nullptr); }

const auto finding_json = output::json_finding;

Json wave_json(const WaveSummary& w) {
  return {{"name", w.name},
          {"as_of", w.as_of ? Json(*w.as_of) : Json(nullptr)},
          {"schools", w.schools},
          {"links", w.links}};
}

std::string plural(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

/// "  - TEXT" word-wrapped within 100 columns, later lines indented under the text.
std::string item(std::string_view text, std::string_view first = "  - ",
                 std::string_view rest = "    ") {
  std::string out, line(first);
  std::size_t width = output::display_width(line);
  bool empty = true;
  while (!text.empty()) {
    const std::size_t end = std::min(text.find(' '), text.size());
    const std::string_view word = text.substr(0, end);
    text.remove_prefix(std::min(end + 1, text.size()));
    if (word.empty()) continue;
    const std::size_t w = output::display_width(word);
    if (!empty && width + 1 + w > 100) {
      out += line + "\n";
      line = std::string(rest);
      width = rest.size();
      empty = true;
    }
    if (!empty) {
      line += ' ';
      ++width;
    }
    line += word;
    width += w;
    empty = false;
  }
  return out + line + "\n";
}

using output::row;

}  // namespace

std::string change_to_json(const ChangeReport& r) {
  Json doc;
  doc["format"] = "collabnet-change/1";
  doc["before"] = wave_json(r.before);
  doc["after"] = wave_json(r.after);
  doc["schools"] = {{"added", r.schools_added},
                    {"removed", r.schools_removed},
                    {"newly_isolated", r.newly_isolated},
                    {"no_longer_isolated", r.no_longer_isolated}};
  auto pairs = [](const std::vector<LinkChange>& v) {
    Json a = Json::array();
    for (const LinkChange& l : v) a.push_back({l.a, l.b});
    return a;
  };
  auto weighted = [](const std::vector<LinkChange>& v) {
    Json a = Json::array();
    for (const LinkChange& l : v) a.push_back({l.a, l.b, number(l.before), number(l.after)});
    return a;
  };
  doc["links"] = {{"gained", pairs(r.gained)},
                  {"lost", pairs(r.lost)},
                  {"stronger", weighted(r.stronger)},
                  {"weaker", weighted(r.weaker)}};
  Json fresh = Json::array(), resolved = Json::array(), persisting = Json::object();
  for (const Finding& f : r.new_findings) fresh.push_back(finding_json(f));
  for (const Finding& f : r.resolved_findings) resolved.push_back(finding_json(f));
  for (const auto& [kind, n] : r.persisting) persisting[kind] = n;
  doc["findings"] = {{"new", fresh}, {"resolved", resolved}, {"persisting", persisting}};
  Json groupings = Json::array();
  for (const GroupingChange& g : r.groupings)
    groupings.push_back({{"id", g.id},
                         {"size_before", opt(g.size_before)},
                         {"size_after", opt(g.size_after)},
                         {"crossed_max", g.crossed_max}});
  doc["groupings"] = groupings;
  Json depth = Json::array();
  for (const DepthChange& d : r.depth)
    depth.push_back({{"subject", d.subject_kind == "network" ? Json(nullptr) : Json(d.subject)},
                     {"subject_kind", d.subject_kind},
                     {"indicator", d.indicator},
                     {"before", opt(d.before)},
                     {"after", opt(d.after)}});
  doc["depth"] = depth;
  doc["settings"] = {{"max_grouping_size", r.settings.max_grouping_size},
                     {"small_school_roll", r.settings.small_school_roll}};
  return doc.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

std::string change_to_text(const ChangeReport& r, const Network& after, const Network& before) {
  auto label = [&](const std::string& id) {
    for (const Network* net : {&after, &before})
      if (auto s = net->find_school(id)) {
        const std::string& name = net->schools[*s].name;
        return output::printable(name.empty() ? id : name + " (" + id + ")");
      }
    return output::printable(id);
  };
  auto date = [](const WaveSummary& w) { return w.as_of ? *w.as_of : std::string("undated"); };
  std::string out = "What changed between " + date(r.before) + " and " + date(r.after) + "\n";
  out += item(plural(r.before.schools, "school", "schools") + ", " +
                  plural(r.before.links, "link", "links") + ": " + output::printable(r.before.name),
              "  Before: ", "    ");
  out += item(plural(r.after.schools, "school", "schools") + ", " +
                  plural(r.after.links, "link", "links") + ": " + output::printable(r.after.name),
              "  After:  ", "    ");
  if (r.empty()) {
    out += "\nNothing changed: the same schools, links, findings and ratings in both waves.\n";
    return out;
  }
  auto list = [&](const std::string& title, const std::vector<std::string>& ids) {
    if (ids.empty()) return;
    out += "\n" + title + " (" + std::to_string(ids.size()) + ")\n";
    for (const std::string& id : ids) out += "  - " + label(id) + "\n";
  };
  list("Schools no longer isolated", r.no_longer_isolated);
  list("Schools newly isolated, with no partner now", r.newly_isolated);
  std::vector<const GroupingChange*> crossed;
  for (const GroupingChange& g : r.groupings)
    if (g.crossed_max) crossed.push_back(&g);
  if (!crossed.empty()) {
    out += "\nGroupings that crossed the size limit of " +
           std::to_string(r.settings.max_grouping_size) + " schools (" +
           std::to_string(crossed.size()) + ")\n";
    for (const GroupingChange* g : crossed) {
      std::string name = g->id;
      if (auto gi = after.find_grouping(g->id); gi && !after.groupings[*gi].name.empty())
        name = after.groupings[*gi].name + " (" + g->id + ")";
      out += "  - " + output::printable(name) + ": " + std::to_string(*g->size_before) + " → " +
             std::to_string(*g->size_after) + " schools" +
             (*g->size_after > *g->size_before ? ", now over the limit"
                                               : ", now within the limit") +
             "\n";
    }
  }
  auto links = [&](const std::string& title, const std::vector<LinkChange>& v, bool weights) {
    if (v.empty()) return;
    out += "\n" + title + " (" + std::to_string(v.size()) + ")\n";
    for (const LinkChange& l : v) {
      out += "  - " + label(l.a) + " – " + label(l.b);
      if (weights)
        out += ": " + output::format_number(l.before) + " → " + output::format_number(l.after);
      out += "\n";
    }
  };
  links("Links gained", r.gained, false);
  links("Links lost", r.lost, false);
  list("Schools added", r.schools_added);
  list("Schools removed", r.schools_removed);
  links("Links that grew stronger (summed weight)", r.stronger, true);
  links("Links that grew weaker (summed weight)", r.weaker, true);
  std::vector<const GroupingChange*> resized;
  for (const GroupingChange& g : r.groupings)
    if (!g.crossed_max) resized.push_back(&g);
  if (!resized.empty()) {
    out += "\nGroupings that changed size (" + std::to_string(resized.size()) + ")\n";
    auto size = [](const std::optional<std::size_t>& s) {
      return s ? std::to_string(*s) : std::string("none (not in this wave)");
    };
    for (const GroupingChange* g : resized)
      out += "  - " + output::printable(g->id) + ": " + size(g->size_before) + " → " +
             size(g->size_after) + "\n";
  }
  if (!r.depth.empty()) {
    out += "\nCollaboration ratings that changed (" + std::to_string(r.depth.size()) + ")\n";
    auto lv = [](const std::optional<int>& l) {
      return l ? std::to_string(*l) + " (" + std::string(level_name(*l)) + ")"
               : std::string("not rated");
    };
    for (const DepthChange& d : r.depth)
      out += "  - " +
             output::printable(d.subject_kind == "network" ? std::string("the network")
                                                           : d.subject_kind + " " + d.subject) +
             ", " + indicator_title(d.indicator) + ": " + lv(d.before) + " → " + lv(d.after) + "\n";
  }
  auto findings = [&](const std::string& title, const std::vector<Finding>& v) {
    if (v.empty()) return;
    out += "\n" + title + " (" + std::to_string(v.size()) + ")\n";
    for (const Finding& f : v) out += item(f.kind + ": " + output::printable(f.message));
  };
  findings("New findings", r.new_findings);
  findings("Resolved findings", r.resolved_findings);
  std::string still;
  for (const auto& [kind, n] : r.persisting)
    if (n) still += (still.empty() ? "" : ", ") + kind + " " + std::to_string(n);
  if (!still.empty()) out += "\n" + item("Findings in both waves: " + still, "", "  ");
  return out;
}

std::map<std::string, std::string> change_to_csv(const ChangeReport& r) {
  using output::spreadsheet_field;
  std::map<std::string, std::string> files;
  std::string s;
  row(s, {"id", "change"});
  auto schools = [&](const std::vector<std::string>& ids, const char* what) {
    for (const std::string& id : ids) row(s, {spreadsheet_field(id), what});
  };
  schools(r.schools_added, "added");
  schools(r.schools_removed, "removed");
  schools(r.newly_isolated, "newly-isolated");
  schools(r.no_longer_isolated, "no-longer-isolated");
  files["schools.csv"] = s;
  std::string l;
  row(l, {"a", "b", "change", "weight_before", "weight_after"});
  auto links = [&](const std::vector<LinkChange>& v, const char* what) {
    for (const LinkChange& c : v)
      row(l, {spreadsheet_field(c.a), spreadsheet_field(c.b), what, output::format_number(c.before),
              output::format_number(c.after)});
  };
  links(r.gained, "gained");
  links(r.lost, "lost");
  links(r.stronger, "stronger");
  links(r.weaker, "weaker");
  files["links.csv"] = l;
  std::string f;
  row(f, {"change", "kind", "subject", "subject_2", "message"});
  auto finds = [&](const std::vector<Finding>& v, const char* what) {
    for (const Finding& x : v)
      row(f, {what, x.kind, spreadsheet_field(x.subject.empty() ? "" : x.subject[0]),
              spreadsheet_field(x.subject.size() > 1 ? x.subject[1] : ""),
              spreadsheet_field(x.message)});
  };
  finds(r.new_findings, "new");
  finds(r.resolved_findings, "resolved");
  files["findings.csv"] = f;
  std::string g;
  row(g, {"id", "size_before", "size_after", "crossed_max"});
  for (const GroupingChange& c : r.groupings)
    row(g, {spreadsheet_field(c.id), c.size_before ? std::to_string(*c.size_before) : "",
            c.size_after ? std::to_string(*c.size_after) : "", c.crossed_max ? "true" : "false"});
  files["groupings.csv"] = g;
  std::string d;
  row(d, {"subject_kind", "subject", "indicator", "before", "after"});
  for (const DepthChange& c : r.depth)
    row(d, {c.subject_kind, spreadsheet_field(c.subject), c.indicator,
            c.before ? std::to_string(*c.before) : "", c.after ? std::to_string(*c.after) : ""});
  files["depth.csv"] = d;
  return files;
}

}  // namespace collabnet
