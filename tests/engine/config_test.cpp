// Configuration: the shipped file is valid; every invalid setting gives an error naming it.
#include <gtest/gtest.h>

#include "pathways/config.hpp"
#include "pathways/error.hpp"
#include "temp_dir.hpp"

namespace pathways::testing {
namespace {

std::optional<std::string> no_environment(std::string_view) {
  return std::nullopt;
}

// The field named by the error that parsing `text` raises, or "none".
std::string failing_field(const std::string& text, const environment& env = no_environment) {
  try {
    parse_settings(text, "/etc/pathways", env);
  } catch (const error& e) {
    EXPECT_NE(std::string(e.what()).find(e.field()), std::string::npos) << e.what();
    return e.field();
  }
  return "none";
}

TEST(configuration, the_shipped_file_gives_the_documented_defaults) {
  const settings s = load_settings(shipped_config(), no_environment);
  EXPECT_EQ(s.server.address, "127.0.0.1");
  EXPECT_EQ(s.server.port, 8080);
  EXPECT_EQ(s.server.body_limit_bytes, 1024u * 1024u);
  EXPECT_EQ(s.database, "pathways.db");
  EXPECT_EQ(s.taxonomy, shipped_config().parent_path() / "taxonomy.toml");
  EXPECT_FALSE(s.demo.enabled);
}

TEST(configuration, an_empty_file_gives_defaults) {
  const settings s = parse_settings("", "/etc/pathways", no_environment);
  EXPECT_EQ(s.server.port, 8080);
  EXPECT_EQ(s.taxonomy, "/etc/pathways/taxonomy.toml");
}

TEST(configuration, feeds_are_read_with_their_limits_and_plugin_settings) {
  const settings s = parse_settings(R"toml(
[[feeds]]
name = "wensum-jobs"
plugin = "pathways_feed_csv.so"
agency = "0123456789abcdef0123456789abcdef"
interval_minutes = 30
full_snapshot = false
limits = { deadline_seconds = 20, memory_mb = 64, max_records = 500 }
[feeds.settings]
path = "/srv/feeds/wensum.csv"
header_rows = 1
)toml",
                                    "/etc/pathways", no_environment);
  ASSERT_EQ(s.feeds.size(), 1u);
  const feed_settings& f = s.feeds[0];
  EXPECT_EQ(f.name, "wensum-jobs");
  EXPECT_EQ(f.plugin, "pathways_feed_csv.so");
  EXPECT_EQ(f.agency_id, "0123456789abcdef0123456789abcdef");
  EXPECT_EQ(f.interval_minutes, 30);
  EXPECT_FALSE(f.full_snapshot);
  EXPECT_EQ(f.limits.deadline_seconds, 20);
  EXPECT_EQ(f.limits.memory_mb, 64);
  EXPECT_EQ(f.limits.max_records, 500);
  const std::vector<std::pair<std::string, std::string>> expected{
      {"header_rows", "1"}, {"path", "/srv/feeds/wensum.csv"}};  // in key order
  EXPECT_EQ(f.plugin_settings, expected);
}

TEST(configuration, each_invalid_feed_setting_is_named) {
  const std::string ok = "name = \"a\"\nplugin = \"p.so\"\nagency = \"x\"\n";
  EXPECT_EQ(failing_field("[[feeds]]\nplugin = \"p.so\"\nagency = \"x\""), "feeds[0].name");
  EXPECT_EQ(failing_field("[[feeds]]\nname = \"Bad Name\"\nplugin = \"p.so\"\nagency = \"x\""),
            "feeds[0].name");
  EXPECT_EQ(failing_field("[[feeds]]\nname = \"a\"\nagency = \"x\""), "feeds[0].plugin");
  EXPECT_EQ(failing_field("[[feeds]]\nname = \"a\"\nplugin = \"p.so\""), "feeds[0].agency");
  EXPECT_EQ(failing_field("[[feeds]]\n" + ok + "colour = 1"), "feeds[0].colour");
  EXPECT_EQ(failing_field("[[feeds]]\n" + ok + "limits = { memory_mb = 1 }"),
            "feeds[0].limits.memory_mb");
  EXPECT_EQ(failing_field("[[feeds]]\n" + ok + "[feeds.settings]\nlist = [1]"),
            "feeds[0].settings.list");
  EXPECT_EQ(failing_field("[[feeds]]\n" + ok + "[[feeds]]\n" + ok), "feeds[1].name");
  EXPECT_EQ(failing_field("feeds = 3"), "feeds");
}

TEST(configuration, each_invalid_setting_is_named) {
  EXPECT_EQ(failing_field("[server]\nport = 70000\n"), "server.port");
  EXPECT_EQ(failing_field("[server]\nport = \"80\"\n"), "server.port");
  EXPECT_EQ(failing_field("[server]\nthreads = 0\n"), "server.threads");
  EXPECT_EQ(failing_field("[server]\nbody_limit_bytes = 10\n"), "server.body_limit_bytes");
  EXPECT_EQ(failing_field("[server]\nmax_headers = 2\n"), "server.max_headers");
  EXPECT_EQ(failing_field("[server]\naddress = \"\"\n"), "server.address");
  EXPECT_EQ(failing_field("[server]\nread_timeout_seconds = 0\n"), "server.read_timeout_seconds");
  EXPECT_EQ(failing_field("[server]\nmax_page_size = 5000\n"), "server.max_page_size");
  EXPECT_EQ(failing_field("[server]\nprot = 80\n"), "server.prot");
  EXPECT_EQ(failing_field("[database]\npath = \"\"\n"), "database.path");
  EXPECT_EQ(failing_field("[database]\npool_size = 0\n"), "database.pool_size");
  EXPECT_EQ(failing_field("[log]\nlevel = \"loud\"\n"), "log.level");
  EXPECT_EQ(failing_field("[log]\nformat = \"xml\"\n"), "log.format");
  EXPECT_EQ(failing_field("[demo]\nenabled = \"yes\"\n"), "demo.enabled");
  EXPECT_EQ(failing_field("[taxonomy]\npath = 3\n"), "taxonomy.path");
  EXPECT_EQ(failing_field("colour = \"blue\"\n"), "colour");
  EXPECT_EQ(failing_field("server = 1\n"), "server");
  EXPECT_EQ(failing_field("[server\n"), "config");
}

TEST(configuration, environment_overrides_port_and_database) {
  auto env = [](std::string_view name) -> std::optional<std::string> {
    if (name == "PATHWAYS_PORT") return "9090";
    if (name == "PATHWAYS_DB") return "/tmp/other.db";
    return std::nullopt;
  };
  const settings s = parse_settings("[server]\nport = 8080\n", "/etc/pathways", env);
  EXPECT_EQ(s.server.port, 9090);
  EXPECT_EQ(s.database, "/tmp/other.db");
  auto bad = [](std::string_view name) -> std::optional<std::string> {
    if (name == "PATHWAYS_PORT") return "eighty";
    return std::nullopt;
  };
  EXPECT_EQ(failing_field("", bad), "PATHWAYS_PORT");
}

}  // namespace
}  // namespace pathways::testing
