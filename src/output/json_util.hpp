#pragma once
// Internal: the JSON pieces every JSON writer shares (analyse, compare, suggest), so a number or
// a finding is written the same way in each document. Includes nlohmann: src/ only.

#include <nlohmann/json.hpp>
#include <type_traits>
#include <variant>

#include "collabnet/finding.hpp"
#include "output/format.hpp"

namespace collabnet::output {

using Json = nlohmann::ordered_json;

/// A figure rounded to 9 decimal places (round9), written as an integer when it is one. O(1).
inline Json json_number(double v) {
  const double r = round9(v);
  if (const auto i = as_integer(r)) return *i;
  return r;
}

/// A finding's extra value: numbers through json_number, everything else as it is. O(size).
inline Json json_value(const FindingValue& value) {
  return std::visit(
      [](const auto& v) -> Json {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, double>)
          return json_number(v);
        else
          return Json(v);
      },
      value);
}

/// A finding as analysis-output.md writes it: kind, subject (one id, or an array), message,
/// then its extra keys in order. O(size).
inline Json json_finding(const Finding& f) {
  Json j;
  j["kind"] = f.kind;
  j["subject"] = f.subject.size() == 1 ? Json(f.subject[0]) : Json(f.subject);
  j["message"] = f.message;
  for (const auto& [key, value] : f.extra) j[key] = json_value(value);
  return j;
}

}  // namespace collabnet::output
