#include <CLI/CLI.hpp>
#include <exception>
#include <ostream>

#include "collabnet/diagnostic.hpp"
#include "commands.hpp"

namespace collabnet::cli {

int run_cli(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  Io io{out, err};
  int code = kExitOk;
  try {
    CLI::App app{
        "collabnet: which schools actually work together.\n"
        "Analyses a network of schools, staff, groupings and partnerships and draws it.\n"
        "Example: collabnet check graphs/northern-alliance.json",
        "collabnet"};
    app.require_subcommand(1);
    app.set_version_flag("--version", "collabnet 0.1.0");
    register_check(app, io, code);
    register_import(app, io, code);
    register_export(app, io, code);
    register_analyse(app, io, code);
    register_render(app, io, code);
    register_report(app, io, code);
    try {
      app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
      const int rc = app.exit(e, out, err);
      return rc == 0 ? kExitOk : kExitBadInput;
    }
    return code;
  } catch (const InputError& e) {
    err << format_diagnostics(e.diagnostics(), e.error_count());
    return kExitBadInput;
  } catch (const std::bad_alloc&) {
    err << "collabnet: out of memory\n";
    return kExitInternal;
  } catch (const std::exception& e) {
    err << "collabnet: internal error: " << e.what() << " (please report this)\n";
    return kExitInternal;
  }
}

}  // namespace collabnet::cli
