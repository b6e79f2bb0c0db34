// The outputs of `collabnet suggest` (suggestions-output.md): text for a reader, the JSON
// document, CSV tables. Names from the input are escaped for where they land: printable() in
// text, nlohmann's escaping in JSON, spreadsheet_field() in CSV.

#include <cmath>
#include <nlohmann/json.hpp>
#include <sstream>

#include "collabnet/suggest.hpp"
#include "output/format.hpp"
#include "output/json_util.hpp"
#include "passes/passes.hpp"

namespace collabnet {
namespace {

using output::Json;
const auto number = output::json_number;

std::string km_words(double km) { return output::format_number(std::round(km * 10) / 10) + " km"; }

std::string risk_words(const Network& net, const SchoolSuggestions& ss) {
  const School& s = net.schools[ss.school];
  std::string w;
  if (ss.small && ss.rural) w = "small rural school";
  else if (ss.small) w = "small school";
  else if (ss.rural) w = "rural school";
  if (ss.small && s.roll) w += " (" + std::to_string(*s.roll) + " pupils)";
  return w;
}

std::string why_words(const std::vector<std::string>& why) {
  std::string w;
  for (const std::string& k : why) {
    if (!w.empty()) w += ", ";
    if (k == "isolated-school") w += "no partner school";
    else if (k == "weakly-connected-school") w += "one partner school";
    else if (k == "hangs-on-school") w += "reaches most schools through one school";
    else w += k;
  }
  return w.empty() ? "named with --for" : w;
}

}  // namespace

std::string suggestions_to_text(const Network& net, const Suggestions& s) {
  std::ostringstream o;
  auto label = [&](std::size_t v) { return output::printable(passes::school_label(net, v)); };
  o << "Partner suggestions";
  if (!net.name.empty()) o << " for " << output::printable(net.name);
  o << "\n";
  o << "Date: " << (s.settings.as_of ? *s.settings.as_of : std::string("every record, whatever its dates"))
    << "\n";
  o << "Feasible partners: within " << output::format_number(s.request.max_km)
    << " km (great-circle), "
    << (s.request.any_sector ? "any sector" : "the same sector or an all-through school")
    << ", not partners already.\n";
  o << "Gain: the rise in the school's closeness (harmonic, as analyse reports it) with the "
       "new link; up to "
    << s.request.per_school << " per school, each chosen given the ones before it.\n";
  o << "Schools without a location: " << s.without_location
    << " (never suggested; of the schools below, " << s.at_risk_without_location
    << " have none and get no suggestion).\n\n";
  if (s.schools.empty()) o << "No school is at risk of isolation: nothing to suggest.\n";
  std::size_t rank = 0;
  for (const SchoolSuggestions& ss : s.schools) {
    o << ++rank << ". " << label(ss.school);
    const std::string risk = risk_words(net, ss);
    if (!risk.empty()) o << ", " << risk;
    o << ": " << why_words(ss.why) << "; closeness "
      << output::format_number(ss.closeness_before) << "\n";
    if (ss.suggestions.empty()) {
      o << "   no suggestion: " << ss.none_because << "\n";
      continue;
    }
    for (const Suggestion& sg : ss.suggestions)
      o << "   - " << output::printable(sg.reason) << "; closeness "
        << output::format_number(sg.closeness_after) << " (+" << output::format_number(sg.gain)
        << ")\n";
    if (ss.dependent)
      o << "   " << (ss.together_remove_dependence
                         ? "together these links would leave it hanging on no single school or link"
                         : "even together these links would leave it hanging on one school or link")
        << "\n";
  }
  if (s.plan_requested) {
    o << "\nNetwork plan (--plan " << s.plan_limit << "): schools at risk (at most one partner, "
         "or behind a bridge) now "
      << s.at_risk << ".\n";
    o << "Lower bound: at least " << s.lower_bound
      << " new links are needed to leave no school at risk (Eswaran & Tarjan 1976, counted on "
         "the bridge tree; true even without the distance and sector rules).\n";
    std::size_t step = 0;
    for (const PlanStep& p : s.plan)
      o << "  " << ++step << ". " << label(p.a) << " - " << label(p.b) << ", " << km_words(p.km)
        << ": at risk " << p.at_risk_before << " -> " << p.at_risk_after << "\n";
    const std::size_t left = s.plan.empty() ? s.at_risk : s.plan.back().at_risk_after;
    o << "The plan uses " << s.plan.size() << (s.plan.size() == 1 ? " link" : " links")
      << " and leaves " << left << (left == 1 ? " school" : " schools") << " at risk ("
      << s.plan_stop << ").\n";
  }
  return o.str();
}

std::string suggestions_to_json(const Network& net, const Suggestions& s) {
  auto id = [&](std::size_t v) { return net.schools[v].id; };
  Json doc;
  doc["format"] = "collabnet-suggestions/1";
  doc["as_of"] = s.settings.as_of ? Json(*s.settings.as_of) : Json(nullptr);
  doc["settings"] = {{"max_km", number(s.request.max_km)},
                     {"per_school", s.request.per_school},
                     {"any_sector", s.request.any_sector}};
  Json schools = Json::array();
  for (const SchoolSuggestions& ss : s.schools) {
    Json e;
    e["id"] = id(ss.school);
    e["name"] = net.schools[ss.school].name;
    e["why"] = ss.why;
    e["small"] = ss.small;
    e["rural"] = ss.rural;
    e["closeness_before"] = number(ss.closeness_before);
    Json list = Json::array();
    for (const Suggestion& sg : ss.suggestions) {
      Json j;
      j["partner"] = id(sg.partner);
      j["name"] = net.schools[sg.partner].name;
      j["km"] = number(sg.km);
      j["gain"] = number(sg.gain);
      j["closeness_after"] = number(sg.closeness_after);
      j["removes_dependence"] = sg.removes_dependence;
      j["joins_network"] = sg.joins_network;
      if (sg.joins_network) j["network_size"] = sg.network_size;
      else j["closer"] = sg.closer;
      j["reason"] = sg.reason;
      list.push_back(std::move(j));
    }
    e["suggestions"] = std::move(list);
    if (ss.suggestions.empty()) e["no_suggestion"] = ss.none_because;
    else e["together_remove_dependence"] = ss.together_remove_dependence;
    schools.push_back(std::move(e));
  }
  doc["schools"] = std::move(schools);
  doc["without_location"] = s.without_location;
  doc["at_risk_without_location"] = s.at_risk_without_location;
  if (s.plan_requested) {
    Json plan = Json::array();
    for (const PlanStep& p : s.plan)
      plan.push_back({{"link", Json::array({id(p.a), id(p.b)})},
                      {"km", number(p.km)},
                      {"at_risk_before", p.at_risk_before},
                      {"at_risk_after", p.at_risk_after},
                      {"gain", number(p.gain)},
                      {"lower_bound_after", p.lower_bound_after}});
    doc["plan"] = std::move(plan);
    doc["plan_at_risk"] = s.at_risk;
    doc["plan_lower_bound"] = s.lower_bound;
    doc["plan_stop"] = s.plan_stop;
  }
  return doc.dump(2) + "\n";
}

std::string suggestions_csv(const Network& net, const Suggestions& s) {
  std::ostringstream o;
  o << "school,name,why,closeness_before,rank,partner,partner_name,km,gain,closeness_after,"
       "removes_dependence,joins_network,network_size,closer,no_suggestion\r\n";
  for (const SchoolSuggestions& ss : s.schools) {
    std::string why;
    for (const std::string& k : ss.why) why += (why.empty() ? "" : ";") + k;
    const std::string head = output::spreadsheet_field(net.schools[ss.school].id) + "," +
                             output::spreadsheet_field(net.schools[ss.school].name) + "," +
                             output::csv_field(why) + "," +
                             output::format_number(ss.closeness_before) + ",";
    if (ss.suggestions.empty()) {
      o << head << ",,,,,,,,,," << output::spreadsheet_field(ss.none_because) << "\r\n";
      continue;
    }
    std::size_t rank = 0;
    for (const Suggestion& sg : ss.suggestions)
      o << head << ++rank << "," << output::spreadsheet_field(net.schools[sg.partner].id) << ","
        << output::spreadsheet_field(net.schools[sg.partner].name) << ","
        << output::format_number(sg.km) << "," << output::format_number(sg.gain) << ","
        << output::format_number(sg.closeness_after) << ","
        << (sg.removes_dependence ? "true" : "false") << ","
        << (sg.joins_network ? "true" : "false") << ","
        << (sg.joins_network ? std::to_string(sg.network_size) : "") << ","
        << (sg.joins_network ? "" : std::to_string(sg.closer)) << ",\r\n";
  }
  return o.str();
}

std::string suggestions_plan_csv(const Network& net, const Suggestions& s) {
  std::ostringstream o;
  o << "step,a,b,km,at_risk_before,at_risk_after,gain,lower_bound_after\r\n";
  std::size_t step = 0;
  for (const PlanStep& p : s.plan)
    o << ++step << "," << output::spreadsheet_field(net.schools[p.a].id) << ","
      << output::spreadsheet_field(net.schools[p.b].id) << "," << output::format_number(p.km)
      << "," << p.at_risk_before << "," << p.at_risk_after << ","
      << output::format_number(p.gain) << "," << p.lower_bound_after << "\r\n";
  return o.str();
}

}  // namespace collabnet
