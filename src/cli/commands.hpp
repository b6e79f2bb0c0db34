#pragma once
// The command line: one file per command (src/cli/<command>.cpp), each registering itself on the
// CLI11 app. Commands only parse flags, call the library and print; all logic lives in the library.

#include <iosfwd>
#include <string>

namespace CLI {
class App;
}

namespace collabnet::cli {

/// Where a command prints, so that tests can run the whole command line in-process.
struct Io {
  std::ostream& out;
  std::ostream& err;
};

/// Exit codes of the whole command line.
inline constexpr int kExitOk = 0;
inline constexpr int kExitCheckFailed = 1;  ///< a policy check (--fail-on) fired
inline constexpr int kExitBadInput = 2;     ///< bad input file, bad option or unwritable output
inline constexpr int kExitInternal = 3;     ///< a bug: please report it

/// Each register_* adds one subcommand. Its callback stores the command's exit code in `code`.
void register_check(CLI::App& app, Io& io, int& code);
void register_import(CLI::App& app, Io& io, int& code);
/// `import tracking`: a subcommand of `import` (import_tracking.cpp).
void register_import_tracking(CLI::App& import, Io& io, int& code);
void register_export(CLI::App& app, Io& io, int& code);
void register_analyse(CLI::App& app, Io& io, int& code);
void register_render(CLI::App& app, Io& io, int& code);
void register_report(CLI::App& app, Io& io, int& code);
void register_template(CLI::App& app, Io& io, int& code);
void register_compare(CLI::App& app, Io& io, int& code);
void register_suggest(CLI::App& app, Io& io, int& code);

/// Runs the command line as `collabnet argv[1..]`; returns the exit code. Never throws.
int run_cli(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

}  // namespace collabnet::cli
