// The opening cache behind match results: reads from the real store, keeps an opening until a
// newer revision is asked for, drops the least recently used beyond its capacity.
#include <gtest/gtest.h>

#include "pathways/agencies.hpp"
#include "pathways/opening_cache.hpp"
#include "pathways/opportunities.hpp"
#include "pathways/taxonomy.hpp"
#include "temp_dir.hpp"

namespace pathways::testing {
namespace {

const principal admin{"", role::admin, std::nullopt, std::nullopt, {}};

class opening_cache_test : public ::testing::Test {
 protected:
  void SetUp() override {
    agency_id = agency_service(db)
                    .create(admin, {"", "Café", agency_kind::employer, "", "", "", "", "", ""})
                    .id;
  }
  std::string publish(const std::string& title) {
    opportunity o;
    o.agency_id = agency_id;
    o.external_ref = title;
    o.title = title;
    o.description = "A long description the results do not show.";
    o.location = geo_point{52.63, 1.30};
    o.strengths = {{"cooking", 1.0}};
    return board.publish(admin, o).id;
  }
  void rename(const std::string& id, const std::string& title) {
    board.update(admin, id, [&](opportunity& o) { o.title = title; });
  }

  temp_dir dir;
  database db{{dir.file("p.db"), 2, std::nullopt}};
  taxonomy terms = taxonomy::load(shipped_taxonomy());
  opportunity_service board{db, terms, nullptr};
  std::string agency_id;
};

TEST_F(opening_cache_test, reads_the_store_and_keeps_an_opening_until_a_newer_revision) {
  opening_cache cache(db);
  const std::string id = publish("Kitchen assistant");
  const auto first = cache.get({{id, 1}});
  ASSERT_TRUE(first.at(0));
  EXPECT_EQ(first[0]->title, "Kitchen assistant");
  EXPECT_TRUE(first[0]->description.empty());  // results show a summary
  rename(id, "Kitchen porter");
  EXPECT_EQ(cache.get({{id, 1}}).at(0), first[0]) << "the same revision is kept, not read again";
  EXPECT_EQ(cache.get({{id, 2}}).at(0)->title, "Kitchen porter");
  EXPECT_EQ(cache.get({{id, 1}}).at(0)->title, "Kitchen porter") << "never back to an older one";
}

TEST_F(opening_cache_test, an_unknown_id_gives_nothing_and_the_rest_are_read) {
  opening_cache cache(db);
  const std::string id = publish("Gardener");
  const auto read = cache.get({{"0123456789abcdef0123456789abcdef", 1}, {id, 1}});
  ASSERT_EQ(read.size(), 2u);
  EXPECT_FALSE(read[0]);
  ASSERT_TRUE(read[1]);
  EXPECT_EQ(read[1]->title, "Gardener");
}

TEST_F(opening_cache_test, drops_the_least_recently_used_beyond_its_capacity) {
  opening_cache cache(db, 2);
  const std::string a = publish("A"), b = publish("B"), c = publish("C");
  const auto kept_a = cache.get({{a, 1}}).at(0);
  cache.get({{b, 1}});
  cache.get({{a, 1}});  // a is now the most recent
  cache.get({{c, 1}});  // b goes
  EXPECT_EQ(cache.get({{a, 1}}).at(0), kept_a);
  rename(b, "B renamed");
  EXPECT_EQ(cache.get({{b, 1}}).at(0)->title, "B renamed") << "b was read again";
}

}  // namespace
}  // namespace pathways::testing
