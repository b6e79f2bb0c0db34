#pragma once
// A Finding is the one vocabulary every output shares (analysis-output.md, "Finding kinds").

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace collabnet {

/// Every finding kind, most urgent first: outputs list findings in this order. The first eight
/// are the contract's; the rest are collabnet's additions.
inline constexpr std::string_view kFindingKinds[] = {
    "isolated-school",          // no partnership at all
    "oversize-grouping",        // more than max_grouping_size members (NFER 2007: 2 to 8 work best)
    "dormant-grouping",         // declared, but no two members work together
    "receive-only-school",      // only ever on the receiving end of one-way links
    "weakly-connected-school",  // one partner school only
    "cut-school",               // removing it disconnects schools
    "bridge-link",              // removing this link disconnects schools
    "key-person",               // one staff member alone carries a link or a school's partnerships
    "hangs-on-school",          // reaches the rest of its schools only through one cut school
    "one-way-link",             // one-way record with nothing running back
    "disputed-link",            // survey: one school named it, the other answered without it
    "give-only-school",         // gives one-way to 2+ schools, receives none
    "low-penetration-school",   // only headteachers and deputes take part (NFER 2007: depth)
    "expert-hub",               // gives one-way to expert_hub_min or more schools
    "undersize-grouping",       // fewer than 2 members
    "oversize-community",       // a de facto cluster larger than max_grouping_size
    "falling-indicator",        // a framework rating's latest level is below the previous one
    "stalled-indicator",        // the last 3 ratings of an indicator are equal and below 4
    "shallow-grouping",         // every rated record inside a grouping is at level 1 or 2 (3+)
};

/// Position of `kind` in kFindingKinds (its urgency, 0 = most urgent), or -1 when unknown.
int finding_kind_rank(std::string_view kind);

/// A value carried by a finding beyond kind, subject and message.
/// A dated series (date, level) is written as [["2025-09-30", 2], …] (depth findings' `levels`).
using FindingValue =
    std::variant<bool, std::int64_t, double, std::string, std::vector<std::string>,
                 std::vector<std::pair<std::string, std::int64_t>>>;

struct Finding {
  std::string kind;                  ///< one of kFindingKinds
  std::vector<std::string> subject;  ///< one id (school, grouping, partnership, staff), or a pair
  std::string message;               ///< plain words, with school names (untrusted text)
  std::vector<std::pair<std::string, FindingValue>> extra;  ///< more keys, in output order
  bool operator==(const Finding&) const = default;
};

}  // namespace collabnet
