// The SQLite store: migrations from empty and from an older version, transactions that leave
// nothing half-written, and the uniqueness rules the domain relies on.
#include <gtest/gtest.h>

#include "pathways/agencies.hpp"
#include "pathways/database.hpp"
#include "pathways/error.hpp"
#include "pathways/opportunities.hpp"
#include "pathways/people.hpp"
#include "pathways/teams.hpp"
#include "temp_dir.hpp"

namespace pathways::testing {
namespace {

const principal admin{"", role::admin, std::nullopt, std::nullopt, {}};

database::options at(const std::filesystem::path& file, std::optional<int> version = std::nullopt) {
  return {file, 2, version};
}

person someone(const std::string& team_id) {
  person p;
  p.team_id = team_id;
  p.display_name = "Alex";
  p.strengths = {{"cooking", "Sunday roasts for the family", 4}};
  p.goals = {{"", domain::work, "Get back into kitchen work", 1, goal_status::active}};
  return p;
}

opportunity opening(const std::string& ref) {
  opportunity o;
  o.external_ref = ref;
  o.title = "Kitchen porter";
  o.location = geo_point{52.63, 1.30};
  o.places_total = o.places_available = 2;
  o.strengths = {{"cooking", 1.0}};
  return o;
}

TEST(schema_migrations, an_empty_database_migrates_to_the_latest_version) {
  temp_dir dir;
  database db(at(dir.file("p.db")));
  EXPECT_EQ(db.schema_version(), database::latest_schema_version());
  EXPECT_GE(database::latest_schema_version(), 3);
}

TEST(schema_migrations, an_older_database_upgrades_in_place_keeping_its_data) {
  temp_dir dir;
  const auto file = dir.file("p.db");
  std::string team_id;
  std::string agency_id;
  {
    // Version 1: teams, agencies and people only. People are written with their audit rows
    // (version 5), so this older database keeps a team and an agency.
    database old(at(file, 1));
    ASSERT_EQ(old.schema_version(), 1);
    team_id = team_service(old).create(admin, {"", "Norwich", "Norwich", ""}).id;
    agency_id = agency_service(old)
                    .create(admin, {"", "Café", agency_kind::employer, "", "", "", "", "", ""})
                    .id;
  }
  database upgraded(at(file));
  EXPECT_EQ(upgraded.schema_version(), database::latest_schema_version());
  taxonomy terms = taxonomy::load(shipped_taxonomy());
  EXPECT_EQ(team_service(upgraded).get(admin, team_id).name, "Norwich");
  people_service people(upgraded, terms);
  const std::string person_id = people.create(admin, someone(team_id)).id;
  EXPECT_EQ(people.get(admin, person_id).strengths.at(0).own_words, "Sunday roasts for the family");
  opportunity o = opening("R1");
  o.agency_id = agency_id;
  EXPECT_NO_THROW(opportunity_service(upgraded, terms).publish(admin, o));
}

TEST(schema_migrations, reopening_a_current_database_changes_nothing) {
  temp_dir dir;
  { database db(at(dir.file("p.db"))); }
  database again(at(dir.file("p.db")));
  EXPECT_EQ(again.schema_version(), database::latest_schema_version());
}

TEST(transaction, rolls_back_everything_when_not_committed) {
  temp_dir dir;
  database db(at(dir.file("p.db")));
  taxonomy terms = taxonomy::load(shipped_taxonomy());
  const team t = team_service(db).create(admin, {"", "Norwich", "Norwich", ""});
  people_service people(db, terms);
  const person before = people.create(admin, someone(t.id));
  // An update that fails half-way (after the person's row is rewritten) must leave no trace.
  EXPECT_THROW(people.update(admin, before.id,
                             [&](person& p) {
                               p.display_name = "Changed";
                               p.team_id = "no-such-team";
                             }),
               error);
  const person after = people.get(admin, before.id);
  EXPECT_EQ(after.display_name, "Alex");
  EXPECT_EQ(after.team_id, t.id);
  EXPECT_EQ(after.goals.size(), 1u);
}

TEST(transaction, a_failed_multi_row_write_leaves_nothing_half_written) {
  temp_dir dir;
  database db(at(dir.file("p.db")));
  taxonomy terms = taxonomy::load(shipped_taxonomy());
  const team t = team_service(db).create(admin, {"", "Norwich", "Norwich", ""});
  people_service people(db, terms);
  const person p = people.create(admin, someone(t.id));
  // Two goals with the same id make the second goal row fail after the person row and the
  // strengths were already rewritten inside the transaction.
  const person stored = people.get(admin, p.id);
  EXPECT_THROW(people.update(admin, p.id,
                             [&](person& q) {
                               q.display_name = "Half";
                               q.strengths.push_back({"catering", "", 2});
                               q.goals.push_back(q.goals.front());
                               q.goals.back().own_words = "again";
                             }),
               error);
  // assign_goal_ids keeps known ids, so the duplicate reached the database and was refused.
  const person after = people.get(admin, p.id);
  EXPECT_EQ(after.display_name, stored.display_name);
  EXPECT_EQ(after.strengths.size(), stored.strengths.size());
  EXPECT_EQ(after.goals.size(), stored.goals.size());
}

TEST(opportunity_store, external_ref_is_unique_per_agency_only) {
  temp_dir dir;
  database db(at(dir.file("p.db")));
  taxonomy terms = taxonomy::load(shipped_taxonomy());
  agency_service agencies(db);
  const agency a = agencies.create(admin, {"", "A", agency_kind::employer, "", "", "", "", "", ""});
  const agency b = agencies.create(admin, {"", "B", agency_kind::college, "", "", "", "", "", ""});
  opportunity_service board(db, terms);
  opportunity o = opening("SAME");
  o.agency_id = a.id;
  board.publish(admin, o);
  try {
    board.publish(admin, o);
    FAIL() << "a second SAME for the same agency was accepted";
  } catch (const error& e) {
    EXPECT_EQ(e.code(), error_code::conflict);
    EXPECT_EQ(e.field(), "external_ref");
  }
  o.agency_id = b.id;
  EXPECT_NO_THROW(board.publish(admin, o));
}

TEST(opportunity_store, near_a_place_lists_nearest_first_within_the_radius) {
  temp_dir dir;
  database db(at(dir.file("p.db")));
  taxonomy terms = taxonomy::load(shipped_taxonomy());
  const agency a =
      agency_service(db).create(admin, {"", "A", agency_kind::employer, "", "", "", "", "", ""});
  opportunity_service board(db, terms);
  const std::vector<std::pair<std::string, geo_point>> places = {{"far", {52.70, 1.30}},
                                                                 {"near", {52.632, 1.30}},
                                                                 {"middle", {52.66, 1.30}},
                                                                 {"out", {53.5, 1.3}}};
  for (const auto& [ref, point] : places) {
    opportunity o = opening(ref);
    o.agency_id = a.id;
    o.location = point;
    board.publish(admin, o);
  }
  opportunity_query q;
  q.near = near_filter{{52.63, 1.30}, 10, false};
  const auto found = board.list(admin, q);
  ASSERT_EQ(found.total_items, 3);
  EXPECT_EQ(found.items[0].external_ref, "near");
  EXPECT_EQ(found.items[1].external_ref, "middle");
  EXPECT_EQ(found.items[2].external_ref, "far");
}

TEST(database_pool, many_threads_share_a_small_pool) {
  temp_dir dir;
  database db(at(dir.file("p.db")));
  team_service teams(db);
  std::vector<std::thread> threads;
  std::atomic<int> created{0};
  for (int i = 0; i < 8; ++i)
    threads.emplace_back([&, i] {
      for (int j = 0; j < 10; ++j) {
        teams.create(admin, {"", "Team " + std::to_string(i) + "-" + std::to_string(j), "B", ""});
        ++created;
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(created.load(), 80);
  EXPECT_EQ(teams.list(admin, {1, 100}).total_items, 80);
}

}  // namespace
}  // namespace pathways::testing
