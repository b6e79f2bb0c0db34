#pragma once
// What every command does around the library call, once: read the network printing its
// warnings, refuse an output that would overwrite an input, and print untrusted text safely.

#include <string>
#include <vector>

#include "collabnet/load.hpp"
#include "collabnet/output_file.hpp"
#include "commands.hpp"

namespace CLI {
class App;
}

namespace collabnet::cli {

/// Reads the network (JSON file or CSV folder) and prints its warnings on io.err, each escaped
/// for the terminal. Throws InputError for an invalid network.
LoadResult load_and_warn(const std::string& network, Io& io);

/// Prints a load's warnings on io.err, escaped for the terminal.
void print_warnings(const LoadResult& loaded, Io& io);

/// Refuses, before any work, an -o/--output that would overwrite one of `inputs` or cannot be
/// written (see check_output_target). `folder`: the output is a folder of CSV files. Does nothing
/// for an empty output or "-" (standard output).
void check_output(const std::string& output, bool folder, const std::vector<InputPath>& inputs);

/// Refuses an -o/--output that was given but is empty (`-o "$OUT"` with OUT unset).
void refuse_empty_output(bool given, const std::string& output);

/// Writes `bytes` to the file `output` whole or not at all, or to io.out when `output` is empty
/// or "-" (standard output).
void write_output(const std::string& output, const std::string& bytes, Io& io);

/// Adds the NETWORK argument (a JSON file or CSV folder) every network command takes, with the
/// loading flags (add_load_flags).
void add_network_argument(CLI::App& cmd, std::string& network);

/// Adds --keep-unknown-columns and --date-format, which set load_options() for this run.
void add_load_flags(CLI::App& cmd);

/// How the network of this run is read (the flags of add_load_flags); run_cli resets it.
const LoadOptions& load_options();
void reset_load_options();

/// "wrote net.json: 198 schools, 41 partnerships, 3 groupings, 0 staff" and a line break: what
/// an import wrote, in one line.
std::string wrote_summary(const std::string& output, const Network& network);

}  // namespace collabnet::cli
