// collabnet_bench: wall time and peak RSS of each stage of `collabnet analyse`, in-process.
//
// usage: collabnet_bench NETWORK.json [--threads N] [--sample K] [--repeat R] [--dump FILE]
//
// Prints one line per stage: `stage <name> <wall s> <peak RSS so far, KiB> <CPU s, all threads>`
// (the best of --repeat runs), then the sizes of the network. Stages: load (read + validate, as `collabnet check` does), graph (the school graph
// build), then each analysis pass as analyse() runs them, and json (the analysis document).
// The peak RSS is the process's high-water mark after the stage (getrusage), so it never falls:
// a stage that allocates little shows the figure of the stages before it. --dump writes every
// school's id, betweenness and closeness with 17 significant digits (to compare runs bit for bit).
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <string>

#include "collabnet/analysis.hpp"
#include "collabnet/analysis_output.hpp"
#include "collabnet/load.hpp"
#include "depth/depth.hpp"
#include "graph/school_graph.hpp"
#include "passes/passes.hpp"

namespace {

double cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) * 1e-6;
}

long peak_rss_kib() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;  // KiB on Linux
}

template <class F>
auto timed(const char* name, int repeat, F&& f) {
  using clock = std::chrono::steady_clock;
  double best = 1e300, best_cpu = 1e300;
  decltype(f()) result{};
  for (int r = 0; r < repeat; ++r) {
    const auto t0 = clock::now();
    const double c0 = cpu_seconds();
    result = f();
    best = std::min(best, std::chrono::duration<double>(clock::now() - t0).count());
    best_cpu = std::min(best_cpu, cpu_seconds() - c0);
  }
  std::printf("stage %-12s %10.4f %10ld %10.4f\n", name, best, peak_rss_kib(), best_cpu);
  std::fflush(stdout);
  return result;
}

[[noreturn]] void usage() {
  std::fputs("usage: collabnet_bench NETWORK.json [--threads N] [--sample K] [--repeat R] "
             "[--dump FILE]\n", stderr);
  std::exit(2);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) usage();
  collabnet::Settings settings;
  int repeat = 1;
  std::string dump;
  for (int i = 2; i < argc; ++i) {
    if (i + 1 >= argc) usage();
    const std::string flag = argv[i];
    const long value = std::strtol(argv[++i], nullptr, 10);
    if (flag == "--dump")
      dump = argv[i];
    else if (flag == "--threads")
      settings.threads = static_cast<unsigned>(value);
    else if (flag == "--sample")
      settings.sample = static_cast<std::size_t>(value);
    else if (flag == "--repeat")
      repeat = static_cast<int>(value);
    else
      usage();
  }
  try {
    using namespace collabnet;
    const LoadResult loaded = timed("load", 1, [&] { return load_network(argv[1]); });
    const Network& net = loaded.network;
    const auto g = timed("graph", repeat, [&] { return graph::build_school_graph(net, {}); });
    const auto conn = timed("connectivity", repeat,
                            [&] { return passes::find_connectivity(g, settings); });
    const auto cent = timed("centrality", repeat,
                            [&] { return passes::compute_centrality(g, settings); });
    if (!dump.empty()) {
      std::FILE* f = std::fopen(dump.c_str(), "w");
      if (!f) throw std::runtime_error("cannot write " + dump);
      for (std::size_t v = 0; v < net.schools.size(); ++v)
        std::fprintf(f, "%s %.17g %.17g\n", net.schools[v].id.c_str(), cent.betweenness[v],
                     cent.closeness[v]);
      std::fclose(f);
    }
    timed("isolation", repeat, [&] { return passes::find_isolation(g, settings, conn, cent); });
    timed("clusters", repeat, [&] { return passes::check_cluster_sizes(g, settings); });
    timed("direction", repeat, [&] { return passes::analyse_direction(g, settings); });
    timed("staff", repeat, [&] { return passes::analyse_staff(g, settings); });
    timed("depth", repeat, [&] { return depth::analyse_depth(g, settings); });
    // The whole analyse() once more (it builds its own graph), then its JSON document.
    const Analysis a = timed("analyse", 1, [&] { return analyse(net, settings); });
    const std::string doc = timed("json", repeat, [&] { return analysis_to_json(net, a); });
    std::printf("network schools %zu staff %zu partnerships %zu links %zu json_bytes %zu\n",
                net.schools.size(), net.staff.size(), net.partnerships.size(), g.links.size(),
                doc.size());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "collabnet_bench: %s\n", e.what());
    return 2;
  }
  return 0;
}
