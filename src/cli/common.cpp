#include "common.hpp"

#include <CLI/CLI.hpp>
#include <cerrno>
#include <ostream>
#include <system_error>

#include "collabnet/diagnostic.hpp"
#include "output/format.hpp"

namespace collabnet::cli {

void print_warnings(const LoadResult& loaded, Io& io) {
  for (const auto& w : loaded.warnings) io.err << output::printable(w.to_string()) << '\n';
}

namespace {
LoadOptions g_load_options;  // one run of the command line at a time (run_cli resets it)
}  // namespace

const LoadOptions& load_options() { return g_load_options; }
void reset_load_options() { g_load_options = LoadOptions{}; }

void add_load_flags(CLI::App& cmd) {
  cmd.add_flag("--keep-unknown-columns", g_load_options.keep_unknown_columns,
               "CSV folder: keep a column collabnet does not know as an extra attribute "
               "(default: an error naming the known columns; docs/format.md)");
  cmd.add_option_function<std::string>(
         "--date-format",
         [](const std::string& format) { g_load_options.dates_day_first = format == "DD/MM/YYYY"; },
         "how dates are written: YYYY-MM-DD (default) or DD/MM/YYYY (as Excel shows them in "
         "the UK; a 2-digit year is still an error)")
      ->check(CLI::IsMember({"YYYY-MM-DD", "DD/MM/YYYY"}));
}

std::string wrote_summary(const std::string& output, const Network& net) {
  auto count = [](std::size_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
  };
  return output::printable("wrote " + output + ": " +
                           count(net.schools.size(), "school", "schools") + ", " +
                           count(net.partnerships.size(), "partnership", "partnerships") + ", " +
                           count(net.groupings.size(), "grouping", "groupings") + ", " +
                           count(net.staff.size(), "member of staff", "staff")) +
         "\n";
}

LoadResult load_and_warn(const std::string& network, Io& io) {
  LoadResult loaded = load_network(network, {}, load_options());
  print_warnings(loaded, io);
  return loaded;
}

void refuse_empty_output(bool given, const std::string& output) {
  // -o "$OUT" with OUT unset: say so, rather than write elsewhere or fail after all the work.
  if (given && output.empty())
    throw InputError("--output", "is empty; give the name of the file to write (or - for "
                                 "standard output)");
}

void check_output(const std::string& output, bool folder, const std::vector<InputPath>& inputs) {
  if (output.empty() || output == "-") return;
  check_output_target(output, folder, inputs, "--output");
}

void write_output(const std::string& output, const std::string& bytes, Io& io) {
  if (!output.empty() && output != "-") {
    write_file_atomically(output, bytes);
    return;
  }
  errno = 0;
  io.out << bytes;
  io.out.flush();
  if (io.out.fail()) {
    // Checked here, where errno still says why: a full disk is not "all well" (exit 2).
    const int cause = errno;
    throw InputError(
        "standard output",
        "cannot write output" +
            (cause != 0 ? ": " + std::generic_category().message(cause) : std::string()) +
            (cause == ENOSPC || cause == EDQUOT
                 ? "; the disk is full: free some space, or write to a file on another disk "
                   "with -o"
                 : "; what arrived is incomplete: write to a file with -o instead"));
  }
}

void add_network_argument(CLI::App& cmd, std::string& network) {
  cmd.add_option("NETWORK", network, "network file (.json) or CSV folder")->required();
  add_load_flags(cmd);
}

}  // namespace collabnet::cli
