// Every feed plugin fed truncated, corrupted and random versions of its fixtures: each read
// ends with ok or a reported failure, never a crash (run it under ASan/UBSan too).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "feed_plugin_loader.hpp"
#include "temp_dir.hpp"

namespace {

namespace fs = std::filesystem;
using pathways::test::feed_plugin;
using pathways::test::feed_run;

std::string bytes_of(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write(const fs::path& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

// The variants of one file's bytes: cut at many points, bytes overwritten, random noise.
std::vector<std::string> variants(const std::string& original, std::mt19937& random) {
  std::vector<std::string> out;
  const std::size_t cuts = 40;
  for (std::size_t i = 0; i < cuts; ++i)
    out.push_back(original.substr(0, original.size() * i / cuts));
  using namespace std::string_literals;
  const std::string specials = "\",\r\n<>&;{}[]:\\\0\xff\xef"s;  // NUL included
  for (int i = 0; i < 40; ++i) {
    std::string corrupted = original;
    for (int j = 0; j < 8 && !corrupted.empty(); ++j)
      corrupted[random() % corrupted.size()] = specials[random() % specials.size()];
    out.push_back(std::move(corrupted));
  }
  for (int i = 0; i < 5; ++i) {
    std::string noise(random() % 2000, '\0');
    for (char& c : noise) c = static_cast<char>(random() % 256);
    out.push_back(std::move(noise));
  }
  return out;
}

// Reads every variant of file through plugin (as `path`, or as a file inside a package folder).
void fuzz(const std::string& plugin_path, const fs::path& fixture,
          std::vector<pathways::plugin::setting> extra, const std::string& package_file = "") {
  const feed_plugin plugin(plugin_path);
  pathways::testing::temp_dir dir;
  fs::path target = dir.file(fixture.filename().string());
  std::string original;
  if (!package_file.empty()) {
    fs::copy(fixture, dir.path() / "package");
    target = dir.path() / "package" / package_file;
    original = bytes_of(fixture / package_file);
  } else {
    original = bytes_of(fixture);
  }
  std::mt19937 random(20271);
  extra.push_back(
      {"path", package_file.empty() ? target.string() : (dir.path() / "package").string()});
  for (const std::string& bytes : variants(original, random)) {
    write(target, bytes);
    const feed_run run = plugin.read(extra);
    ASSERT_TRUE(run.status == 0 || run.status == 1);
    if (run.status == 1) {
      EXPECT_FALSE(run.failures.empty());
    }
  }
}

const std::string fixtures = PATHWAYS_FIXTURES_DIR "/feeds/";
const std::string taxonomy = PATHWAYS_CONFIG_DIR "/taxonomy.toml";

TEST(feed_fuzz, csv_survives_truncated_and_corrupted_files) {
  for (const char* file : {"standard.csv", "mapped.csv"})
    fuzz(PATHWAYS_FEED_CSV, fixtures + "csv/" + file, {{"taxonomy", taxonomy}});
}

TEST(feed_fuzz, jsonld_survives_truncated_and_corrupted_files) {
  for (const char* file : {"single.jsonld", "array.json", "graph.jsonld", "page.html"})
    fuzz(PATHWAYS_FEED_JSONLD, fixtures + "jsonld/" + file, {{"taxonomy", taxonomy}});
}

TEST(feed_fuzz, hsds_survives_truncated_and_corrupted_json) {
  for (const char* file : {"messy_envelope.json", "bare_array.json"})
    fuzz(PATHWAYS_FEED_HSDS, fixtures + "hsds/" + file,
         {{"mapping", PATHWAYS_CONFIG_DIR "/hsds_mapping.toml"}});
}

TEST(feed_fuzz, hsds_survives_truncated_and_corrupted_package_files) {
  for (const char* file : {"services.csv", "service_at_location.csv", "schedules.csv",
                           "attributes.csv", "locations.csv"})
    fuzz(PATHWAYS_FEED_HSDS, fixtures + "hsds/messy_package",
         {{"mapping", PATHWAYS_CONFIG_DIR "/hsds_mapping.toml"}}, file);
}

TEST(feed_fuzz, deeply_nested_json_is_refused_or_read_without_crashing) {
  pathways::testing::temp_dir dir;
  write(dir.file("deep.json"), std::string(100000, '[') + std::string(100000, ']'));
  for (const char* plugin : {PATHWAYS_FEED_JSONLD, PATHWAYS_FEED_HSDS}) {
    const feed_run run = feed_plugin(plugin).read({{"path", dir.file("deep.json").string()}});
    EXPECT_TRUE(run.status == 0 || run.status == 1);
  }
}

}  // namespace
