// The report's "Who answered" section (sections.hpp): for a network from a survey of schools,
// how many answered, which did not (the most exposed first), the links only one school named
// although the other answered, and how far the picture rests on both schools' word. Plain words
// for a reader who never sees the command line; every text from the input escaped here.
#include <algorithm>
#include <limits>
#include <tuple>

#include "output/format.hpp"
#include "report/report_internal.hpp"
#include "report/sections.hpp"

namespace collabnet::report {
namespace {

std::string count_of(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string school_cell(const Network& net, std::size_t s) {
  const School& school = net.schools[s];
  return html_escape(school.name.empty() ? school.id : school.name) + "<span class=\"id\">" +
         html_escape(school.id) + "</span>";
}

std::string marks(const SchoolFigures& f) {
  std::string m;
  if (f.small) m += "<span class=\"tag small\">small</span>";
  if (f.rural) m += "<span class=\"tag rural\">rural</span>";
  return m;
}

}  // namespace

std::vector<std::size_t> non_respondents_in_report_order(const Network& net, const Analysis& a) {
  if (!a.survey) return {};
  std::vector<std::size_t> out = a.survey->non_respondents;
  constexpr std::size_t kNotAtRisk = std::numeric_limits<std::size_t>::max();
  std::vector<std::size_t> rank(net.schools.size(), kNotAtRisk);
  for (std::size_t i = 0; i < a.isolation.size(); ++i) rank[a.isolation[i].school] = i;
  auto key = [&](std::size_t s) {
    const SchoolFigures& f = a.schools[s];
    const int exposed = (f.small ? 1 : 0) + (f.rural ? 1 : 0);
    return std::make_tuple(-exposed, rank[s], f.closeness);
  };
  std::stable_sort(out.begin(), out.end(), [&](std::size_t x, std::size_t y) {
    const auto kx = key(x), ky = key(y);
    if (kx != ky) return kx < ky;
    return net.schools[x].id < net.schools[y].id;
  });
  return out;
}

std::string survey_section(const Network& net, const Analysis& a) {
  if (!a.survey) return "";
  const SurveyFigures& sf = *a.survey;
  std::string h = "<section id=\"survey\">\n<h2>Who answered the survey</h2>\n";

  // Response rate.
  std::string intro = sf.name.empty() ? std::string("The partnerships in this report come from a "
                                                    "survey of the schools")
                                      : "The partnerships in this report come from the survey "
                                        "\xE2\x80\x9C" + html_escape(sf.name) + "\xE2\x80\x9D";
  if (sf.closed) intro += ", which closed on " + html_escape(*sf.closed);
  intro += ". Each school was asked which schools it works with.";
  h += "<p>" + intro + "</p>\n";
  h += "<p id=\"survey-response\"><strong>" + std::to_string(sf.respondents) + " of " +
       count_of(sf.schools, "school", "schools") + " answered (" +
       output::format_percent(sf.response_rate) + ").</strong></p>\n";

  // How far the picture rests on both schools' word.
  const std::size_t named = sf.confirmed + sf.unconfirmed + sf.disputed;
  std::string both;
  if (named == 0) {
    both = "No partnership was named in the survey.";
  } else {
    both = "<strong>" + std::to_string(sf.confirmed) + " of the " +
           count_of(named, "partnership", "partnerships") + " named in the survey (" +
           output::format_percent(static_cast<double>(sf.confirmed) / static_cast<double>(named)) +
           ") " + (sf.confirmed == 1 ? "was" : "were") +
           " named by both schools.</strong> " +
           count_of(sf.unconfirmed, "was", "were") +
           " named by one school whose partner did not answer, and " +
           count_of(sf.disputed, "was", "were") +
           " named by one school whose partner answered without naming it.";
  }
  if (sf.not_surveyed > 0)
    both += " " + count_of(sf.not_surveyed, "more partnership comes", "more partnerships come") +
            " from other records, not from the survey.";
  h += "<p id=\"survey-confirmed\">" + both + "</p>\n";
  if (a.settings.confirmed_ties_only && sf.left_out > 0)
    h += "<p class=\"note\" id=\"survey-left-out\">The figures, tables and diagrams of this "
         "report count only partnerships named by both schools and those not from the survey: " +
         count_of(sf.left_out, "partnership", "partnerships") +
         " named by one school only " + (sf.left_out == 1 ? "is" : "are") + " left out.</p>\n";

  // Schools that did not answer.
  const std::vector<std::size_t> silent = non_respondents_in_report_order(net, a);
  h += "<h3>Schools that did not answer (" + std::to_string(silent.size()) + ")</h3>\n";
  if (silent.empty()) {
    h += "<p>Every school answered.</p>\n";
  } else {
    h += "<p>Small and rural schools first, because their staff are the most exposed to "
         "professional isolation; then the schools most at risk of isolation. Links to these "
         "schools rest on the other school's word only.</p>\n";
    h += "<div class=\"table-wrap\">\n<table id=\"survey-non-respondents\">\n<caption>" +
         count_of(silent.size(), "school", "schools") +
         " did not answer the survey.</caption>\n<thead><tr><th>School</th><th>Authority</th>"
         "<th class=\"num\">Roll</th><th>Small / rural</th><th class=\"num\">Partners</th>"
         "</tr></thead>\n<tbody>\n";
    for (std::size_t s : silent) {
      const School& school = net.schools[s];
      h += "<tr><td>" + school_cell(net, s) + "</td><td>" + html_escape(school.authority) +
           "</td><td class=\"num\">" +
           (school.roll ? std::to_string(*school.roll) : std::string("not given")) +
           "</td><td class=\"marks\">" + marks(a.schools[s]) + "</td><td class=\"num\">" +
           std::to_string(a.schools[s].degree) + "</td></tr>\n";
    }
    h += "</tbody>\n</table>\n</div>\n";
  }

  // Disputed links.
  std::vector<std::size_t> disputed;
  for (std::size_t i = 0; i < sf.confirmation.size() && i < net.partnerships.size(); ++i)
    if (sf.confirmation[i] == Confirmation::disputed) disputed.push_back(i);
  h += "<h3>Links only one school named (" + std::to_string(disputed.size()) + ")</h3>\n";
  if (disputed.empty()) {
    h += "<p>No link is in doubt: whenever both schools answered, both named their "
         "partnership.</p>\n";
  } else {
    h += "<p>Both schools answered the survey, but only one named the other as a partner. "
         "Check with both schools before relying on these links.</p>\n";
    h += "<div class=\"table-wrap\">\n<table id=\"survey-disputed\">\n<caption>" +
         count_of(disputed.size(), "link", "links") +
         " named by one school and not by the other.</caption>\n<thead><tr><th>Named by</th>"
         "<th>Not named by</th></tr></thead>\n<tbody>\n";
    for (std::size_t i : disputed) {
      const Partnership& p = net.partnerships[i];
      const std::size_t said = p.reported_by.empty() ? p.from : p.reported_by.front();
      const std::size_t other = said == p.from ? p.to : p.from;
      h += "<tr data-partnership=\"" + html_escape(p.id) + "\"><td>" + school_cell(net, said) +
           "</td><td>" + school_cell(net, other) + "</td></tr>\n";
    }
    h += "</tbody>\n</table>\n</div>\n";
  }
  h += "</section>\n";
  return h;
}

}  // namespace collabnet::report
