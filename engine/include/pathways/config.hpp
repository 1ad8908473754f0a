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
#include <utility>
#include <vector>

namespace pathways {

struct server_settings {
  std::string address = "127.0.0.1";
  int port = 8080;
  int threads = 64;  // handler threads; each holds one keep-alive connection
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

// What one sync of a partner feed may use before it is stopped and marked failed.
struct feed_limits {
  int deadline_seconds = 300;  // the plugin's whole read, start to end
  int memory_mb = 512;         // the worker process's resident memory
  int max_records = 200000;    // more records than this fails the sync
};

// One partner feed: a plugin (a Boost.DLL module) that reads the partner's data into openings
// of one agency. A relative plugin path resolves against the executable's plugin folder.
struct feed_settings {
  std::string name;  // [a-z0-9_-], unique; the feed's name in routes and the CLI
  std::filesystem::path plugin;
  std::string agency_id;      // the id of an existing agency: the openings become its own
  int interval_minutes = 60;  // how often the server syncs it; 0: only when asked
  bool full_snapshot = true;  // true: openings of this feed missing from a sync are closed
  feed_limits limits;
  std::vector<std::pair<std::string, std::string>> plugin_settings;  // [feeds.settings]
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
  std::vector<feed_settings> feeds;
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
