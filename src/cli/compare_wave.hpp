#pragma once
// The earlier wave a command compares against (compare, report --compare-with, render --view
// change): loaded and analysed with the same settings, so every figure comes from analyse().

#include <string>

#include "collabnet/compare.hpp"
#include "collabnet/load.hpp"
#include "commands.hpp"

namespace collabnet::cli {

/// Loads `before_path` (printing its warnings), analyses it with `settings` and diffs it with
/// the analysed `after`. `before` receives the loaded earlier network (names for the text).
ChangeReport compare_with(const std::string& before_path, const Settings& settings,
                          const Network& after, const Analysis& a_after, Network& before, Io& io);

}  // namespace collabnet::cli
