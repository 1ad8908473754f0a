// Settings from TOML: every key known, every value checked, environment overrides applied last.
#include "pathways/config.hpp"

#include <charconv>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "pathways/error.hpp"
#include "toml_fields.hpp"

namespace pathways {
namespace {

using toml_fields::bad;
using toml_fields::only_known;
using toml_fields::read;

const toml::table& section(const toml::table& doc, std::string_view name) {
  static const toml::table empty;
  const toml::node* node = doc.get(name);
  if (!node) return empty;
  if (!node->is_table()) bad(std::string(name), "must be a table");
  return *node->as_table();
}

void check_range(const std::string& key, long long value, long long low, long long high) {
  if (value < low || value > high) bad(key, fmt::format("must be between {} and {}", low, high));
}

int port_from(const std::string& name, const std::string& text) {
  int port = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), port);
  if (ec != std::errc() || end != text.data() + text.size() || port < 0 || port > 65535)
    bad(name, "must be a port number between 0 and 65535");
  return port;
}

bool is_feed_name(const std::string& name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) return false;
  return true;
}

// One [[feeds]] entry, every key checked; `key` is "feeds[i]".
feed_settings feed_from(const toml::node& node, const std::string& key) {
  if (!node.is_table()) bad(key, "must be a table");
  const toml::table& t = *node.as_table();
  const std::string prefix = key + ".";
  only_known(
      t, prefix,
      {"name", "plugin", "agency", "interval_minutes", "full_snapshot", "limits", "settings"});
  feed_settings f;
  read(t, prefix, "name", f.name);
  read(t, prefix, "plugin", f.plugin);
  read(t, prefix, "agency", f.agency_id);
  read(t, prefix, "interval_minutes", f.interval_minutes);
  read(t, prefix, "full_snapshot", f.full_snapshot);
  if (!is_feed_name(f.name)) bad(prefix + "name", "must be 1 to 64 of a-z, 0-9, _ and -");
  if (f.plugin.empty()) bad(prefix + "plugin", "is required (a plugin library path)");
  if (f.agency_id.empty())
    bad(prefix + "agency", "is required (the id of the agency whose openings these are)");
  check_range(prefix + "interval_minutes", f.interval_minutes, 0, 7 * 24 * 60);
  const toml::table& limits = section(t, "limits");
  only_known(limits, prefix + "limits.", {"deadline_seconds", "memory_mb", "max_records"});
  read(limits, prefix + "limits.", "deadline_seconds", f.limits.deadline_seconds);
  read(limits, prefix + "limits.", "memory_mb", f.limits.memory_mb);
  read(limits, prefix + "limits.", "max_records", f.limits.max_records);
  check_range(prefix + "limits.deadline_seconds", f.limits.deadline_seconds, 1, 24 * 3600);
  check_range(prefix + "limits.memory_mb", f.limits.memory_mb, 16, 64 * 1024);
  check_range(prefix + "limits.max_records", f.limits.max_records, 1, 10'000'000);
  for (auto&& [name, value] : section(t, "settings")) {
    const std::string setting = fmt::format("{}settings.{}", prefix, name.str());
    if (value.is_string())
      f.plugin_settings.emplace_back(name.str(), value.as_string()->get());
    else if (value.is_integer())
      f.plugin_settings.emplace_back(name.str(), std::to_string(value.as_integer()->get()));
    else if (value.is_boolean())
      f.plugin_settings.emplace_back(name.str(), value.as_boolean()->get() ? "true" : "false");
    else
      bad(setting, "must be a string, a whole number or true/false");
  }
  return f;
}

std::vector<feed_settings> feeds_from(const toml::table& doc) {
  std::vector<feed_settings> feeds;
  const toml::node* node = doc.get("feeds");
  if (!node) return feeds;
  if (!node->is_array_of_tables()) bad("feeds", "must be a list of [[feeds]] tables");
  const toml::array& list = *node->as_array();
  for (std::size_t i = 0; i < list.size(); ++i) {
    feeds.push_back(feed_from(*list.get(i), fmt::format("feeds[{}]", i)));
    for (std::size_t j = 0; j + 1 < feeds.size(); ++j)
      if (feeds[j].name == feeds.back().name)
        bad(fmt::format("feeds[{}].name", i),
            fmt::format("'{}' names two feeds", feeds.back().name));
  }
  return feeds;
}

}  // namespace

std::optional<std::string> process_environment(std::string_view name) {
  const char* value = std::getenv(std::string(name).c_str());
  if (!value) return std::nullopt;
  return std::string(value);
}

settings parse_settings(std::string_view toml_text, const std::filesystem::path& base_dir,
                        const environment& env) {
  toml::table doc;
  try {
    doc = toml::parse(toml_text);
  } catch (const toml::parse_error& e) {
    throw error(error_code::invalid_argument,
                fmt::format("configuration line {}: {}", e.source().begin.line, e.description()),
                "config");
  }
  settings s;
  only_known(doc, "", {"server", "database", "taxonomy", "log", "demo", "referrals", "feeds"});

  const toml::table& server = section(doc, "server");
  only_known(server, "server.",
             {"address", "port", "threads", "max_queued_connections", "body_limit_bytes",
              "max_headers", "read_timeout_seconds", "write_timeout_seconds", "keep_alive_seconds",
              "keep_alive_max_requests", "max_page_size"});
  auto& sv = s.server;
  read(server, "server.", "address", sv.address);
  read(server, "server.", "port", sv.port);
  read(server, "server.", "threads", sv.threads);
  read(server, "server.", "max_queued_connections", sv.max_queued_connections);
  read(server, "server.", "body_limit_bytes", sv.body_limit_bytes);
  read(server, "server.", "max_headers", sv.max_headers);
  read(server, "server.", "read_timeout_seconds", sv.read_timeout_seconds);
  read(server, "server.", "write_timeout_seconds", sv.write_timeout_seconds);
  read(server, "server.", "keep_alive_seconds", sv.keep_alive_seconds);
  read(server, "server.", "keep_alive_max_requests", sv.keep_alive_max_requests);
  read(server, "server.", "max_page_size", sv.max_page_size);
  if (sv.address.empty()) bad("server.address", "must not be empty");
  check_range("server.port", sv.port, 0, 65535);
  check_range("server.threads", sv.threads, 1, 1024);
  check_range("server.max_queued_connections", sv.max_queued_connections, 1, 100000);
  check_range("server.body_limit_bytes", static_cast<long long>(sv.body_limit_bytes), 1024,
              64LL << 20);
  check_range("server.max_headers", sv.max_headers, 8, 1000);
  check_range("server.read_timeout_seconds", sv.read_timeout_seconds, 1, 3600);
  check_range("server.write_timeout_seconds", sv.write_timeout_seconds, 1, 3600);
  check_range("server.keep_alive_seconds", sv.keep_alive_seconds, 1, 3600);
  check_range("server.keep_alive_max_requests", sv.keep_alive_max_requests, 1, 1000000);
  check_range("server.max_page_size", sv.max_page_size, 1, 1000);

  const toml::table& db = section(doc, "database");
  only_known(db, "database.", {"path", "pool_size"});
  read(db, "database.", "path", s.database);
  read(db, "database.", "pool_size", s.database_pool_size);
  if (s.database.empty()) bad("database.path", "must not be empty");
  check_range("database.pool_size", s.database_pool_size, 1, 256);

  const toml::table& tax = section(doc, "taxonomy");
  only_known(tax, "taxonomy.", {"path"});
  read(tax, "taxonomy.", "path", s.taxonomy);
  if (s.taxonomy.empty()) bad("taxonomy.path", "must not be empty");
  if (s.taxonomy.is_relative()) s.taxonomy = base_dir / s.taxonomy;

  const toml::table& log = section(doc, "log");
  only_known(log, "log.", {"level", "format"});
  read(log, "log.", "level", s.log.level);
  read(log, "log.", "format", s.log.format);
  static constexpr std::string_view levels[] = {"trace", "debug",    "info", "warn",
                                                "error", "critical", "off"};
  if (std::find(std::begin(levels), std::end(levels), s.log.level) == std::end(levels))
    bad("log.level", "must be one of trace, debug, info, warn, error, critical, off");
  if (s.log.format != "text" && s.log.format != "json") bad("log.format", "must be text or json");

  const toml::table& demo = section(doc, "demo");
  only_known(demo, "demo.", {"enabled", "seed"});
  read(demo, "demo.", "enabled", s.demo.enabled);
  read(demo, "demo.", "seed", s.demo.seed);

  s.feeds = feeds_from(doc);
  const toml::table& referrals = section(doc, "referrals");
  only_known(referrals, "referrals.", {"answer_within_days"});
  read(referrals, "referrals.", "answer_within_days", s.referrals.answer_within_days);
  if (s.referrals.answer_within_days < 1) bad("referrals.answer_within_days", "must be at least 1");

  if (auto port = env("PATHWAYS_PORT")) sv.port = port_from("PATHWAYS_PORT", *port);
  if (auto path = env("PATHWAYS_DB")) {
    if (path->empty()) bad("PATHWAYS_DB", "must not be empty");
    s.database = *path;
  }
  return s;
}

settings load_settings(const std::filesystem::path& file, const environment& env) {
  std::ifstream in(file);
  if (!in)
    throw error(error_code::invalid_argument,
                fmt::format("cannot read configuration file '{}'", file.string()), "config");
  std::stringstream text;
  text << in.rdbuf();
  return parse_settings(text.str(), file.parent_path(), env);
}

}  // namespace pathways
