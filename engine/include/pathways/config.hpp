// Pathways' settings: read from one TOML file, checked key by key, with PATHWAYS_PORT and
// PATHWAYS_DB environment overrides. An unknown key or a bad value is an error naming it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace pathways {

struct server_settings {
  std::string address = "127.0.0.1";
  int port = 8080;
  int threads = 64;               // handler threads; each holds one keep-alive connection
  int max_queued_connections = 512;
  std::size_t body_limit_bytes = 1024 * 1024;
  int max_headers = 64;
  int read_timeout_seconds = 10;
  int write_timeout_seconds = 10;
  int keep_alive_seconds = 5;
  int keep_alive_max_requests = 1000;
  int max_page_size = 100;
};

struct log_settings {
  std::string level = "info";   // trace, debug, info, warn, error, critical, off
  std::string format = "text";  // text or json
};

struct demo_settings {
  bool enabled = false;  // fill an empty database with demo data and accept demo keys
  std::uint64_t seed = 20261123;
};

struct referral_settings {
  int answer_within_days = 14;  // a referral the agency has not answered by then expires
};

struct settings {
  server_settings server;
  std::filesystem::path database = "pathways.db";
  std::filesystem::path taxonomy = "taxonomy.toml";
  int database_pool_size = 8;
  log_settings log;
  demo_settings demo;
  referral_settings referrals;
};

using environment = std::function<std::optional<std::string>(std::string_view name)>;
// The process environment.
std::optional<std::string> process_environment(std::string_view name);

// Parses settings; relative taxonomy paths resolve against `base_dir` (the config file's folder).
settings parse_settings(std::string_view toml_text, const std::filesystem::path& base_dir,
                        const environment& env = process_environment);
settings load_settings(const std::filesystem::path& file,
                       const environment& env = process_environment);

}  // namespace pathways
