// The pathways executable: the composition root is in cli.cpp; this only hands it the arguments.
#include "cli.hpp"

int main(int argc, char** argv) {
  return pathways::api::run_cli(argc, argv);
}
