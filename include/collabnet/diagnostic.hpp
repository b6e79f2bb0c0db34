#pragma once
// Problems a user can cause, located in their file. One error type carries all of them.

#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

namespace collabnet {

enum class Severity { error, warning };

/// One located problem. Rendered by to_string() as
///   JSON: `net.json: partnerships[12].to: unknown school id "5123999"`
///   CSV:  `schools.csv:14: roll: must be a whole number ≥ 0, got "-3"`
///   syntax: `net.json:3:14: syntax error: …`
struct Diagnostic {
  Severity severity = Severity::error;
  std::string file;     ///< as the user named it
  std::size_t line = 0; ///< 1-based; 0 when the place is a JSON path
  std::size_t column = 0;
  std::string where;    ///< JSON path (`schools[3].roll`) or CSV column (`roll`); may be empty
  std::string message;  ///< what is wrong and, where it helps, the fix

  std::string to_string() const;
  bool operator==(const Diagnostic&) const = default;
};

/// The one exception for user-caused problems: bad input files, bad options, unwritable output.
/// Carries every error found (and the warnings seen before them).
class InputError : public std::runtime_error {
 public:
  explicit InputError(std::vector<Diagnostic> diagnostics);
  InputError(std::string file, std::string message);
  const std::vector<Diagnostic>& diagnostics() const noexcept { return diagnostics_; }
  /// How many errors there were in all, including any beyond the stored cap.
  std::size_t error_count() const noexcept { return error_count_; }
  void set_error_count(std::size_t n) noexcept { error_count_ = n; }

 private:
  std::vector<Diagnostic> diagnostics_;
  std::size_t error_count_ = 0;
};

/// At most this many errors are kept and printed for one input; the rest are counted
/// ("... and 812 more errors") so that a badly broken file cannot flood a terminal or memory.
inline constexpr std::size_t kMaxReportedErrors = 50;

/// Formats diagnostics one per line, errors capped at kMaxReportedErrors with an "... and N more"
/// line.
std::string format_diagnostics(const std::vector<Diagnostic>& diagnostics,
                               std::size_t total_errors);

}  // namespace collabnet
