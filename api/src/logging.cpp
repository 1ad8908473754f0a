// spdlog to stderr, text or JSON lines.
#include "logging.hpp"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

namespace pathways::api {

void configure_logging(const log_settings& settings) {
  auto logger = spdlog::get("pathways");
  if (!logger) logger = spdlog::stderr_logger_mt("pathways");
  spdlog::set_default_logger(logger);
  spdlog::set_level(spdlog::level::from_str(settings.level));
  if (settings.format == "json")
    spdlog::set_pattern(R"({"time":"%Y-%m-%dT%H:%M:%S.%eZ","level":"%l","message":"%v"})",
                        spdlog::pattern_time_type::utc);
  else
    spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %l %v", spdlog::pattern_time_type::utc);
}

}  // namespace pathways::api
