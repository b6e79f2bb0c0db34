#include <iostream>

#include "commands.hpp"

int main(int argc, char** argv) {
  return collabnet::cli::run_cli(argc, argv, std::cout, std::cerr);
}
