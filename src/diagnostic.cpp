#include "collabnet/diagnostic.hpp"

#include <utility>

namespace collabnet {

std::string Diagnostic::to_string() const {
  std::string s = file;
  if (line != 0) {
    s += ':' + std::to_string(line);
    if (column != 0) s += ':' + std::to_string(column);
  }
  s += ": ";
  if (severity == Severity::warning) s += "warning: ";
  if (!where.empty()) s += where + ": ";
  s += message;
  return s;
}

static std::string first_error_message(const std::vector<Diagnostic>& diagnostics) {
  for (const auto& d : diagnostics)
    if (d.severity == Severity::error) return d.to_string();
  return "invalid input";
}

static std::size_t count_errors(const std::vector<Diagnostic>& diagnostics) {
  std::size_t n = 0;
  for (const auto& d : diagnostics) n += d.severity == Severity::error;
  return n;
}

InputError::InputError(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(first_error_message(diagnostics)),
      diagnostics_(std::move(diagnostics)),
      error_count_(count_errors(diagnostics_)) {}

InputError::InputError(std::string file, std::string message)
    : InputError(std::vector<Diagnostic>{
          Diagnostic{Severity::error, std::move(file), 0, 0, "", std::move(message)}}) {}

std::string format_diagnostics(const std::vector<Diagnostic>& diagnostics,
                               std::size_t total_errors) {
  std::string out;
  std::size_t shown = 0;
  for (const auto& d : diagnostics) {
    if (d.severity == Severity::error && shown++ >= kMaxReportedErrors) continue;
    out += d.to_string();
    out += '\n';
  }
  if (total_errors > kMaxReportedErrors) {
    out += "... and " + std::to_string(total_errors - kMaxReportedErrors) + " more error" +
           (total_errors - kMaxReportedErrors == 1 ? "" : "s") + '\n';
  }
  return out;
}

}  // namespace collabnet
