#include <CLI/CLI.hpp>
#include <exception>
#include <ostream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "collabnet/diagnostic.hpp"
#include "commands.hpp"
#include "common.hpp"
#include "load/builder.hpp"
#include "output/format.hpp"

namespace collabnet::cli {
namespace {

/// Every line of `text` escaped for the terminal (names and ids quoted in messages come from
/// the user's files), the line breaks kept.
std::string printable_lines(std::string_view text) {
  std::string out;
  while (!text.empty()) {
    const auto end = text.find('\n');
    out += output::printable(text.substr(0, end));
    if (end == std::string_view::npos) break;
    out += '\n';
    text.remove_prefix(end + 1);
  }
  return out;
}

/// The diagnostics of an error as printed: every field escaped for the terminal.
std::string printable_diagnostics(const InputError& e) {
  std::vector<Diagnostic> shown = e.diagnostics();
  for (Diagnostic& d : shown) {
    d.file = output::printable(d.file);
    d.where = output::printable(d.where);
    d.message = output::printable(d.message);
  }
  return format_diagnostics(shown, e.error_count());
}

/// CLI11 says only "A subcommand is required" for a misspelt command (`collabnet analyz`) or a
/// missing one. Checked before parsing: the first words that are not options must name
/// commands, at every level that has them (`import csv`). Returns the message, or "" when the
/// words are fine or help is asked for.
std::string command_problem(CLI::App& app, int argc, const char* const* argv) {
  // A request for help gets help, whatever else the line holds.
  for (int i = 1; i < argc; ++i)
    if (std::string_view(argv[i]) == "--help" || std::string_view(argv[i]) == "-h") return "";
  CLI::App* level = &app;
  std::string path = "collabnet";
  for (int i = 1;; ++i) {
    const std::vector<CLI::App*> commands = level->get_subcommands([](CLI::App*) { return true; });
    if (commands.empty()) return "";
    std::string list;
    std::vector<std::string_view> names;
    for (const CLI::App* c : commands) {
      list += (list.empty() ? "" : ", ") + c->get_name();
      names.push_back(c->get_name());
    }
    if (i >= argc)
      return path + ": give a command: " + list + " (" + path + " --help explains them)";
    const std::string word = argv[i];
    if (word.empty() || word[0] == '-') return "";  // an option such as --help or --version
    CLI::App* next = nullptr;
    for (CLI::App* c : commands)
      if (c->check_name(word)) next = c;
    if (!next) {
      const auto guess = load::did_you_mean(word, names);
      return path + ": unknown command '" + word + "'" +
             (guess ? "; did you mean '" + *guess + "'? The" : "; the") + " commands are " + list +
             " (" + path + " --help explains them)";
    }
    level = next;
    path += " " + next->get_name();
  }
}

/// Runs the command line (run_cli without the final check of standard output).
int run_commands(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

}  // namespace

int run_cli(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  const int code = run_commands(argc, argv, out, err);
  // What went to standard output must have arrived (help text too): a full disk or a closed
  // output is an output that cannot be written (exit 2, as for -o), never "all well" with the
  // end missing. Commands check their own writes (write_output) and say why; this is the net.
  out.flush();
  if (out.fail() && code != kExitBadInput && code != kExitInternal) {
    err << "standard output: cannot write output: what arrived is incomplete; write to a file "
           "with -o instead\n";
    return kExitBadInput;
  }
  return code;
}

namespace {

int run_commands(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  Io io{out, err};
  int code = kExitOk;
  reset_load_options();
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
    register_template(app, io, code);
    register_compare(app, io, code);
    register_suggest(app, io, code);
    if (const std::string problem = command_problem(app, argc, argv); !problem.empty()) {
      err << output::printable(problem) << '\n';
      return kExitBadInput;
    }
    try {
      app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
      std::ostringstream parse_err;
      const int rc = app.exit(e, out, parse_err);
      err << printable_lines(parse_err.str());
      return rc == 0 ? kExitOk : kExitBadInput;
    }
    return code;
  } catch (const InputError& e) {
    err << printable_diagnostics(e);
    return kExitBadInput;
  } catch (const std::bad_alloc&) {
    err << "collabnet: out of memory\n";
    return kExitInternal;
  } catch (const std::exception& e) {
    err << "collabnet: internal error: " << output::printable(e.what())
        << " (please report this)\n";
    return kExitInternal;
  }
}

}  // namespace

}  // namespace collabnet::cli
