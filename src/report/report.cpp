// The HTML report: turns a Network and its Analysis into the template's data and renders it.
// This file holds the page, its findings and tables; the diagrams are in diagrams.cpp, the method
// notes, coverage and technical appendix in method.cpp, the shared wording in text.cpp.
// Wording lives here (what each finding means and why it matters); figures come from the
// Analysis and are never recomputed. Every text from the input passes through clean_text and
// then the template's HTML escaping, or through json_string for the JSON block.

#include <algorithm>
#include <numeric>
#include <stdexcept>

#include "collabnet/compare.hpp"
#include "collabnet/report.hpp"
#include "collabnet/suggest.hpp"
#include "output/format.hpp"
#include "report/parts.hpp"
#include "report/report_internal.hpp"
#include "report/sections.hpp"

namespace collabnet {
namespace {

using namespace report;  // the parts' shared wording and context (parts.hpp)

/// Examples listed per kind of finding; the tables (or the CSV output) hold the rest.
constexpr std::size_t kExamplesPerKind = 5;
/// Above this length the heading is set smaller so that it does not fill the first page.
constexpr std::size_t kLongHeading = 90;

// --- formatting --------------------------------------------------------------------------------

// --- what each finding means ---------------------------------------------------------------------

enum class MoreIn { isolation, groupings, schools, csv };

struct KindText {
  std::string_view kind, title, why, source;
  MoreIn more;
  bool urgent;
};

constexpr std::string_view kNfer =
    "NFER inter-school collaboration review, 2007 (Atkinson et al.)";

constexpr KindText kKindTexts[] = {
    {"isolated-school", "Schools with no partner at all",
     "Staff in a school that works with nobody have no colleagues beyond their own walls. Small "
     "and rural schools are the most exposed: professional isolation is the risk a network of "
     "schools exists to reduce.",
     "", MoreIn::isolation, true},
    {"oversize-grouping", "Groupings larger than the research supports",
     "Most effective school collaborations have 2 to 8 schools; larger groupings limit the depth "
     "of collaboration. Consider working groups of 2 to 8 schools within them.",
     kNfer, MoreIn::groupings, true},
    {"dormant-grouping", "Groupings declared but not working together",
     "No two members of these groupings have a recorded partnership with each other: the "
     "grouping exists on paper only.",
     "", MoreIn::groupings, true},
    {"receive-only-school", "Schools that only receive",
     "These schools only receive one-way (\"expert\") support and have no two-way partnership. "
     "One-way support without exchange breeds dependency; mutual, two-way partnership is the "
     "goal.",
     "", MoreIn::schools, true},
    {"weakly-connected-school", "Schools with only one partner",
     "If that one partnership lapses, the school is on its own.", "", MoreIn::isolation, false},
    {"cut-school", "Schools that hold the network together",
     "Without one of these schools, other schools would lose their only route to the rest of "
     "the network: the network hangs on them. Listed by how many schools they hold on.",
     "", MoreIn::schools, false},
    {"bridge-link", "Partnerships that are the only route between two parts",
     "If one of these partnerships lapses, the network falls into separate parts.", "",
     MoreIn::csv, false},
    {"key-person", "Partnerships that rest on one person",
     "When one member of staff alone carries a school's partnerships or a link, the "
     "collaboration leaves with them: share it among more staff.",
     "", MoreIn::csv, false},
    {"hangs-on-school", "Schools that depend on one other school for their links",
     "These schools reach the rest of their network only through one other school: if it "
     "stepped back, they would be cut off.",
     "", MoreIn::isolation, false},
    {"one-way-link", "One-way links with nothing running back",
     "One school gives, the other only receives. \"Expert\" links are useful, but one-way support "
     "without exchange breeds dependency.",
     "", MoreIn::csv, false},
    {"disputed-link", "Links only one school named",
     "One school named the partnership in the survey; the other school answered and did not "
     "name it. Check with both schools before relying on it.",
     "", MoreIn::csv, false},
    {"give-only-school", "Schools that only give",
     "These schools give one-way support to two or more schools and receive none back: their own "
     "staff may gain little from the network.",
     "", MoreIn::schools, false},
    {"low-penetration-school", "Schools where only senior leaders take part",
     "Collaboration that stays with headteachers and deputes does not reach classrooms: depth of "
     "collaboration means staff at every level taking part.",
     kNfer, MoreIn::csv, false},
    {"expert-hub", "Expert hubs",
     "Many schools depend on the one-way support of one school: a risk if its capacity runs out.",
     "", MoreIn::schools, false},
    {"undersize-grouping", "Groupings with fewer than two schools",
     "A collaboration needs at least two schools: is a member missing from the data?", "",
     MoreIn::groupings, false},
    {"oversize-community", "Working clusters larger than 8 schools",
     "Groups of schools that work closely together in practice (found from the partnerships "
     "themselves) but are larger than the 2 to 8 schools that work best.",
     kNfer, MoreIn::csv, false},
    {"falling-indicator", "Collaboration ratings that fell",
     "On these Northern Alliance Collaboration Framework indicators the latest rating is below "
     "the one before: ask what changed between the two ratings.",
     "", MoreIn::csv, false},
    {"stalled-indicator", "Collaboration ratings that have stalled",
     "The last three ratings of these indicators are the same and below level 4 (active "
     "collaboration): a focus for the next improvement cycle.",
     "", MoreIn::csv, false},
    {"shallow-grouping", "Groupings whose partnerships are all shallow",
     "Every partnership between members that has a level is at level 1 or 2 (no or emerging "
     "collaboration): in our reading of Himmelman's continuum, networking at most.",
     "", MoreIn::groupings, false},
};

std::string more_text(std::size_t more, MoreIn where) {
  std::string s = "… and " + with_thousands(more) + " more. ";
  switch (where) {
    case MoreIn::isolation: return s + "The isolation table below lists every one.";
    case MoreIn::groupings: return s + "The groupings table below lists every grouping.";
    case MoreIn::schools: return s + "The schools table below shows every school's figures.";
    case MoreIn::csv:
      return s + "Every one is listed in the analysis' spreadsheet of findings: " + kSeeAppendix +
             " to make it.";
  }
  return s;
}

/// "low-penetration-school" → "Low penetration school": a title for a kind without words here.
std::string readable_kind(std::string_view kind) {
  std::string s = report::clean_text(kind);
  for (char& ch : s)
    if (ch == '-') ch = ' ';
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

std::int64_t extra_int(const Finding& f, std::string_view key) {
  for (const auto& [k, v] : f.extra)
    if (k == key) {
      if (const auto* i = std::get_if<std::int64_t>(&v)) return *i;
    }
  return 0;
}

// --- the report's parts ----------------------------------------------------------------------

std::size_t count_schools(const Analysis& a, bool (*pred)(const SchoolFigures&)) {
  return static_cast<std::size_t>(std::count_if(a.schools.begin(), a.schools.end(), pred));
}

Data headline(const Context& c, Data& summary_notes) {
  const NetworkFigures& nf = c.a.network;
  Data figures = list();
  auto add = [&](const char* key, const std::string& value, const std::string& label,
                 const std::string& explain, const char* tone) {
    Data d;
    d.set("key", key);
    d.set("value", value);
    d.set("label", label);
    d.set("explain", explain);
    d.set("tone", tone);
    figures.push_back(d);
  };
  const std::size_t n = nf.schools;
  const std::size_t authorities = named_authorities(c);
  add("schools", with_thousands(n), n == 1 ? "School" : "Schools",
      authorities > 1 ? "in " + with_thousands(authorities) + " authorities"
                      : "in the network file",
      "");
  add("partnerships", with_thousands(nf.partnerships),
      nf.partnerships == 1 ? "Partnership record" : "Partnership records",
      "between " + plural(nf.links, "pair", "pairs") + " of schools" +
          (nf.as_of ? ", active on " + long_date(*nf.as_of) : std::string()),
      "");
  std::size_t small_or_rural = 0;
  for (std::size_t s : nf.isolates)
    if (c.a.schools[s].small || c.a.schools[s].rural) ++small_or_rural;
  add("isolated", with_thousands(nf.isolates.size()),
      nf.isolates.size() == 1 ? "School with no partner" : "Schools with no partner",
      n == 0 ? std::string("no schools")
             : percent(static_cast<double>(nf.isolates.size()) / static_cast<double>(n), 1) +
                   " of schools; " + with_thousands(small_or_rural) + " of them small or rural",
      nf.isolates.empty() ? "ok" : "alert");
  const std::size_t one_partner =
      count_schools(c.a, [](const SchoolFigures& s) { return s.degree == 1; });
  add("one-partner", with_thousands(one_partner),
      one_partner == 1 ? "School with one partner only" : "Schools with one partner only",
      "if that partnership lapses, the school is alone", one_partner == 0 ? "ok" : "warn");
  const std::size_t parts = nf.component_sizes.size();
  add("components", with_thousands(parts), parts == 1 ? "Connected group" : "Separate groups",
      parts <= 1 ? std::string("every school can reach every other through partnerships")
                 : "that cannot reach each other; the largest has " +
                       plural(nf.component_sizes.front(), "school", "schools"),
      parts <= 1 ? "ok" : "warn");
  add("cut-schools", with_thousands(nf.articulation_points),
      nf.articulation_points == 1 ? "School holding the network together"
                                  : "Schools holding the network together",
      "without any one of them, other schools would be cut off", "");
  if (nf.reciprocity) {
    add("reciprocity", percent(*nf.reciprocity, 1), "Two-way partnerships",
        "of partnership records are mutual; " +
            plural(nf.one_way_records, "is a one-way \"expert\" record",
                   "are one-way \"expert\" records"),
        "");
  } else {
    add("reciprocity", "–", "Two-way partnerships", "no partnership records", "");
  }
  const std::size_t over = oversize_groupings(c.a);
  add("oversize-groupings", with_thousands(over) + " of " + with_thousands(c.net.groupings.size()),
      "Groupings over " + std::to_string(c.a.settings.max_grouping_size) + " schools",
      "most effective collaborations have 2 to 8 schools (NFER 2007)", over == 0 ? "ok" : "warn");

  if (!c.a.communities.empty()) {
    const std::size_t big = static_cast<std::size_t>(
        std::count_if(c.a.communities.begin(), c.a.communities.end(),
                      [](const Community& x) { return x.oversize; }));
    summary_notes.push_back(text_item(
        "Looking at who actually works with whom, the schools fall into " +
        plural(c.a.communities.size(), "working cluster", "working clusters") +
        " of two or more schools (the largest has " +
        plural(c.a.communities.front().members.size(), "school", "schools") + "; " +
        with_thousands(big) + " larger than " + std::to_string(c.a.settings.max_grouping_size) +
        ")."));
  }
  if (n >= 2)
    summary_notes.push_back(text_item(
        "Density " + percent(nf.density, 1) +
        ": the share of all possible pairs of schools that work together (comparable only "
        "between networks of similar size)."));
  return figures;
}

Data findings(const Context& c) {
  Data out = list();
  auto emit = [&](const KindText& kt, std::vector<const Finding*> of_kind) {
    if (of_kind.empty()) return;
    if (kt.more == MoreIn::isolation) {
      // The isolation ranking's order: small and rural schools first.
      std::stable_sort(of_kind.begin(), of_kind.end(), [&](const Finding* x, const Finding* y) {
        const auto rx = c.isolation_rank.find(x->subject.empty() ? "" : x->subject[0]);
        const auto ry = c.isolation_rank.find(y->subject.empty() ? "" : y->subject[0]);
        const std::size_t ix = rx == c.isolation_rank.end() ? SIZE_MAX : rx->second;
        const std::size_t iy = ry == c.isolation_rank.end() ? SIZE_MAX : ry->second;
        return ix < iy;
      });
    } else if (kt.kind == "cut-school") {
      std::stable_sort(of_kind.begin(), of_kind.end(), [](const Finding* x, const Finding* y) {
        return extra_int(*x, "cuts_off") > extra_int(*y, "cuts_off");
      });
    }
    Data d;
    d.set("kind", std::string(kt.kind));
    d.set("title", std::string(kt.title));
    d.set("count", with_thousands(of_kind.size()));
    d.set("why", std::string(kt.why));
    d.set("source", kt.source.empty() ? Data(false) : Data(std::string(kt.source)));
    d.set("tone", kt.urgent ? "urgent" : "");
    Data examples = list();
    for (std::size_t i = 0; i < of_kind.size() && i < kExamplesPerKind; ++i)
      examples.push_back(text_item(report::clean_text(of_kind[i]->message)));
    d.set("examples", examples);
    d.set("more", of_kind.size() > kExamplesPerKind
                      ? Data(more_text(of_kind.size() - kExamplesPerKind, kt.more))
                      : Data(false));
    out.push_back(d);
  };
  // Kinds in the shared order of urgency, then any kind this file has no words for (added to
  // the analysis later), in the order they first appear.
  std::vector<std::string> kinds(std::begin(kFindingKinds), std::end(kFindingKinds));
  for (const Finding& f : c.a.findings)
    if (std::find(kinds.begin(), kinds.end(), f.kind) == kinds.end()) kinds.push_back(f.kind);
  for (const std::string& kind : kinds) {
    std::vector<const Finding*> of_kind;
    for (const Finding& f : c.a.findings)
      if (f.kind == kind) of_kind.push_back(&f);
    if (of_kind.empty()) continue;
    const auto known = std::find_if(std::begin(kKindTexts), std::end(kKindTexts),
                                    [&](const KindText& kt) { return kt.kind == kind; });
    if (known != std::end(kKindTexts)) {
      emit(*known, std::move(of_kind));
    } else {
      const std::string title = readable_kind(kind);
      emit(KindText{kind, title, "", "", MoreIn::csv, false}, std::move(of_kind));
    }
  }
  return out;
}

Data groupings(const Context& c) {
  const std::size_t limit = c.a.settings.max_grouping_size;
  std::vector<std::size_t> order(c.net.groupings.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  auto share = [&](std::size_t g) {
    const GroupingFigures& f = c.a.groupings[g];
    return f.member_pairs == 0 ? 1.0
                               : static_cast<double>(f.linked_pairs) /
                                     static_cast<double>(f.member_pairs);
  };
  // The groupings to act on first: over the size limit, then those working together least.
  std::sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
    const GroupingFigures &fx = c.a.groupings[x], &fy = c.a.groupings[y];
    if (fx.oversize != fy.oversize) return fx.oversize;
    if (share(x) != share(y)) return share(x) < share(y);
    return c.net.groupings[x].id < c.net.groupings[y].id;
  });
  // The working cluster matching each grouping best (a cluster names its closest grouping).
  std::vector<std::optional<std::size_t>> match(c.net.groupings.size());
  for (std::size_t ci = 0; ci < c.a.communities.size(); ++ci) {
    const Community& k = c.a.communities[ci];
    if (!k.grouping || *k.grouping >= match.size()) continue;
    auto& m = match[*k.grouping];
    if (!m || k.jaccard > c.a.communities[*m].jaccard) m = ci;
  }
  Data rows = list();
  for (std::size_t g : order) {
    const Grouping& grouping = c.net.groupings[g];
    const GroupingFigures& f = c.a.groupings[g];
    Data d;
    d.set("id", report::clean_text(grouping.id));
    d.set("name", report::clean_text(grouping.name.empty() ? grouping.id : grouping.name));
    d.set("kind", report::clean_text(grouping.kind));
    d.set("size", std::to_string(f.size));
    d.set("oversize", f.oversize);
    d.set("undersize", f.undersize);
    d.set("limit", std::to_string(limit));
    d.set("pairs", f.member_pairs == 0
                       ? std::string("–")
                       : with_thousands(f.linked_pairs) + " of " + with_thousands(f.member_pairs) +
                             " (" + percent(share(g), 0) + ")");
    d.set("pairs_sort", f.member_pairs == 0 ? std::string() : output::format_number(share(g)));
    d.set("unlinked", with_thousands(f.unlinked_members));
    d.set("records", with_thousands(f.records_within));
    d.set("reciprocity", f.reciprocity ? percent(*f.reciprocity, 0) : std::string("–"));
    d.set("reciprocity_sort", f.reciprocity ? output::format_number(*f.reciprocity) : "");
    if (match[g]) {
      const Community& k = c.a.communities[*match[g]];
      d.set("cluster", "cluster " + std::to_string(*match[g] + 1) + ": " +
                           plural(k.members.size(), "school", "schools"));
      d.set("cluster_sort", std::to_string(*match[g] + 1));
      d.set("overlap", percent(k.jaccard, 0));
      d.set("overlap_sort", output::format_number(k.jaccard));
    } else {
      d.set("cluster", "none");
      d.set("cluster_sort", "");
      d.set("overlap", "–");
      d.set("overlap_sort", "");
    }
    rows.push_back(d);
  }
  return rows;
}

Data isolation(const Context& c) {
  Data rows = list();
  for (std::size_t i = 0; i < c.a.isolation.size(); ++i) {
    const IsolationEntry& e = c.a.isolation[i];
    const School& s = c.net.schools[e.school];
    const SchoolFigures& f = c.a.schools[e.school];
    Data d;
    d.set("rank", std::to_string(i + 1));
    d.set("id", report::clean_text(s.id));
    d.set("name", school_name(s));
    d.set("authority", report::clean_text(s.authority));
    std::string concern = e.concern == IsolationConcern::no_partner    ? "no partner"
                          : e.concern == IsolationConcern::one_partner ? "one partner"
                                                                       : "hangs on one school";
    if (e.concern == IsolationConcern::hangs_on_school && e.hangs_on)
      concern = "reaches the rest only through " + school_label(c.net, *e.hangs_on);
    d.set("concern", concern);
    d.set("concern_sort", std::to_string(static_cast<int>(e.concern)));
    d.set("roll", s.roll ? with_thousands(static_cast<std::size_t>(std::max<std::int64_t>(*s.roll, 0)))
                         : std::string("not given"));
    d.set("roll_sort", s.roll ? std::to_string(*s.roll) : std::string());
    d.set("small", e.small);
    d.set("rural", e.rural);
    d.set("marks_sort", std::to_string((e.small ? 2 : 0) + (e.rural ? 1 : 0)));
    d.set("partners", std::to_string(f.degree));
    d.set("closeness", fixed(f.closeness, 3));
    d.set("closeness_sort", output::format_number(f.closeness));
    rows.push_back(d);
  }
  return rows;
}

/// "Possible partners" (suggestions-output.md): the partners `collabnet suggest` proposes for
/// the schools at risk, in the isolation ranking's order (small rural schools first).
Data possible_partners(const Network& net, const Suggestions& sg) {
  Data rows = list();
  for (const SchoolSuggestions& ss : sg.schools) {
    Data d;
    d.set("name", school_name(net.schools[ss.school]));
    d.set("id", report::clean_text(net.schools[ss.school].id));
    d.set("small", ss.small);
    d.set("rural", ss.rural);
    Data options = list();
    for (const Suggestion& o : ss.suggestions) {
      Data item;
      item.set("partner", school_name(net.schools[o.partner]));
      item.set("partner_id", report::clean_text(net.schools[o.partner].id));
      item.set("km", fixed(o.km, 1));
      item.set("gain", o.joins_network
                           ? (o.network_size == 1 ? std::string("would link it to a school with no partner yet")
                                                  : "would join the network of " +
                                                        plural(o.network_size, "school", "schools"))
                           : "would bring " + plural(o.closer, "school", "schools") + " closer");
      item.set("closeness", fixed(ss.closeness_before, 3) + " \xE2\x86\x92 " + fixed(o.closeness_after, 3));
      item.set("ends", o.removes_dependence);
      options.push_back(item);
    }
    d.set("options", options);
    d.set("none", !ss.none_because.empty());
    d.set("none_because", ss.none_because);
    rows.push_back(d);
  }
  return rows;
}

Data schools(const Context& c) {
  std::vector<std::size_t> order(c.net.schools.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
    return c.net.schools[x].id < c.net.schools[y].id;
  });
  Data rows = list();
  for (std::size_t i : order) {
    const School& s = c.net.schools[i];
    const SchoolFigures& f = c.a.schools[i];
    Data d;
    d.set("id", report::clean_text(s.id));
    d.set("name", school_name(s));
    d.set("authority", report::clean_text(s.authority));
    d.set("sector", report::clean_text(s.sector));
    d.set("roll", s.roll ? with_thousands(static_cast<std::size_t>(std::max<std::int64_t>(*s.roll, 0)))
                         : std::string("–"));
    d.set("roll_sort", s.roll ? std::to_string(*s.roll) : std::string());
    d.set("small", f.small);
    d.set("rural", f.rural);
    d.set("marks_sort", std::to_string((f.small ? 2 : 0) + (f.rural ? 1 : 0)));
    d.set("degree", std::to_string(f.degree));
    d.set("partnerships", std::to_string(f.partnerships));
    d.set("strength", output::format_number(f.strength));
    d.set("betweenness", percent(f.betweenness, 1));
    d.set("betweenness_sort", output::format_number(f.betweenness));
    d.set("closeness", fixed(f.closeness, 3));
    d.set("closeness_sort", output::format_number(f.closeness));
    d.set("pagerank", percent(f.pagerank, 2));
    d.set("pagerank_sort", output::format_number(f.pagerank));
    d.set("component", std::to_string(f.component));
    d.set("isolated", f.degree == 0);
    d.set("cut", f.articulation);
    d.set("gives", std::to_string(f.gives));
    d.set("receives", std::to_string(f.receives));
    d.set("cluster", f.community ? std::to_string(*f.community + 1) : std::string("–"));
    d.set("cluster_sort", f.community ? std::to_string(*f.community + 1) : std::string());
    d.set("staff", std::to_string(c.staff_per_school[i]));
    rows.push_back(d);
  }
  return rows;
}

/// Staff on the partnership records taking part, with their names: only when asked for.
Data staff_rows(const Context& c) {
  std::vector<std::size_t> records(c.net.staff.size(), 0);
  for (const Partnership& p : c.net.partnerships) {
    if (c.a.settings.as_of && !p.active_on(*c.a.settings.as_of)) continue;
    for (std::size_t s : p.staff)
      if (s < records.size()) ++records[s];
  }
  std::vector<std::size_t> order;
  for (std::size_t s = 0; s < c.net.staff.size(); ++s)
    if (records[s] > 0) order.push_back(s);
  std::sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
    if (records[x] != records[y]) return records[x] > records[y];
    return c.net.staff[x].id < c.net.staff[y].id;
  });
  Data rows = list();
  for (std::size_t s : order) {
    const Staff& st = c.net.staff[s];
    Data d;
    d.set("id", report::clean_text(st.id));
    d.set("name", st.name ? report::clean_text(*st.name) : std::string("(no name on file)"));
    d.set("role", report::clean_text(st.role));
    d.set("school", st.school < c.net.schools.size() ? school_label(c.net, st.school)
                                                     : std::string());
    d.set("records", std::to_string(records[s]));
    rows.push_back(d);
  }
  return rows;
}

/// The JSON block read by the script (and by anyone scripting over reports).
std::string data_json(const Context& c) {
  const NetworkFigures& nf = c.a.network;
  auto num = [](std::size_t v) { return std::to_string(v); };
  std::string j = "{\"format\":\"collabnet-report/1\",\"network\":" + report::json_string(c.net.name);
  if (nf.sampled_sources > 0)  // as in the analysis JSON: the figures below are estimates
    j += ",\"estimated\":{\"sources\":" + num(nf.sampled_sources) + ",\"of\":" + num(nf.schools) +
         ",\"seed\":" + std::to_string(c.a.settings.sample_seed) +
         ",\"figures\":[\"betweenness\",\"closeness\"]}";
  if (nf.error_sources > 0)  // --sample-error, as in the analysis JSON
    j += ",\"sample_error\":{\"epsilon\":" + output::format_number(*c.a.settings.sample_error) +
         ",\"confidence\":" + output::format_number(c.a.settings.confidence) +
         ",\"sources\":" + std::to_string(nf.error_sources) +
         ",\"exact\":" + (nf.sampled_sources == 0 ? "true" : "false") + "}";
  j += ",\"as_of\":" + (nf.as_of ? report::json_string(*nf.as_of) : std::string("null"));
  j += ",\"file_as_of\":" + (c.net.as_of ? report::json_string(*c.net.as_of) : std::string("null"));
  j += ",\"authorities\":[";
  for (std::size_t i = 0; i < c.authorities.size(); ++i) {
    if (i > 0) j += ',';
    j += report::json_string(c.authorities[i]);
  }
  j += "],\"headline\":{\"schools\":" + num(nf.schools) +
       ",\"partnerships\":" + num(nf.partnerships) + ",\"links\":" + num(nf.links) +
       ",\"isolated\":" + num(nf.isolates.size()) +
       ",\"components\":" + num(nf.component_sizes.size()) +
       ",\"cut_schools\":" + num(nf.articulation_points) +
       ",\"reciprocity\":" +
       (nf.reciprocity ? output::format_number(*nf.reciprocity) : std::string("null")) +
       ",\"groupings\":" + num(c.net.groupings.size()) +
       ",\"oversize_groupings\":" + num(oversize_groupings(c.a)) + "}}";
  return j;
}

constexpr std::string_view kOglMarker = "Contains public sector information";


}  // namespace

std::string render_report(const Network& net, const Analysis& a, const ReportOptions& options) {
  const Context c = make_context(net, a, options);
  Data page;
  page.set("csp", report::content_security_policy(report::kScriptSha256Hex));
  page.set("version", std::string(report::kVersion));
  page.set("style", std::string(report::kStyle));
  page.set("script", std::string(report::kScript));
  page.set("data_json", data_json(c));

  // The heading is the network's name; an attribution sentence in it moves to the footer.
  const std::string name = report::clean_text(net.name);
  std::string heading = name, attribution;
  if (const auto at = name.find(kOglMarker); at != std::string::npos && at > 0) {
    heading = name.substr(0, at);
    attribution = name.substr(at);
    while (!heading.empty() && heading.back() == ' ') heading.pop_back();
  } else if (at == 0) {
    attribution = name;
  }
  if (heading.empty()) heading = "Unnamed network";
  page.set("heading", heading);
  page.set("long_heading", heading.size() > kLongHeading);
  page.set("title", "School collaboration report: " + heading);
  page.set("network_name", name.empty() ? std::string("(unnamed network)") : name);
  page.set("file_as_of", net.as_of ? Data(long_date(*net.as_of)) : Data(false));
  Data attributions = list();
  if (!attribution.empty()) attributions.push_back(text_item(attribution));
  page.set("attribution", attributions);

  std::string dates = a.settings.as_of
                          ? "Partnerships active on " + long_date(*a.settings.as_of) + "."
                          : "All records: every partnership record in the file counts, whatever "
                            "its dates.";
  if (net.as_of) dates += " The network file describes " + long_date(*net.as_of) + ".";
  page.set("dates", dates);
  // --sample: a note under the heading, "≈" on every betweenness and closeness column, and the
  // sentence again under each table that shows them. Exact figures: nothing is said.
  const std::string estimate = estimate_sentence(a);
  page.set("estimate", estimate.empty() ? Data(false) : Data(estimate));
  page.set("estimated", !estimate.empty());
  const std::string estimate_tail = estimate.empty() ? std::string() : " " + estimate;

  Data summary_notes = list();
  page.set("headline", headline(c, summary_notes));
  page.set("summary_notes", summary_notes);

  const Data found = findings(c);
  page.set("findings", found);
  page.set("no_findings", a.findings.empty());

  Appendix appendix;
  Data figures = list(), notes = list();
  diagrams(c, figures, notes, appendix);
  page.set("diagrams", figures);
  page.set("diagram_notes", notes);

  page.set("has_groupings", !net.groupings.empty());
  page.set("groupings", groupings(c));
  page.set("groupings_caption",
           plural(net.groupings.size(), "declared grouping", "declared groupings") + ": " +
               with_thousands(oversize_groupings(a)) + " larger than " +
               std::to_string(a.settings.max_grouping_size) +
               " schools. Listed with those over the limit first, then those whose members work "
               "together least.");

  page.set("isolation_intro",
           "Schools with no partner, with one partner only, or reaching the rest of the network "
           "only through one other school. Small schools (fewer than " +
               std::to_string(a.settings.small_school_roll) +
               " pupils) and rural schools come first, because their staff are the most exposed "
               "to professional isolation; then the most cut off; ties by lower closeness.");
  page.set("has_isolation", !a.isolation.empty());
  page.set("no_isolation", a.isolation.empty() && !net.schools.empty());
  page.set("isolation", isolation(c));
  std::size_t small_rural = 0;
  for (const IsolationEntry& e : a.isolation) small_rural += (e.small || e.rural) ? 1 : 0;
  page.set("isolation_caption",
           plural(a.isolation.size(), "school", "schools") + " at risk, " +
               with_thousands(small_rural) + " of them small or rural." + estimate_tail);

  if (a.network.sampled_sources == 0) {
    const Suggestions sg = suggest_partners(net, a, a.settings, SuggestRequest{});
    page.set("has_partners", !sg.schools.empty());
    page.set("partners", possible_partners(net, sg));
    page.set("partners_intro",
             "Feasible new partners for the schools above: within " +
                 output::format_number(sg.request.max_km) + " km, " +
                 std::string(sg.request.any_sector ? "any sector"
                                                   : "the same sector or an all-through school") +
                 ", not partners already; up to " + std::to_string(sg.request.per_school) +
                 " each, the one that brings the school closest to the most schools first. "
                 "Options to weigh, not predictions.");
  }
  page.set("schools", schools(c));
  page.set("schools_caption",
           plural(net.schools.size(), "school", "schools") +
               ", by id. Betweenness and PageRank are shares of the whole network; closeness "
               "runs from 0 (cut off) to 1 (next to every school)." +
               estimate_tail);

  page.set("show_staff", options.show_staff_names);
  if (options.show_staff_names) {
    const Data rows = staff_rows(c);
    page.set("staff_rows", rows);
    page.set("has_staff_rows", !rows.is_empty_list());
    page.set("no_staff_rows", rows.is_empty_list());
  }

  // Depth of collaboration (framework ratings) and, with --compare-with, what changed.
  const std::string depth_html = report::depth_section(net, a);
  page.set("depth_section", depth_html);
  page.set("has_depth", !depth_html.empty());
  const std::string survey_html = report::survey_section(net, a);
  page.set("survey_section", survey_html);
  page.set("has_survey", !survey_html.empty());
  std::string change_html;
  if (options.change && options.before)
    change_html = report::change_section(*options.change, net, *options.before, change_diagram(c));
  page.set("change_section", change_html);
  page.set("has_change", !change_html.empty());

  page.set("definitions", definitions(c));
  page.set("settings_notes", settings_notes(c, appendix));
  page.set("coverage", coverage(c, appendix));
  finish_appendix(c, appendix);
  page.set("appendix", appendix_data(appendix));

  kainjow::mustache::mustache tmpl{std::string(report::kTemplate)};
  if (!tmpl.is_valid())
    throw std::runtime_error("the report template is invalid: " + tmpl.error_message());
  std::string html = tmpl.render(page);
  if (!tmpl.is_valid())
    throw std::runtime_error("the report template failed: " + tmpl.error_message());
  return html;
}

}  // namespace collabnet
