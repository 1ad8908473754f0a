// Matches, candidates and allocation proposals over HTTP, with the scope rules that guard them.
#include "api_fixture.hpp"

namespace pathways::testing {
namespace {

using matching_api = api_test;

TEST_F(matching_api, a_coordinator_gets_explained_matches_for_their_person) {
  const std::string person_id = create_person(coordinator_a_key, person_body())["id"];
  const std::string opening_id = create_opening(agency_x_key, opening_body("NEAR"))["id"];
  const reply r = get("/v1/people/" + person_id + "/matches", coordinator_a_key);
  ASSERT_EQ(r.status, 200) << r.body.dump();
  ASSERT_EQ(r.body["matches"].size(), 1u);
  const json& m = r.body["matches"][0];
  EXPECT_EQ(m["opportunity"]["id"], opening_id);
  EXPECT_GT(m["score"].get<double>(), 0.5);
  EXPECT_LE(m["score"].get<double>(), 1.0);
  EXPECT_FALSE(m["opportunity"].contains("description"));
  bool quoted = false;
  for (const auto& reason : m["reasons"])
    quoted = quoted || reason["text"].get<std::string>().find("I cooked for 40 at the Crown") !=
                           std::string::npos;
  EXPECT_TRUE(quoted) << m["reasons"].dump();
  EXPECT_FALSE(r.body.contains("excluded"));
}

TEST_F(matching_api, matches_are_scoped_to_the_persons_team) {
  const std::string person_id = create_person(coordinator_a_key, person_body())["id"];
  EXPECT_EQ(get("/v1/people/" + person_id + "/matches", coordinator_b_key).status, 404);
  EXPECT_EQ(get("/v1/people/" + person_id + "/matches", agency_x_key).status, 403);
  EXPECT_EQ(get("/v1/people/" + person_id + "/matches", specialist_a_key).status, 200);
  EXPECT_EQ(get("/v1/people/" + person_id + "/matches", admin_key).status, 200);
}

TEST_F(matching_api, explain_excluded_names_the_constraint_to_negotiate) {
  const std::string person_id = create_person(coordinator_a_key, person_body())["id"];
  json no_quiet = opening_body("NOQUIET");
  no_quiet["adjustments"] = json::array();
  create_opening(agency_x_key, no_quiet);
  const reply r = get("/v1/people/" + person_id + "/matches?explain=excluded", coordinator_a_key);
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(r.body["matches"].empty());
  ASSERT_EQ(r.body["excluded"].size(), 1u);
  EXPECT_EQ(r.body["excluded"][0]["excluded_by"]["constraint"], "adjustment_missing");
  EXPECT_NE(
      r.body["excluded"][0]["excluded_by"]["detail"].get<std::string>().find("flexible hours"),
      std::string::npos);
}

TEST_F(matching_api, bad_match_parameters_are_named) {
  const std::string person_id = create_person(coordinator_a_key, person_body())["id"];
  EXPECT_EQ(
      get("/v1/people/" + person_id + "/matches?limit=0", coordinator_a_key).body["error"]["field"],
      "limit");
  EXPECT_EQ(get("/v1/people/" + person_id + "/matches?domain=x", coordinator_a_key)
                .body["error"]["field"],
            "domain");
  EXPECT_EQ(get("/v1/people/" + person_id + "/matches?explain=all", coordinator_a_key)
                .body["error"]["field"],
            "explain");
}

TEST_F(matching_api, a_published_change_shows_in_the_next_match) {
  const std::string person_id = create_person(coordinator_a_key, person_body())["id"];
  const std::string opening_id = create_opening(agency_x_key, opening_body())["id"];
  EXPECT_EQ(get("/v1/people/" + person_id + "/matches", coordinator_a_key).body["matches"].size(),
            1u);
  post("/v1/opportunities/" + opening_id + "/close", agency_x_key, json::object());
  EXPECT_TRUE(
      get("/v1/people/" + person_id + "/matches", coordinator_a_key).body["matches"].empty());
}

TEST_F(matching_api, a_change_to_the_person_shows_in_the_next_match) {
  const std::string person_id = create_person(coordinator_a_key, person_body())["id"];
  create_opening(agency_x_key, opening_body());
  const std::string path = "/v1/people/" + person_id + "/matches";
  ASSERT_EQ(get(path, coordinator_a_key).body["matches"].size(), 1u);
  ASSERT_EQ(patch("/v1/people/" + person_id, coordinator_a_key,
                  {{"preferences", {{"max_travel_km", 8}, {"hours_max", 8}}}})
                .status,
            200);
  EXPECT_TRUE(get(path, coordinator_a_key).body["matches"].empty());  // 12 hours is too many now
}

TEST_F(matching_api, a_repeated_match_is_scope_checked_and_audited_every_time) {
  const std::string person_id = create_person(coordinator_a_key, person_body())["id"];
  create_opening(agency_x_key, opening_body());
  const std::string path = "/v1/people/" + person_id + "/matches";
  const reply first = get(path, coordinator_a_key);
  ASSERT_EQ(first.status, 200);
  EXPECT_EQ(get(path, coordinator_a_key).body, first.body);
  EXPECT_EQ(get(path, coordinator_b_key).status, 404);
  EXPECT_EQ(get(path, agency_x_key).status, 403);
  const json rows = get("/v1/people/" + person_id + "/audit", coordinator_a_key).body["contents"];
  int allowed = 0, denied = 0;
  for (const auto& row : rows)
    if (row["action"] == "matches.read") ++(row["allowed"].get<bool>() ? allowed : denied);
  EXPECT_EQ(allowed, 2);
  EXPECT_EQ(denied, 2);
}

TEST_F(matching_api, candidates_are_people_of_the_callers_team_and_never_shown_to_agencies) {
  create_person(coordinator_a_key, person_body("A1"));
  create_person(coordinator_b_key, person_body("B1"));
  const std::string opening_id = create_opening(agency_x_key, opening_body())["id"];
  const reply mine = get("/v1/opportunities/" + opening_id + "/candidates", coordinator_a_key);
  ASSERT_EQ(mine.status, 200);
  ASSERT_EQ(mine.body["candidates"].size(), 1u);
  EXPECT_EQ(mine.body["candidates"][0]["person"]["display_name"], "A1");
  EXPECT_EQ(get("/v1/opportunities/" + opening_id + "/candidates", agency_x_key).status, 403);
  EXPECT_EQ(
      get("/v1/opportunities/" + opening_id + "/candidates", admin_key).body["candidates"].size(),
      2u);
}

TEST_F(matching_api, an_allocation_respects_places_and_choices_and_refers_no_one) {
  std::vector<std::string> ids;
  for (const char* name : {"P1", "P2", "P3"})
    ids.push_back(create_person(coordinator_a_key, person_body(name))["id"]);
  json one = opening_body("ONE");
  one["places_total"] = 1;
  const std::string first = create_opening(agency_x_key, one)["id"];
  one["external_ref"] = "TWO";
  const std::string second = create_opening(agency_x_key, one)["id"];
  const json request{{"people",
                      {{{"person_id", ids[0]}},
                       {{"person_id", ids[1]}, {"preferences", {second}}},
                       {{"person_id", ids[2]}}}},
                     {"opportunity_ids", {first, second}}};
  const reply r = post("/v1/allocations", coordinator_a_key, request);
  ASSERT_EQ(r.status, 200) << r.body.dump();
  EXPECT_EQ(r.body["proposal_only"], true);
  ASSERT_EQ(r.body["assigned"].size(), 2u);
  ASSERT_EQ(r.body["unassigned"].size(), 1u);
  std::map<std::string, std::string> where;
  for (const auto& a : r.body["assigned"]) where[a["person_id"]] = a["opportunity_id"];
  EXPECT_EQ(where[ids[1]], second);  // their own choice came first
  EXPECT_NE(where.begin()->second, std::next(where.begin())->second);
  EXPECT_FALSE(r.body["unassigned"][0]["reason"].get<std::string>().empty());
  EXPECT_EQ(get("/v1/opportunities/" + first, admin_key).body["places_available"], 1);
}

TEST_F(matching_api, an_allocation_only_takes_people_in_the_callers_scope) {
  const std::string mine = create_person(coordinator_a_key, person_body())["id"];
  const std::string theirs = create_person(coordinator_b_key, person_body())["id"];
  const std::string opening = create_opening(agency_x_key, opening_body())["id"];
  const reply r = post("/v1/allocations", coordinator_a_key,
                       {{"people", {mine, theirs}}, {"opportunity_ids", {opening}}});
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(
      post("/v1/allocations", agency_x_key, {{"people", {mine}}, {"opportunity_ids", {opening}}})
          .status,
      403);
  EXPECT_EQ(post("/v1/allocations", coordinator_a_key,
                 {{"people", json::array()}, {"opportunity_ids", {opening}}})
                .body["error"]["field"],
            "people");
}

}  // namespace
}  // namespace pathways::testing
