// The JSON document of analysis-output.md. nlohmann escapes every string, so untrusted names
// are safe; keys keep their insertion order (ordered_json) for readable, stable bytes.

#include <algorithm>
#include <nlohmann/json.hpp>
#include <variant>

#include "collabnet/analysis_output.hpp"
#include "output/format.hpp"
#include "output/json_util.hpp"

namespace collabnet {
namespace {

using output::Json;
const auto number = output::json_number;

Json optional_number(const std::optional<double>& v) { return v ? number(*v) : Json(nullptr); }

}  // namespace

std::string analysis_to_json(const Network& net, const Analysis& a) {
  const NetworkFigures& nf = a.network;
  auto id_of = [&](std::size_t s) { return net.schools[s].id; };
  std::vector<std::size_t> by_id(net.schools.size());
  for (std::size_t i = 0; i < by_id.size(); ++i) by_id[i] = i;
  std::sort(by_id.begin(), by_id.end(),
            [&](std::size_t x, std::size_t y) { return net.schools[x].id < net.schools[y].id; });

  std::string out;
  output::StreamedObject doc(out);
  doc.member("format", "collabnet-analysis/1");
  if (nf.sampled_sources) {
    // --sample K: betweenness and closeness are estimates; say so before any figure.
    doc.member("estimated", {{"sources", nf.sampled_sources},
                             {"of", nf.schools},
                             {"seed", a.settings.sample_seed},
                             {"figures", {"betweenness", "closeness"}}});
  }
  if (nf.error_sources) {
    // --sample-error EPS: the bound, and the sources it asks for (exact when they are every
    // school: then there is no "estimated"). docs/sampling.md.
    doc.member("sample_error", {{"epsilon", number(*a.settings.sample_error)},
                                {"confidence", number(a.settings.confidence)},
                                {"sources", nf.error_sources},
                                {"exact", nf.sampled_sources == 0}});
  }
  Json network;
  network["name"] = net.name;
  network["as_of"] = nf.as_of ? Json(*nf.as_of) : Json(nullptr);
  network["as_of_basis"] = nf.as_of_basis;  // "given", "file" or "all" (every record)
  network["file_as_of"] = net.as_of ? Json(*net.as_of) : Json(nullptr);
  network["schools"] = nf.schools;
  network["partnerships"] = nf.partnerships;
  network["partnerships_in_file"] = nf.partnerships_in_file;
  network["ended_before_file_as_of"] = nf.ended_before_file_as_of;
  network["links"] = nf.links;
  network["components"] = nf.component_sizes.size();
  network["component_sizes"] = nf.component_sizes;
  Json isolates = Json::array();
  for (std::size_t s : nf.isolates) isolates.push_back(id_of(s));
  network["isolates"] = isolates;
  network["articulation_points"] = nf.articulation_points;
  Json bridges = Json::array();
  for (const auto& [x, y] : nf.bridges) bridges.push_back({id_of(x), id_of(y)});
  network["bridges"] = bridges;
  network["density"] = number(nf.density);
  network["reciprocity"] = optional_number(nf.reciprocity);
  network["one_way_records"] = nf.one_way_records;
  network["modularity"] = number(a.modularity);
  {
    // Staff data: how much of it there is. Counts only; staff names never appear.
    const StaffCoverage& sc = a.staff_coverage;
    network["staff"] = {{"on_file", sc.staff},
                        {"involved", sc.involved},
                        {"records_with_staff", sc.records_with_staff},
                        {"coverage", optional_number(sc.coverage)},
                        {"key_persons", sc.key_persons}};
  }
  doc.member("network", network);

  if (a.survey) {  // analysis-output.md, "Survey figures"
    const SurveyFigures& sf = *a.survey;
    Json survey;
    survey["name"] = sf.name;
    survey["closed"] = sf.closed ? Json(*sf.closed) : Json(nullptr);
    survey["schools"] = sf.schools;
    survey["respondents"] = sf.respondents;
    survey["response_rate"] = number(sf.response_rate);
    survey["confirmed"] = sf.confirmed;
    survey["unconfirmed"] = sf.unconfirmed;
    survey["disputed"] = sf.disputed;
    survey["not_surveyed"] = sf.not_surveyed;
    survey["ties"] = a.settings.confirmed_ties_only ? "confirmed" : "all";
    survey["left_out"] = sf.left_out;
    Json non = Json::array();
    for (std::size_t s : sf.non_respondents) non.push_back(id_of(s));
    survey["non_respondents"] = non;
    Json confirmation = Json::object();
    for (std::size_t i = 0; i < sf.confirmation.size(); ++i)
      confirmation[net.partnerships[i].id] = to_string(sf.confirmation[i]);
    survey["confirmation"] = confirmation;
    doc.member("survey", survey);
  }

  // Settings that shape results; `threads` is left out because it never changes them.
  doc.member("settings", {{"max_grouping_size", a.settings.max_grouping_size},
                          {"small_school_roll", a.settings.small_school_roll},
                          {"expert_hub_min", a.settings.expert_hub_min},
                          {"community_seed", a.settings.community_seed}});

  doc.begin_array("schools");  // a school at a time: the bulk of the document
  for (std::size_t v : by_id) {
    const SchoolFigures& s = a.schools[v];
    Json j;
    j["id"] = net.schools[v].id;
    j["name"] = net.schools[v].name;
    j["degree"] = s.degree;
    j["partnerships"] = s.partnerships;
    j["strength"] = number(s.strength);
    j["betweenness"] = number(s.betweenness);
    j["closeness"] = number(s.closeness);
    j["pagerank"] = number(s.pagerank);
    j["component"] = s.component;
    j["articulation"] = s.articulation;
    j["gives"] = s.gives;
    j["receives"] = s.receives;
    j["gives_to"] = s.gives_to;
    j["community"] =
        s.community ? Json("community-" + std::to_string(*s.community + 1)) : Json(nullptr);
    j["small"] = s.small;
    j["rural"] = s.rural;
    if (v < a.staff.size()) {
      const StaffFigures& st = a.staff[v];
      j["staff"] = {
          {"on_file", st.on_file},
          {"involved", st.involved ? Json(*st.involved) : Json(nullptr)},
          {"share_involved", optional_number(st.share_involved)},
          {"penetration", optional_number(st.penetration)},
          {"leadership_involved", st.involved_leadership},
          {"role_unknown_involved", st.involved_role_unknown},
          {"records_with_staff", st.records_with_staff},
          {"low_penetration", st.low_penetration}};
    }
    doc.element(j);
  }
  doc.end_array();

  std::vector<std::size_t> groupings(net.groupings.size());
  for (std::size_t i = 0; i < groupings.size(); ++i) groupings[i] = i;
  std::sort(groupings.begin(), groupings.end(), [&](std::size_t x, std::size_t y) {
    return net.groupings[x].id < net.groupings[y].id;
  });
  doc.begin_array("groupings");
  for (std::size_t gi : groupings) {
    const GroupingFigures& g = a.groupings[gi];
    doc.element({{"id", net.groupings[gi].id},
                 {"name", net.groupings[gi].name},
                 {"size", g.size},
                 {"oversize", g.oversize},
                 {"undersize", g.undersize},
                 {"member_pairs", g.member_pairs},
                 {"linked_pairs", g.linked_pairs},
                 {"unlinked_members", g.unlinked_members},
                 {"records_within", g.records_within},
                 {"reciprocity", optional_number(g.reciprocity)}});
  }
  doc.end_array();

  Json communities = Json::array();
  for (std::size_t ci = 0; ci < a.communities.size(); ++ci) {
    const Community& c = a.communities[ci];
    Json members = Json::array();
    for (std::size_t s : c.members) members.push_back(id_of(s));
    communities.push_back(
        {{"id", "community-" + std::to_string(ci + 1)},
         {"size", c.members.size()},
         {"oversize", c.oversize},
         {"members", std::move(members)},
         {"grouping", c.grouping ? Json(net.groupings[*c.grouping].id) : Json(nullptr)},
         {"overlap", c.overlap},
         {"jaccard", number(c.jaccard)}});
  }
  doc.member("communities", communities);

  Json hubs = Json::array();
  for (std::size_t s : a.expert_hubs) hubs.push_back(id_of(s));
  doc.member("expert_hubs", hubs);

  Json ranking = Json::array();
  for (const IsolationEntry& e : a.isolation) {
    static constexpr const char* kConcern[] = {"no-partner", "one-partner", "hangs-on-school"};
    ranking.push_back({{"school", id_of(e.school)},
                       {"concern", kConcern[static_cast<int>(e.concern)]},
                       {"hangs_on", e.hangs_on ? Json(id_of(*e.hangs_on)) : Json(nullptr)},
                       {"small", e.small},
                       {"rural", e.rural}});
  }
  doc.member("isolation", {{"rule", kIsolationRule}, {"ranking", std::move(ranking)}});

  doc.begin_array("findings");
  for (const Finding& f : a.findings) doc.element(output::json_finding(f));
  doc.end_array();

  // Depth figures: only when the network has assessments (analysis-output.md); partnership
  // levels whenever a record has a level.
  const DepthFigures& d = a.depth;
  const auto& pl = d.partnership_levels;
  if (d.assessed || pl[1] + pl[2] + pl[3] + pl[4] + pl[5] > 0) {
    Json depth;
    Json indicators = Json::array();
    for (std::string_view i : kIndicators) indicators.push_back(i);
    depth["indicators"] = std::move(indicators);
    depth["waves"] = d.waves;
    Json subjects = Json::array();
    for (const DepthSubject& s : d.subjects) {
      Json j;
      j["subject"] = s.subject_kind == "network" ? Json(nullptr) : Json(s.subject);
      j["subject_kind"] = s.subject_kind;
      Json series = Json::object(), latest = Json::object(), change = Json::object();
      for (const IndicatorSeries& is : s.indicators) {
        Json points = Json::array();
        for (const auto& [date, level] : is.series) points.push_back({date, level});
        series[is.indicator] = std::move(points);
        latest[is.indicator] = is.latest;
        if (is.change) change[is.indicator] = *is.change;
      }
      j["series"] = std::move(series);
      j["latest"] = std::move(latest);
      j["change"] = std::move(change);
      j["weakest"] = s.weakest;
      subjects.push_back(std::move(j));
    }
    depth["subjects"] = std::move(subjects);
    depth["partnership_levels"] = {{"1", pl[1]}, {"2", pl[2]}, {"3", pl[3]},
                                   {"4", pl[4]}, {"5", pl[5]}, {"unrated", pl[0]}};
    if (d.assessments_after_as_of) depth["ratings_after_as_of"] = d.assessments_after_as_of;
    depth["reading"] =
        "Himmelman's continuum, our reading of levels 2-5 (not the framework's): 2 networking, "
        "3 coordinating, 4 cooperating, 5 collaborating";
    doc.member("depth", depth);
  }
  // Invalid UTF-8 cannot reach here through the loader; replaced rather than thrown if it does.
  doc.finish();
  return out;
}

}  // namespace collabnet
