#pragma once
// Internal: a cell that names a school (partnership from/to, a grouping member, a staff member's
// school) may give its id or, where people write names, its name. Resolves names that stand for
// exactly one school of the network, and words "did you mean" with the nearest ids and names.

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "collabnet/network.hpp"

namespace collabnet::load {

class SchoolRefs {
 public:
  /// `schools` must outlive this object. Nothing is indexed until a reference is not an id.
  explicit SchoolRefs(const std::vector<School>& schools);
  ~SchoolRefs();

  /// The school whose name `ref` is, when exactly one school of the network has that name
  /// (compared in the names module's normal form: case, accents, spacing and punctuation
  /// aside).
  std::optional<std::size_t> by_name(std::string_view ref);

  /// Why `ref` (not an id) names no school, with the nearest ids and names:
  /// `unknown school id "511462"; did you mean "5114624" (Dingwall Primary School)?`.
  std::string unknown(std::string_view ref);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace collabnet::load
