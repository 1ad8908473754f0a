// Agencies, teams, the taxonomy and /v1/me over HTTP.
#include "api_fixture.hpp"

namespace pathways::testing {
namespace {

using agencies_api = api_test;

TEST_F(agencies_api, only_admins_create_agencies_and_teams) {
  const json agency{{"name", "Mousehold Conservation Volunteers"},
                    {"kind", "voluntary_sector"},
                    {"contact_email", "hello@example.org"}};
  EXPECT_EQ(post("/v1/agencies", coordinator_a_key, agency).status, 403);
  EXPECT_EQ(post("/v1/agencies", agency_x_key, agency).status, 403);
  const reply r = post("/v1/agencies", admin_key, agency);
  ASSERT_EQ(r.status, 201) << r.body.dump();
  EXPECT_EQ(r.body["kind"], "voluntary_sector");
  EXPECT_EQ(post("/v1/teams", coordinator_a_key, {{"name", "T"}, {"borough", "B"}}).status, 403);
  EXPECT_EQ(post("/v1/teams", admin_key,
                 {{"name", "Great Yarmouth Recovery Team"}, {"borough", "Great Yarmouth"}})
                .status,
            201);
  const reply clash =
      post("/v1/teams", admin_key, {{"name", "Great Yarmouth Recovery Team"}, {"borough", "X"}});
  EXPECT_EQ(clash.status, 409);
}

TEST_F(agencies_api, everyone_lists_agencies_and_filters_by_kind) {
  const reply all = get("/v1/agencies", agency_y_key);
  EXPECT_EQ(all.body["total_items"], 2);
  const reply colleges = get("/v1/agencies?kind=college", coordinator_a_key);
  ASSERT_EQ(colleges.body["contents"].size(), 1u);
  EXPECT_EQ(colleges.body["contents"][0]["id"], agency_y);
  EXPECT_EQ(get("/v1/agencies?kind=bank", coordinator_a_key).status, 400);
}

TEST_F(agencies_api, an_agency_edits_its_own_record_only) {
  const reply own =
      patch("/v1/agencies/" + agency_x, agency_x_key, {{"contact_phone", "01603 000000"}});
  EXPECT_EQ(own.status, 200);
  EXPECT_EQ(own.body["contact_phone"], "01603 000000");
  EXPECT_EQ(own.body["name"], "Wensum Café");
  EXPECT_EQ(patch("/v1/agencies/" + agency_y, agency_x_key, {{"name", "Mine now"}}).status, 404);
  EXPECT_EQ(get("/v1/agencies/" + agency_y, agency_x_key).body["name"], "City College");
}

TEST_F(agencies_api, the_taxonomy_is_served_and_filtered_by_domain) {
  const reply all = get("/v1/taxonomy", coordinator_a_key);
  ASSERT_EQ(all.status, 200);
  EXPECT_GE(all.body["total_items"].get<int>(), 150);
  const reply faith = get("/v1/taxonomy?domain=faith", coordinator_a_key);
  EXPECT_LT(faith.body["total_items"].get<int>(), all.body["total_items"].get<int>());
  for (const auto& t : faith.body["contents"])
    EXPECT_NE(std::find(t["domains"].begin(), t["domains"].end(), "faith"), t["domains"].end());
}

TEST_F(agencies_api, me_says_who_the_key_belongs_to) {
  const reply r = get("/v1/me", coordinator_a_key);
  EXPECT_EQ(r.body["role"], "coordinator");
  EXPECT_EQ(r.body["team_id"], team_a);
  EXPECT_TRUE(r.body["agency_id"].is_null());
}

}  // namespace
}  // namespace pathways::testing
