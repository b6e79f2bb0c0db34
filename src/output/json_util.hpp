#pragma once
// Internal: the JSON pieces every JSON writer shares (analyse, compare, suggest), so a number or
// a finding is written the same way in each document. Includes nlohmann: src/ only.

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
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

/// Writes a JSON object member by member into `out`, in exactly the bytes of nlohmann's
/// dump(2, ' ', false, replace) of the whole object, so that a long array (one entry per school)
/// is written entry by entry and never held whole as JSON values: the analysis of 24,000
/// schools took 100 MiB of them, and the time to fill that memory, before a byte was written.
class StreamedObject {
 public:
  explicit StreamedObject(std::string& out) : out_(out) { out_ += '{'; }
  /// "key": value
  void member(std::string_view key, const Json& value) {
    open_member(key);
    append(value, 1);
  }
  /// "key": [ … the elements given to element() … ]
  void begin_array(std::string_view key) {
    open_member(key);
    out_ += '[';
    elements_ = 0;
  }
  void element(const Json& value) {
    out_ += elements_++ ? ",\n    " : "\n    ";
    append(value, 2);
  }
  void end_array() { out_ += elements_ ? "\n  ]" : "]"; }
  /// Closes the object; `out` then holds the document, ending in a line break.
  void finish() { out_ += members_ ? "\n}\n" : "}\n"; }

 private:
  void open_member(std::string_view key) {
    out_ += members_++ ? ",\n  " : "\n  ";
    out_ += Json(key).dump();
    out_ += ": ";
  }
  /// `value` as dump(2) writes it `depth` levels down: every line after its first indented by
  /// two spaces a level (strings hold no raw line break: dump escapes them).
  void append(const Json& value, int depth) {
    const std::string text = value.dump(2, ' ', false, Json::error_handler_t::replace);
    const std::size_t pad = 2 * static_cast<std::size_t>(depth);
    std::size_t start = 0;
    for (std::size_t nl; (nl = text.find('\n', start)) != std::string::npos; start = nl + 1) {
      out_.append(text, start, nl + 1 - start);
      out_.append(pad, ' ');
    }
    out_.append(text, start, std::string::npos);
  }

  std::string& out_;
  std::size_t members_ = 0, elements_ = 0;
};

}  // namespace collabnet::output
