// Times the name matcher (src/names/) the way the survey import uses it: a register of 3,000
// schools (the 654 real Northern Alliance names plus names made of their words, seeded) and
// 10,000 typed names drawn from it with typos and "PS" for "Primary School". Prints CPU seconds
// for building the index and for matching, and how the answers were matched.
// Usage: collabnet_bench_names [REGISTER.csv]  (default: the data/ file)
#include <cstdio>
#include <ctime>
#include <random>
#include <string>
#include <vector>

#include "load/csv_reader.hpp"
#include "names/names.hpp"

using namespace collabnet;

namespace {
double cpu() { return static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }
}  // namespace

int main(int argc, char** argv) {
  const std::string path = argc > 1 ? argv[1]
                                    : COLLABNET_DATA_DIR
      "/scotland_northern_alliance_roll_locations_2023.csv";
  load::Diagnostics diags;
  const auto csv = load::read_csv_file(path, path, diags);
  if (!csv.ok) {
    std::fprintf(stderr, "cannot read %s\n", path.c_str());
    return 2;
  }
  const auto name = load::column_index(csv.header, "SchoolName");
  const auto la = load::column_index(csv.header, "LAName");
  std::vector<names::RegisterName> reg;
  for (const auto& row : csv.rows) reg.push_back({row.cells[name], row.cells[la]});
  std::vector<std::string> first_words;
  for (const auto& r : reg) first_words.push_back(r.name.substr(0, r.name.find(' ')));
  std::mt19937 rng(1);
  const char* kinds[] = {"Primary School", "School", "Academy", "Nursery"};
  const std::size_t real = reg.size();
  while (reg.size() < 3000)
    reg.push_back({first_words[rng() % first_words.size()] + " " +
                       first_words[rng() % first_words.size()] + " " + kinds[rng() % 4],
                   reg[rng() % real].authority});
  std::vector<std::string> typed;
  for (int i = 0; i < 10000; ++i) {
    std::string n = reg[rng() % reg.size()].name;
    if (rng() % 3 == 0 && n.size() > 6) n.erase(2 + rng() % (n.size() - 3), 1);
    if (const auto p = n.find("Primary School"); rng() % 4 == 0 && p != std::string::npos)
      n.replace(p, 14, "PS");
    typed.push_back(n);
  }
  const double t0 = cpu();
  const names::NameIndex index(reg);
  const double t1 = cpu();
  std::size_t counts[4] = {};
  for (const auto& t : typed)
    ++counts[static_cast<int>(index.match(t, reg[0].authority).kind)];
  const double t2 = cpu();
  std::printf("register %zu names, index built in %.3f s CPU\n", reg.size(), t1 - t0);
  std::printf("%zu typed names matched in %.3f s CPU: %zu exact name, %zu similar, %zu ambiguous, "
              "%zu unmatched\n",
              typed.size(), t2 - t1, counts[0], counts[1], counts[2], counts[3]);
  return 0;
}
