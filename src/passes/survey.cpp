// The survey pass: each partnership record's confirmation (network-format.md), the survey
// figures and the disputed-link finding (analysis-output.md). Reads the Network only: a
// record's confirmation does not depend on which records take part.
#include <algorithm>
#include <tuple>

#include "collabnet/analysis.hpp"
#include "passes/passes.hpp"

namespace collabnet {

std::vector<Confirmation> confirmations(const Network& network) {
  std::vector<Confirmation> out;
  if (!network.survey) return out;
  std::vector<bool> answered(network.schools.size(), false);
  for (std::size_t s : network.survey->respondents) answered[s] = true;
  out.reserve(network.partnerships.size());
  for (const Partnership& p : network.partnerships) {
    const auto& by = p.reported_by;
    if (by.empty()) {
      out.push_back(Confirmation::not_surveyed);
      continue;
    }
    const bool from_said = std::find(by.begin(), by.end(), p.from) != by.end();
    const bool to_said = std::find(by.begin(), by.end(), p.to) != by.end();
    if (from_said && to_said) {
      out.push_back(Confirmation::confirmed);
    } else {
      const std::size_t other = from_said ? p.to : p.from;
      out.push_back(answered[other] ? Confirmation::disputed : Confirmation::unconfirmed);
    }
  }
  return out;
}

const char* to_string(Confirmation c) {
  switch (c) {
    case Confirmation::confirmed: return "confirmed";
    case Confirmation::unconfirmed: return "unconfirmed";
    case Confirmation::disputed: return "disputed";
    case Confirmation::not_surveyed: return "not surveyed";
  }
  return "not surveyed";
}

namespace passes {

SurveyResult analyse_survey(const Network& network, const Settings& settings) {
  SurveyResult r;
  if (!network.survey) return r;
  SurveyFigures f;
  f.name = network.survey->name;
  f.closed = network.survey->closed;
  f.schools = network.schools.size();
  f.respondents = network.survey->respondents.size();
  f.response_rate = f.schools ? static_cast<double>(f.respondents) /
                                    static_cast<double>(f.schools)
                              : 0.0;
  f.confirmation = confirmations(network);
  r.keep.assign(network.partnerships.size(), true);
  for (std::size_t i = 0; i < f.confirmation.size(); ++i) {
    switch (f.confirmation[i]) {
      case Confirmation::confirmed: ++f.confirmed; break;
      case Confirmation::unconfirmed: ++f.unconfirmed; break;
      case Confirmation::disputed: ++f.disputed; break;
      case Confirmation::not_surveyed: ++f.not_surveyed; break;
    }
    const bool kept = f.confirmation[i] == Confirmation::confirmed ||
                      f.confirmation[i] == Confirmation::not_surveyed;
    if (settings.confirmed_ties_only && !kept) {
      r.keep[i] = false;
      ++f.left_out;
    }
  }
  std::vector<bool> answered(network.schools.size(), false);
  for (std::size_t s : network.survey->respondents) answered[s] = true;
  for (std::size_t s = 0; s < network.schools.size(); ++s)
    if (!answered[s]) f.non_respondents.push_back(s);
  auto small = [&](std::size_t s) {
    const auto& roll = network.schools[s].roll;
    return roll && *roll < settings.small_school_roll;
  };
  auto rural = [&](std::size_t s) { return network.schools[s].rural.value_or(false); };
  std::sort(f.non_respondents.begin(), f.non_respondents.end(), [&](std::size_t a, std::size_t b) {
    const int ka = (small(a) ? 1 : 0) + (rural(a) ? 1 : 0);
    const int kb = (small(b) ? 1 : 0) + (rural(b) ? 1 : 0);
    if (ka != kb) return ka > kb;
    return network.schools[a].id < network.schools[b].id;
  });

  for (std::size_t i = 0; i < f.confirmation.size(); ++i) {
    if (f.confirmation[i] != Confirmation::disputed) continue;
    const Partnership& p = network.partnerships[i];
    const std::size_t said = p.reported_by.front();
    const std::size_t other = said == p.from ? p.to : p.from;
    Finding finding;
    finding.kind = "disputed-link";
    finding.subject = {p.id};
    finding.message = school_label(network, said) + " named a partnership with " +
                      school_label(network, other) + partnership_id_note(p) + "; " +
                      school_label(network, other) +
                      " answered the survey and did not name it";
    finding.extra.emplace_back("reported_by",
                               std::vector<std::string>{network.schools[said].id});
    finding.extra.emplace_back("not_named_by", network.schools[other].id);
    r.findings.push_back(std::move(finding));
  }
  r.figures = std::move(f);
  return r;
}

}  // namespace passes
}  // namespace collabnet
