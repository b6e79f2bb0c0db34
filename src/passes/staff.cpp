// Staff: the depth of collaboration. Whether partnerships reach beyond headteachers and deputes
// into classrooms, and whether a link hangs on one person.
//
// Depth is one of the three dimensions of collaboration in NFER 2007 ("Inter-school
// collaboration: a literature review", Atkinson et al.): breadth (how many schools), depth (how
// far into each school's staff it reaches) and intensity. The penetration figure below is the
// depth dimension: the share of involved staff who are not senior leaders.
//
// Staff appear in findings by id only (publish mode); their names only with
// Settings::show_staff_names.

#include <algorithm>
#include <map>
#include <set>

#include "passes/passes.hpp"

namespace collabnet::passes {
namespace {

/// Senior leadership in the format's roles: what penetration looks beyond.
bool is_leadership(const std::string& role) { return role == "headteacher" || role == "depute"; }

/// A key-person finding needs at least this many records hanging on the one person. One record
/// led by one named person per school is the ordinary shape of a single partnership (the demo's
/// every staffed record is like that): flagging it would repeat the record itself and bury the
/// signal. From two records up, separate-looking partnerships turn out to share one point of
/// failure, which is what an officer cannot see from the records one at a time.
constexpr std::size_t kKeyPersonMinRecords = 2;

/// The one staff member of `school` named on record `p`, if exactly one is; nullopt when the
/// record names none or several of the school's staff.
std::optional<std::size_t> sole_carrier(const Network& net, const Partnership& p,
                                        std::size_t school) {
  std::optional<std::size_t> found;
  for (std::size_t st : p.staff) {
    if (net.staff[st].school != school) continue;
    if (found && *found != st) return std::nullopt;
    found = st;
  }
  return found;
}

/// The one staff member of `school` who alone carries every record in `records` for that school
/// (each record lists its staff and names exactly that one person of the school), if any.
template <class Records>
std::optional<std::size_t> key_person(const graph::SchoolGraph& g, const Records& records,
                                      std::size_t school) {
  const Network& net = *g.network;
  std::optional<std::size_t> who;
  for (std::size_t p : records) {
    const Partnership& rec = g.record(p);
    if (rec.staff.empty()) return std::nullopt;  // unknown: cannot say it hangs on anyone
    const auto carrier = sole_carrier(net, rec, school);
    if (!carrier || (who && *who != *carrier)) return std::nullopt;
    who = carrier;
  }
  return who;
}

/// "T1 (headteacher)", or with names shown "Jane Smith (T1, headteacher)". Never a name in
/// publish mode.
std::string staff_words(const Network& net, std::size_t st, const Settings& settings) {
  const Staff& s = net.staff[st];
  const bool named = settings.show_staff_names && s.name && !s.name->empty();
  std::string inner = named ? s.id : "";
  if (!s.role.empty()) inner += (inner.empty() ? "" : ", ") + s.role;
  const std::string who = named ? *s.name : s.id;
  return inner.empty() ? who : who + " (" + inner + ")";
}

void add_person_keys(Finding& f, const Network& net, std::size_t st, const Settings& settings) {
  const Staff& s = net.staff[st];
  f.extra.emplace_back("school", net.schools[s.school].id);
  if (!s.role.empty()) f.extra.emplace_back("role", s.role);
  if (settings.show_staff_names && s.name) f.extra.emplace_back("name", *s.name);
}

}  // namespace

StaffResult analyse_staff(const graph::SchoolGraph& g, const Settings& settings) {
  const Network& net = *g.network;
  const std::size_t n = g.n;
  StaffResult r;
  r.schools.assign(n, StaffFigures{});

  // Per school: records touching it, and how many list their staff.
  std::vector<std::vector<std::size_t>> records_of_school(n);
  std::vector<bool> named(net.staff.size(), false);
  for (std::size_t p : g.records) {
    const Partnership& rec = g.record(p);
    for (std::size_t v : {rec.from, rec.to}) {
      records_of_school[v].push_back(p);
      ++r.schools[v].records;
      if (!rec.staff.empty()) ++r.schools[v].records_with_staff;
    }
    if (!rec.staff.empty()) ++r.coverage.records_with_staff;
    for (std::size_t st : rec.staff) named[st] = true;
  }
  r.coverage.records = g.records.size();
  r.coverage.staff = net.staff.size();
  if (r.coverage.records > 0)
    r.coverage.coverage = static_cast<double>(r.coverage.records_with_staff) /
                          static_cast<double>(r.coverage.records);

  std::vector<std::size_t> involved(n, 0), other_staff(n, 0);
  for (std::size_t st = 0; st < net.staff.size(); ++st) {
    const Staff& s = net.staff[st];
    StaffFigures& f = r.schools[s.school];
    ++f.on_file;
    if (!s.role.empty() && !is_leadership(s.role)) ++other_staff[s.school];
    if (!named[st]) continue;
    ++r.coverage.involved;
    ++involved[s.school];
    if (s.role.empty())
      ++f.involved_role_unknown;
    else if (is_leadership(s.role))
      ++f.involved_leadership;
  }

  for (std::size_t rank = 0; rank < n; ++rank) {
    const std::size_t v = g.by_id[rank];
    StaffFigures& f = r.schools[v];
    // Records that list nobody are unknown, not "nobody took part": a school all of whose
    // records lack staff lists (and whose staff no other record names) has an unknown figure.
    if (involved[v] > 0 || f.records == 0 || f.records_with_staff > 0) f.involved = involved[v];
    if (f.involved && f.on_file > 0)
      f.share_involved = static_cast<double>(*f.involved) / static_cast<double>(f.on_file);
    const std::size_t known_role = involved[v] - f.involved_role_unknown;
    if (known_role > 0)
      f.penetration =
          static_cast<double>(known_role - f.involved_leadership) / static_cast<double>(known_role);
    // Only leaders take part although the school has other staff on file: collaboration has
    // not reached classrooms. Without other staff on file (a teaching head alone, or a file
    // listing only leaders) the data cannot tell, so nothing is claimed.
    f.low_penetration =
        involved[v] > 0 && f.involved_leadership == involved[v] && other_staff[v] > 0;
    if (!f.low_penetration) continue;
    Finding finding{"low-penetration-school", {net.schools[v].id}, "", {}};
    finding.message =
        "At " + school_label(net, v) + " only senior leaders (" +
        count_of(involved[v], "headteacher or depute", "headteachers and deputes") +
        ") take part in partnerships, although " +
        count_of(other_staff[v], "other member", "other members") +
        " of staff are on file: collaboration has not reached classroom staff" +
        (f.records_with_staff < f.records
             ? " (as far as the records show: " + std::to_string(f.records_with_staff) + " of " +
                   count_of(f.records, "partnership record", "partnership records") +
                   " name their staff)."
             : ".");
    finding.extra.emplace_back("involved", static_cast<std::int64_t>(involved[v]));
    finding.extra.emplace_back("other_staff", static_cast<std::int64_t>(other_staff[v]));
    finding.extra.emplace_back("records", static_cast<std::int64_t>(f.records));
    finding.extra.emplace_back("records_with_staff",
                               static_cast<std::int64_t>(f.records_with_staff));
    r.findings.push_back(std::move(finding));
  }

  // Key persons. A school side of a link hangs on one person when every record of the link lists
  // its staff and names that person as the school's only member of staff on it: if the person
  // leaves, the school has nobody left on that link.
  std::set<std::pair<std::size_t, std::size_t>> whole_school;  // (staff, school)
  std::set<std::size_t> key_staff;
  for (std::size_t rank = 0; rank < n; ++rank) {
    const std::size_t v = g.by_id[rank];
    const auto& recs = records_of_school[v];
    if (recs.size() < kKeyPersonMinRecords) continue;
    const auto who = key_person(g, recs, v);
    if (!who) continue;
    whole_school.emplace(*who, v);
    key_staff.insert(*who);
    std::vector<std::string> partners;
    for (graph::Vertex u : g.neighbours(v)) partners.push_back(net.schools[u].id);
    std::sort(partners.begin(), partners.end());
    Finding f{"key-person", {net.staff[*who].id}, "", {}};
    f.message = "Every partnership of " + school_label(net, v) + " (" +
                count_of(recs.size(), "record", "records") + ", with " +
                count_of(partners.size(), "school", "schools") +
                ") is carried by one member of its staff alone, " +
                staff_words(net, *who, settings) +
                ": if this person leaves, the link goes, and the school is left with no "
                "partnership.";
    add_person_keys(f, net, *who, settings);
    f.extra.emplace_back("partners", std::move(partners));
    f.extra.emplace_back("records", static_cast<std::int64_t>(recs.size()));
    r.findings.push_back(std::move(f));
  }
  for (const graph::Link& link : g.links) {
    if (link.records < kKeyPersonMinRecords) continue;
    const auto recs = g.records_of(link);
    std::size_t a = link.a, b = link.b;
    if (g.id_rank[a] > g.id_rank[b]) std::swap(a, b);
    for (std::size_t side : {a, b}) {
      const auto who = key_person(g, recs, side);
      if (!who || whole_school.count({*who, side})) continue;  // already said for the school
      key_staff.insert(*who);
      const std::size_t other = side == a ? b : a;
      Finding f{"key-person", {net.staff[*who].id}, "", {}};
      f.message = "The link between " + school_label(net, side) + " and " +
                  school_label(net, other) + " (" +
                  count_of(link.records, "partnership record", "partnership records") +
                  ") is carried on the side of " + school_label(net, side) +
                  " by one member of its staff alone, " + staff_words(net, *who, settings) +
                  ": if this person leaves, the link goes.";
      add_person_keys(f, net, *who, settings);
      f.extra.emplace_back("pair", std::vector<std::string>{net.schools[a].id, net.schools[b].id});
      f.extra.emplace_back("records", static_cast<std::int64_t>(link.records));
      r.findings.push_back(std::move(f));
    }
  }
  r.coverage.key_persons = key_staff.size();
  return r;
}

}  // namespace collabnet::passes
