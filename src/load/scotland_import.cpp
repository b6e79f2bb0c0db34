// Importer for the Scottish Government "School roll and locations" CSV (network_io.hpp).
// One row per school department; all-through schools have two rows with the same SeedCode.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <map>

#include "collabnet/network_io.hpp"
#include "load/builder.hpp"
#include "load/csv_reader.hpp"

namespace collabnet {
namespace load {
namespace {

using nlohmann::json;

const std::vector<std::string_view> kRequired = {"SeedCode", "SchoolType", "SchoolName",
                                                 "LAName",   "PupilRoll",  "Latitude",
                                                 "Longitude", "AddrUR6"};

std::optional<std::int64_t> parse_int(std::string_view s) {
  std::int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

std::optional<double> parse_double(std::string_view s) {
  double v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

/// Sums of decimals such as 7.9 + 11.8 come out as 19.700000000000003: round to the
/// millionth, far below the source's one decimal, so the value prints as written.
double tidy(double d) { return std::abs(d) < 1e9 ? std::round(d * 1e6) / 1e6 : d; }

struct Department {
  std::size_t line = 0;
  std::string sch_uid;
  std::string sector;
  std::int64_t roll = 0;
  std::optional<double> fte;
};

struct Pending {
  School school;
  std::size_t line = 0;  // first row
  std::vector<Department> departments;
  std::string notes, denomination, la_code, postcode, ur8;
};

class Importer : SourceImporter {
 public:
  Importer(const std::filesystem::path& path, const ScotlandImportOptions& options)
      : SourceImporter(path), options_(options) {}

  LoadResult run() {
    CsvFile csv = read(
        kRequired,
        "the Scottish Government \"School roll and locations\" CSV (columns SeedCode, SchUID, "
        "SchoolType, SchoolName, LAName, PupilRoll, Latitude, Longitude, AddrUR6, …)",
        "the Scottish Government \"School roll and locations\" CSV");

    std::map<std::string, std::size_t> authority_rows;
    for (const CsvRow& row : csv.rows) {
      const std::string& la = cell(row, "LAName");
      ++authority_rows[la];
      if (!options_.authorities.empty() &&
          std::find(options_.authorities.begin(), options_.authorities.end(), la) ==
              options_.authorities.end())
        continue;
      add_row(row);
    }
    for (const auto& wanted : options_.authorities) {
      if (authority_rows.count(wanted)) continue;
      std::vector<std::string_view> names;
      std::string list;
      for (const auto& [name, n] : authority_rows) {
        names.push_back(name);
        list += (list.empty() ? "" : ", ") + name;
      }
      std::string msg = "--authority " + quote(wanted) + " matches no LAName in the file";
      if (auto hint = did_you_mean(wanted, names)) msg += " (did you mean \"" + *hint + "\"?)";
      msg += "; its councils are: " + list;
      diags_.add(csv_diagnostic(file_, 0, "", msg));
    }
    if (diags_.has_errors()) diags_.throw_errors();

    LoadResult result;
    Network& net = result.network;
    net.name = network_name();
    for (Pending& p : pending_) net.schools.push_back(finish(p));
    if (diags_.has_errors()) diags_.throw_errors();
    result.warnings = diags_.warnings();
    return result;
  }

 private:
  void add_row(const CsvRow& row) {
    const std::size_t line = row.line;
    const std::string& seed = cell(row, "SeedCode");
    const std::string& name = cell(row, "SchoolName");
    bool ok = true;
    if (seed.empty()) {
      error(line, "SeedCode", "is empty; every school needs its SEED code");
      ok = false;
    } else if (const std::string why = id_problem(seed); !why.empty()) {
      // The loader's own rule for ids: what we write, `check` reads.
      error(line, "SeedCode", why);
      ok = false;
    }
    if (name.empty()) {
      error(line, "SchoolName", "is empty; every school needs a name");
      ok = false;
    } else if (const std::string why = name_problem(name); !why.empty()) {
      warning(line, "SchoolName", why);  // as `check` will say of the imported network
    }

    Department dept;
    dept.line = line;
    dept.sch_uid = cell(row, "SchUID");
    const std::string& type = cell(row, "SchoolType");
    if (type == "Primary" || type == "Secondary" || type == "Special") {
      dept.sector = type;
      dept.sector[0] = static_cast<char>(dept.sector[0] - 'A' + 'a');
    } else {
      dept.sector = "other";
      warning(line, "SchoolType",
              "unknown school type " + quote(type) +
                  " (expected Primary, Secondary or Special); imported as sector \"other\"");
    }
    const std::string& roll_text = cell(row, "PupilRoll");
    if (auto roll = parse_int(roll_text); roll && *roll >= 0) {
      dept.roll = *roll;
    } else {
      error(line, "PupilRoll", "must be a whole number ≥ 0, got " + quote(roll_text));
      ok = false;
    }
    dept.fte = parse_double(cell(row, "FTETeacher"));

    std::optional<double> lat, lon;
    const std::string& lat_text = cell(row, "Latitude");
    const std::string& lon_text = cell(row, "Longitude");
    if (lat_text.empty() != lon_text.empty()) {
      error(line, lat_text.empty() ? "Latitude" : "Longitude",
            "is empty but " + std::string(lat_text.empty() ? "Longitude" : "Latitude") +
                " is given; a location needs both (or neither)");
      ok = false;
    } else if (!lat_text.empty()) {
      lat = parse_double(lat_text);
      lon = parse_double(lon_text);
      if (!lat || *lat < -90 || *lat > 90) {
        error(line, "Latitude", "must be a number from -90 to 90 (degrees north), got " +
                                    quote(lat_text));
        ok = false;
      }
      if (!lon || *lon < -180 || *lon > 180) {
        error(line, "Longitude", "must be a number from -180 to 180 (degrees east), got " +
                                     quote(lon_text));
        ok = false;
      }
    }

    std::optional<bool> rural;
    const std::string& ur6 = cell(row, "AddrUR6");
    if (!ur6.empty()) {
      auto cls = parse_int(ur6);
      if (!cls || *cls < 1 || *cls > 6) {
        error(line, "AddrUR6",
              "must be a 6-fold urban/rural class from 1 (large urban) to 6 (remote rural), got " +
                  quote(ur6));
        ok = false;
      } else {
        rural = *cls >= 5;  // 5 accessible rural, 6 remote rural
      }
    }

    if (!dept.sch_uid.empty()) {
      if (auto [it, fresh] = uids_.emplace(dept.sch_uid, line); !fresh) {
        error(line, "SchUID",
              quote(dept.sch_uid) + " appears twice (first on line " + std::to_string(it->second) +
                  "); each school department has one row");
        ok = false;
      }
    }
    if (!ok) return;

    auto [it, fresh] = by_seed_.emplace(seed, pending_.size());
    if (fresh) {
      Pending p;
      p.line = line;
      p.school.id = seed;
      p.school.name = name;
      p.school.authority = cell(row, "LAName");
      p.school.rural = rural;
      p.school.lat = lat;
      p.school.lon = lon;
      p.notes = cell(row, "Notes");
      p.denomination = cell(row, "Denomination");
      p.la_code = cell(row, "LACode");
      p.postcode = cell(row, "PostCode");
      p.ur8 = cell(row, "AddrUR8Desc");
      p.departments.push_back(std::move(dept));
      pending_.push_back(std::move(p));
      return;
    }
    // Another department of a school already seen (an all-through school).
    Pending& p = pending_[it->second];
    if (name != p.school.name)
      warning(line, "SchoolName",
              "SeedCode " + quote(seed) + " is named " + quote(p.school.name) + " on line " +
                  std::to_string(p.line) + " but " + quote(name) +
                  " here; the departments are merged into one school under the first name");
    if (p.notes.empty()) p.notes = cell(row, "Notes");
    p.departments.push_back(std::move(dept));
  }

  School finish(Pending& p) {
    School s = std::move(p.school);
    const auto& depts = p.departments;
    std::int64_t roll = 0;
    double fte = 0;
    bool has_fte = false;
    bool primary = false, secondary = false, same = true;
    bool roll_overflows = false;
    for (const auto& d : depts) {
      // Two departments of 2^62 pupils would overflow a signed sum (and come out negative).
      roll_overflows = roll_overflows || __builtin_add_overflow(roll, d.roll, &roll);
      if (d.fte) {
        fte += *d.fte;
        has_fte = true;
      }
      primary = primary || d.sector == "primary";
      secondary = secondary || d.sector == "secondary";
      same = same && d.sector == depts.front().sector;
    }
    s.sector = same ? depts.front().sector : primary && secondary ? "all-through" : "other";

    if (roll_overflows) {
      error(depts.back().line, "PupilRoll",
            "the departments of SeedCode " + quote(s.id) + " (lines " +
                std::to_string(depts.front().line) + " to " + std::to_string(depts.back().line) +
                ") add up to more pupils than can be counted (" +
                std::to_string(std::numeric_limits<std::int64_t>::max()) +
                "); check their PupilRoll");
      return s;
    }
    if (has_fte && !std::isfinite(fte)) {
      error(depts.back().line, "FTETeacher",
            "the departments of SeedCode " + quote(s.id) +
                " add up to more teachers than can be counted; check their FTETeacher");
      return s;
    }
    json extra = json::object();
    if (roll > 0) {
      s.roll = roll;
      if (has_fte) extra["fte_teachers"] = tidy(fte);
    } else {
      // "Recorded as zero as this school is not included in the School Level Summary
      // Statistics": the roll is unknown, not nought; a roll of 0 would make it a "small school".
      warning(p.line, "PupilRoll",
              quote(s.name) + " (" + s.id + ") has a PupilRoll of 0" +
                  (p.notes.empty() ? "" : " (see its \"notes\" attribute)") +
                  ": kept, without a roll");
    }
    if (depts.size() > 1) {
      json list = json::array();
      for (const auto& d : depts) {
        json o = json::object();
        o["sch_uid"] = d.sch_uid;
        o["sector"] = d.sector;
        if (roll > 0) {
          o["roll"] = d.roll;
          if (d.fte) o["fte_teachers"] = tidy(*d.fte);
        }
        list.push_back(std::move(o));
      }
      extra["departments"] = std::move(list);
    } else if (!depts.front().sch_uid.empty()) {
      extra["sch_uid"] = depts.front().sch_uid;
    }
    auto text = [&](const char* key, const std::string& v) {
      if (!v.empty()) extra[key] = v;
    };
    text("denomination", p.denomination);
    text("la_code", p.la_code);
    text("notes", p.notes);
    text("postcode", p.postcode);
    text("ur8", p.ur8);
    // nlohmann's object is a sorted map: extras come out sorted by key, as a reload gives them.
    for (const auto& [key, value] : extra.items()) s.extra.push_back({key, value.dump()});
    return s;
  }

  std::string network_name() const {
    std::string name = options_.name;
    if (name.empty()) {
      std::string councils;
      for (std::size_t i = 0; i < options_.authorities.size(); ++i)
        councils += (i ? ", " : "") + options_.authorities[i];
      name = (councils.empty() ? std::string("Scottish schools") : "Schools of " + councils) +
             " (Scottish Government, School roll and locations, " +
             path_.filename().string() + ")";
    }
    return with_ogl_attribution(name);
  }

  const ScotlandImportOptions& options_;
  std::vector<Pending> pending_;
  std::map<std::string, std::size_t> by_seed_;
  std::map<std::string, std::size_t> uids_;
};

}  // namespace
}  // namespace load

LoadResult import_scotland_schools(const std::filesystem::path& csv,
                                   const ScotlandImportOptions& options) {
  return load::Importer(csv, options).run();
}

}  // namespace collabnet
