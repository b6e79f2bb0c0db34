#include "common.hpp"

#include <CLI/CLI.hpp>
#include <ostream>

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

void check_output(const std::string& output, bool folder, const std::vector<InputPath>& inputs) {
  if (output.empty() || output == "-") return;
  check_output_target(output, folder, inputs, "--output");
}

void write_output(const std::string& output, const std::string& bytes, Io& io) {
  if (output.empty() || output == "-")
    io.out << bytes;
  else
    write_file_atomically(output, bytes);
}

void add_network_argument(CLI::App& cmd, std::string& network) {
  cmd.add_option("NETWORK", network, "network file (.json) or CSV folder")->required();
}

}  // namespace collabnet::cli
