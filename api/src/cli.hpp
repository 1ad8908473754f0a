// The `pathways` command line: serve, migrate, demo, keys create|list|revoke, and audit verify.
#pragma once

namespace pathways::api {

// Parses the arguments and runs the command; returns the process exit code.
int run_cli(int argc, char** argv);

}  // namespace pathways::api
