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

LoadResult load_and_warn(const std::string& network, Io& io) {
  LoadResult loaded = load_network(network);
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
}

}  // namespace collabnet::cli
