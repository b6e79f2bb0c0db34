// The network as its own collabnet/1 JSON file (network_io.hpp): canonical layout, one record
// per line, so that files diff well and a JSON → CSV → JSON round trip is byte-identical.
#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "collabnet/network_io.hpp"

namespace collabnet {
namespace {

using ojson = nlohmann::ordered_json;

std::string dump(const ojson& v) { return v.dump(-1, ' ', false, ojson::error_handler_t::strict); }

/// Extras after the known fields, sorted by key (the order a reload gives them).
void add_extras(ojson& record, const ExtraAttributes& extra) {
  std::vector<const ExtraAttribute*> sorted;
  for (const auto& e : extra) sorted.push_back(&e);
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const auto* a, const auto* b) { return a->key < b->key; });
  for (const auto* e : sorted) {
    if (record.contains(e->key))
      throw std::invalid_argument("extra attribute \"" + e->key + "\" repeats a field");
    record[e->key] = ojson::parse(e->json);
  }
}

/// A whole number as an integer ("weight": 3, not 3.0); anything else as it is.
ojson number(double d) {
  if (std::trunc(d) == d && std::fabs(d) < 9007199254740992.0)
    return ojson(static_cast<std::int64_t>(d));
  return ojson(d);
}

template <class T, class F>
void section(std::string& out, std::string_view key, const std::vector<T>& items, F&& to_json) {
  out += ",\n  \"";
  out += key;
  out += "\": [";
  for (std::size_t i = 0; i < items.size(); ++i) {
    out += i ? ",\n    " : "\n    ";
    out += dump(to_json(items[i]));
  }
  out += items.empty() ? "]" : "\n  ]";
}

}  // namespace

std::string network_to_json(const Network& net) {
  std::string out = "{\n  \"format\": " + dump(ojson(net.format)) + ",\n  \"name\": " +
                    dump(ojson(net.name));
  if (net.as_of) out += ",\n  \"as_of\": " + dump(ojson(*net.as_of));

  section(out, "schools", net.schools, [](const School& s) {
    ojson o = ojson::object();
    o["id"] = s.id;
    o["name"] = s.name;
    if (!s.authority.empty()) o["authority"] = s.authority;
    if (!s.sector.empty()) o["sector"] = s.sector;
    if (s.roll) o["roll"] = *s.roll;
    if (s.rural) o["rural"] = *s.rural;
    if (s.lat) o["lat"] = *s.lat;
    if (s.lon) o["lon"] = *s.lon;
    add_extras(o, s.extra);
    return o;
  });
  section(out, "staff", net.staff, [&](const Staff& st) {
    ojson o = ojson::object();
    o["id"] = st.id;
    o["school"] = net.schools.at(st.school).id;
    if (!st.role.empty()) o["role"] = st.role;
    if (st.name) o["name"] = *st.name;
    add_extras(o, st.extra);
    return o;
  });
  section(out, "groupings", net.groupings, [&](const Grouping& g) {
    ojson o = ojson::object();
    o["id"] = g.id;
    if (!g.name.empty()) o["name"] = g.name;
    if (!g.kind.empty()) o["kind"] = g.kind;
    if (!g.basis.empty()) o["basis"] = g.basis;
    ojson members = ojson::array();
    for (std::size_t m : g.members) members.push_back(net.schools.at(m).id);
    o["members"] = std::move(members);
    add_extras(o, g.extra);
    return o;
  });
  section(out, "partnerships", net.partnerships, [&](const Partnership& p) {
    ojson o = ojson::object();
    if (!p.id_generated) o["id"] = p.id;
    o["from"] = net.schools.at(p.from).id;
    o["to"] = net.schools.at(p.to).id;
    o["direction"] = p.direction == Direction::one_way ? "one-way" : "mutual";
    if (!p.activity.empty()) o["activity"] = p.activity;
    o["weight"] = number(p.weight);
    if (p.level) o["level"] = *p.level;
    if (!p.staff.empty()) {
      ojson staff = ojson::array();
      for (std::size_t s : p.staff) staff.push_back(net.staff.at(s).id);
      o["staff"] = std::move(staff);
    }
    if (p.grouping) o["grouping"] = net.groupings.at(*p.grouping).id;
    if (p.since) o["since"] = *p.since;
    if (p.until) o["until"] = *p.until;
    if (!p.reported_by.empty()) {
      ojson by = ojson::array();
      for (std::size_t s : p.reported_by) by.push_back(net.schools.at(s).id);
      o["reported_by"] = std::move(by);
    }
    add_extras(o, p.extra);
    return o;
  });
  if (net.survey) {
    ojson o = ojson::object();
    if (!net.survey->name.empty()) o["name"] = net.survey->name;
    if (net.survey->closed) o["closed"] = *net.survey->closed;
    ojson respondents = ojson::array();
    for (std::size_t s : net.survey->respondents) respondents.push_back(net.schools.at(s).id);
    o["respondents"] = std::move(respondents);
    out += ",\n  \"survey\": " + dump(o);
  }
  if (!net.assessments.empty())
    section(out, "assessments", net.assessments, [](const Assessment& a) {
      ojson o = ojson::object();
      if (a.subject_kind != "network") o["subject"] = a.subject;
      o["subject_kind"] = a.subject_kind;
      o["date"] = a.date;
      o["indicator"] = a.indicator;
      o["level"] = a.level;
      if (a.note) o["note"] = *a.note;
      add_extras(o, a.extra);
      return o;
    });
  out += "\n}\n";
  return out;
}

}  // namespace collabnet
