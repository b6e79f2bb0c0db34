// Importer for England's "Get Information About Schools" all-group-links CSV (network_io.hpp).
// One row per establishment-to-group link: a school appears once per group it belongs to.
#include <algorithm>
#include <cctype>
#include <map>
#include <nlohmann/json.hpp>

#include "collabnet/network_io.hpp"
#include "load/builder.hpp"
#include "load/csv_reader.hpp"

namespace collabnet {
namespace load {
namespace {

const std::vector<std::string_view> kRequired = {"URN",        "EstablishmentName", "Group UID",
                                                 "Group Name", "Group Type",        "Group Status"};

/// GIAS writes 1900-01-01 when it does not know when a school joined a group.
constexpr std::string_view kPlaceholderDate = "1900-01-01";

/// The group types imported, and the collabnet grouping kind each becomes.
std::optional<std::string> kind_of(std::string_view group_type) {
  if (group_type == "Multi-academy trust") return "trust";
  if (group_type == "Federation") return "federation";
  return std::nullopt;
}

std::string lower(std::string_view s) { return ascii_lower(s); }

/// GIAS phase of education (and type, for special schools) → collabnet sector.
std::string sector_of(const std::string& phase, const std::string& type) {
  if (lower(type).find("special") != std::string::npos) return "special";
  if (phase == "Nursery") return "nursery";
  if (phase == "Primary" || phase == "Middle deemed primary") return "primary";
  if (phase == "Secondary" || phase == "Middle deemed secondary" || phase == "16 plus")
    return "secondary";
  if (phase == "All-through") return "all-through";
  return "other";  // "Not applicable": children's centres, alternative provision, …
}

struct PendingSchool {
  School school;
  std::size_t line = 0;
  std::string phase, type;
  bool member = false;  // of an imported grouping
};

struct PendingGroup {
  Grouping grouping;
  std::string type, group_id;
  std::vector<std::string> urns;  // distinct, file order
  std::map<std::string, std::optional<std::string>> joined;
};

class GiasImporter : SourceImporter {
 public:
  GiasImporter(const std::filesystem::path& path, const GiasImportOptions& options)
      : SourceImporter(path), options_(options) {}

  LoadResult run() {
    CsvFile csv = read(
        kRequired,
        "the GIAS group links CSV (columns URN, EstablishmentName, Group UID, Group Name, Group "
        "Type, Group Status, …)",
        "the GIAS \"all group links\" CSV (alllinksdata)");
    for (const CsvRow& row : csv.rows) add_row(row);
    if (diags_.has_errors()) diags_.throw_errors();

    LoadResult result;
    Network& net = result.network;
    net.name = network_name();
    std::map<std::string, std::size_t> index;
    for (PendingSchool& p : schools_) {
      if (!p.member && !options_.all_establishments) continue;
      index.emplace(p.school.id, net.schools.size());
      nlohmann::json extra = nlohmann::json::object();
      if (!p.type.empty()) extra["establishment_type"] = p.type;
      if (!p.phase.empty()) extra["phase"] = p.phase;
      for (const auto& [key, value] : extra.items()) p.school.extra.push_back({key, value.dump()});
      net.schools.push_back(std::move(p.school));
    }
    for (PendingGroup& g : groups_) {
      for (const std::string& urn : g.urns) g.grouping.members.push_back(index.at(urn));
      nlohmann::json extra = nlohmann::json::object();  // sorted by key, as a reload gives
      if (!g.group_id.empty()) extra["group_id"] = g.group_id;
      extra["gias_group_type"] = g.type;
      nlohmann::json joined = nlohmann::json::object();
      for (const auto& [urn, date] : g.joined)
        joined[urn] = date ? nlohmann::json(*date) : nlohmann::json(nullptr);
      extra["joined"] = std::move(joined);
      for (const auto& [key, value] : extra.items())
        g.grouping.extra.push_back({key, value.dump()});
      net.groupings.push_back(std::move(g.grouping));
    }
    result.warnings = diags_.warnings();
    return result;
  }

 private:
  void add_row(const CsvRow& row) {
    const std::size_t line = row.line;
    const std::string& urn = cell(row, "URN");
    const std::string& uid = cell(row, "Group UID");
    const std::string& name = cell(row, "EstablishmentName");
    bool ok = true;
    if (urn.empty()) {
      error(line, "URN", "is empty; every establishment has a unique reference number");
      ok = false;
    } else if (!std::all_of(urn.begin(), urn.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      error(line, "URN", "must be a whole number, got " + quote(urn));
      ok = false;
    }
    if (uid.empty()) {
      error(line, "Group UID", "is empty; every group link names its group");
      ok = false;
    } else if (const std::string why = id_problem(uid); !why.empty()) {
      // The loader's own rule for ids: what we write, `check` reads.
      error(line, "Group UID", why);
      ok = false;
    }
    if (name.empty()) {
      error(line, "EstablishmentName", "is empty; every school needs a name");
      ok = false;
    } else if (const std::string why = name_problem(name); !why.empty()) {
      warning(line, "EstablishmentName", why);  // as `check` will say of the imported network
    }
    if (!ok) return;

    const std::string& la = cell(row, "LA (name)");
    const std::string& phase = cell(row, "PhaseOfEducation (name)");
    const std::string& type = cell(row, "TypeOfEstablishment (name)");
    auto [it, fresh] = school_index_.emplace(urn, schools_.size());
    if (fresh) {
      PendingSchool p;
      p.line = line;
      p.school.id = urn;
      p.school.name = name;
      p.school.authority = la;
      p.school.sector = sector_of(phase, type);
      p.phase = phase;
      p.type = type;
      schools_.push_back(std::move(p));
    } else {
      const PendingSchool& p = schools_[it->second];
      if (name != p.school.name || la != p.school.authority || phase != p.phase || type != p.type)
        warning(line, "URN",
                "URN " + quote(urn) + " is described differently on line " +
                    std::to_string(p.line) + " (name, LA, phase or type); the first row is kept");
    }

    const auto kind = kind_of(cell(row, "Group Type"));
    if (!kind || cell(row, "Group Status") != "Open") return;  // not imported: closed or other
    schools_[it->second].member = true;
    auto [git, gfresh] = group_index_.emplace(uid, groups_.size());
    if (gfresh) {
      PendingGroup g;
      g.grouping.id = uid;
      g.grouping.name = cell(row, "Group Name");
      g.grouping.kind = *kind;
      g.type = cell(row, "Group Type");
      g.group_id = cell(row, "Group ID");
      groups_.push_back(std::move(g));
    }
    PendingGroup& g = groups_[git->second];
    if (g.joined.count(urn)) return;  // a repeated link: members are distinct URNs
    g.urns.push_back(urn);
    const std::string& date = cell(row, "Joined date");
    std::optional<std::string> joined;
    if (!date.empty() && date != kPlaceholderDate) {
      if (is_iso_date(date))
        joined = date;
      else
        warning(line, "Joined date",
                "not a date written YYYY-MM-DD, got " + quote(date) + "; kept as unknown");
    }
    g.joined.emplace(urn, std::move(joined));
  }

  std::string network_name() const {
    std::string name = options_.name;
    if (name.empty())
      name =
          "England multi-academy trusts and federations (Department for Education, Get "
          "Information About Schools, group links, " +
          path_.filename().string() + ")";
    return with_ogl_attribution(name);
  }

  const GiasImportOptions& options_;
  std::vector<PendingSchool> schools_;
  std::map<std::string, std::size_t> school_index_;
  std::vector<PendingGroup> groups_;
  std::map<std::string, std::size_t> group_index_;
};

}  // namespace
}  // namespace load

LoadResult import_gias_groups(const std::filesystem::path& csv, const GiasImportOptions& options) {
  return load::GiasImporter(csv, options).run();
}

}  // namespace collabnet
