// The demo feeds shipped in config/feeds/ import cleanly through their plugins: every record,
// no warnings (so the default configuration can list them as real feeds).
#include <gtest/gtest.h>

#include "feed_plugin_loader.hpp"

namespace {

using pathways::test::feed_plugin;
using pathways::test::feed_run;

const std::string config = PATHWAYS_CONFIG_DIR;

void expect_clean(const feed_run& run, std::size_t records) {
  EXPECT_EQ(run.status, 0);
  EXPECT_TRUE(run.failures.empty());
  EXPECT_EQ(run.records.size(), records);
  EXPECT_TRUE(run.warnings.empty()) << run.warnings.front().second;
}

TEST(demo_feeds, the_agency_spreadsheet_imports_cleanly) {
  expect_clean(feed_plugin(PATHWAYS_FEED_CSV)
                   .read({{"path", config + "/feeds/norwich_jobs.csv"},
                          {"taxonomy", config + "/taxonomy.toml"}}),
               6);
}

TEST(demo_feeds, the_job_postings_import_cleanly) {
  expect_clean(feed_plugin(PATHWAYS_FEED_JSONLD)
                   .read({{"path", config + "/feeds/norwich_jobpostings.jsonld"},
                          {"taxonomy", config + "/taxonomy.toml"}}),
               3);
}

TEST(demo_feeds, the_service_directory_imports_cleanly) {
  const feed_run run = feed_plugin(PATHWAYS_FEED_HSDS)
                           .read({{"path", config + "/feeds/norfolk_services.json"},
                                  {"mapping", config + "/hsds_mapping.toml"}});
  expect_clean(run, 4);
  std::vector<std::string> domains;
  for (const auto& r : run.records) domains.push_back(r.domain);
  EXPECT_EQ(domains, (std::vector<std::string>{"leisure", "peer_support", "education", "money"}));
}

}  // namespace
