// Sets up spdlog for the process: to stderr (stdout stays for command output), at the
// configured level, as text or one JSON object a line.
#pragma once

#include "pathways/config.hpp"

namespace pathways::api {

void configure_logging(const log_settings& settings);

}  // namespace pathways::api
