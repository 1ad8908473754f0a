// Runs the real pathways executable on a database file and captures what it prints.
#pragma once

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <string>

#include "temp_dir.hpp"

namespace pathways::testing {

struct outcome {
  int exit_code = -1;
  std::string out;
};

// `pathways --config <shipped> <args>` with PATHWAYS_DB set; stdout captured, stderr to `err_file`.
inline outcome run_pathways(const std::filesystem::path& db_file, const std::string& args,
                            const std::filesystem::path& err_file) {
  const std::string command = "PATHWAYS_DB='" + db_file.string() +
                              "' '" PATHWAYS_EXE "' --config '" + shipped_config().string() + "' " +
                              args + " 2>'" + err_file.string() + "'";
  FILE* pipe = ::popen(command.c_str(), "r");
  outcome o;
  std::array<char, 4096> buffer{};
  while (std::size_t n = std::fread(buffer.data(), 1, buffer.size(), pipe))
    o.out.append(buffer.data(), n);
  const int status = ::pclose(pipe);
  o.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return o;
}

}  // namespace pathways::testing
