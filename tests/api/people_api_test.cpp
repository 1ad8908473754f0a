// People over HTTP: create, read, update, list, and the team scope that guards them.
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <sstream>

#include "api_fixture.hpp"

namespace pathways::testing {
namespace {

using people_api = api_test;

TEST_F(people_api, a_coordinator_registers_a_person_in_their_own_team) {
  const json p = create_person(coordinator_a_key, person_body());
  EXPECT_EQ(p["team_id"], team_a);
  EXPECT_EQ(p["id"].get<std::string>().size(), 32u);
  EXPECT_EQ(p["strengths"][0]["own_words"], "I cooked for 40 at the Crown");
  EXPECT_EQ(p["goals"][0]["id"].get<std::string>().size(), 32u);
  EXPECT_EQ(p["adjustments"], json({"flexible_hours", "quiet_space"}));
  EXPECT_EQ(p["preferences"]["available"][0]["start"], "09:00");

  const reply back = get("/v1/people/" + p["id"].get<std::string>(), coordinator_a_key);
  EXPECT_EQ(back.status, 200);
  EXPECT_EQ(back.body, p);
}

TEST_F(people_api, ids_are_random_not_sequential) {
  const auto a = create_person(coordinator_a_key, person_body("A"))["id"].get<std::string>();
  const auto b = create_person(coordinator_a_key, person_body("B"))["id"].get<std::string>();
  EXPECT_NE(a.substr(0, 24), b.substr(0, 24));
}

TEST_F(people_api, a_coordinator_of_another_team_gets_404_for_read_and_write) {
  const std::string id = create_person(coordinator_a_key, person_body())["id"];
  const reply r = get("/v1/people/" + id, coordinator_b_key);
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.body["error"]["code"], "not_found");
  EXPECT_EQ(r.body.dump().find("Sam"), std::string::npos);
  EXPECT_EQ(patch("/v1/people/" + id, coordinator_b_key, {{"display_name", "X"}}).status, 404);
  EXPECT_EQ(get("/v1/people/" + id, coordinator_a_key).body["display_name"], "Sam K");
}

TEST_F(people_api, an_unknown_person_and_another_teams_person_answer_alike) {
  const std::string id = create_person(coordinator_a_key, person_body())["id"];
  const reply foreign = get("/v1/people/" + id, coordinator_b_key);
  const reply missing = get("/v1/people/00000000000000000000000000000000", coordinator_b_key);
  EXPECT_EQ(foreign.status, missing.status);
  EXPECT_EQ(foreign.body, missing.body);
}

TEST_F(people_api, agencies_read_no_people) {
  const std::string id = create_person(coordinator_a_key, person_body())["id"];
  EXPECT_EQ(get("/v1/people", agency_x_key).status, 403);
  EXPECT_EQ(get("/v1/people/" + id, agency_x_key).status, 403);
  EXPECT_EQ(post("/v1/people", agency_x_key, person_body()).status, 403);
}

TEST_F(people_api, a_coordinator_cannot_place_a_person_in_another_team) {
  json body = person_body();
  body["team_id"] = team_b;
  const reply r = post("/v1/people", coordinator_a_key, body);
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.body["error"]["field"], "team_id");
  EXPECT_EQ(get("/v1/people", admin_key).body["total_items"], 0);
}

TEST_F(people_api, the_list_shows_only_the_callers_team_in_the_hsds_envelope) {
  for (int i = 0; i < 3; ++i)
    create_person(coordinator_a_key, person_body("A" + std::to_string(i)));
  create_person(coordinator_b_key, person_body("B"));
  const reply r = get("/v1/people?per_page=2&page=2", coordinator_a_key);
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.body["total_items"], 3);
  EXPECT_EQ(r.body["total_pages"], 2);
  EXPECT_EQ(r.body["page_number"], 2);
  EXPECT_EQ(r.body["size"], 1);
  EXPECT_EQ(r.body["first_page"], false);
  EXPECT_EQ(r.body["last_page"], true);
  EXPECT_EQ(r.body["empty"], false);
  EXPECT_EQ(r.body["contents"].size(), 1u);
  EXPECT_EQ(get("/v1/people", admin_key).body["total_items"], 4);
  EXPECT_EQ(get("/v1/people?team_id=" + team_b, coordinator_a_key).body["total_items"], 0);
}

TEST_F(people_api, page_size_is_bounded) {
  const reply r = get("/v1/people?per_page=1000", coordinator_a_key);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.body["error"]["field"], "per_page");
}

TEST_F(people_api, a_patch_changes_only_the_fields_sent_and_keeps_goal_ids) {
  const json p = create_person(coordinator_a_key, person_body());
  const std::string id = p["id"];
  json goals = p["goals"];
  goals.push_back({{"domain", "leisure"}, {"own_words", "Join a walking group"}});
  const reply r = patch("/v1/people/" + id, coordinator_a_key,
                        {{"goals", goals}, {"preferences", {{"max_travel_km", 5}}}});
  ASSERT_EQ(r.status, 200) << r.body.dump();
  EXPECT_EQ(r.body["display_name"], "Sam K");
  EXPECT_EQ(r.body["goals"][0]["id"], p["goals"][0]["id"]);
  EXPECT_EQ(r.body["goals"].size(), 2u);
  EXPECT_EQ(r.body["preferences"]["max_travel_km"], 5);
  EXPECT_EQ(r.body["preferences"]["hours_max"], 16);
  EXPECT_EQ(get("/v1/people/" + id, coordinator_a_key).body, r.body);
}

TEST_F(people_api, a_rejected_patch_leaves_the_person_unchanged) {
  const json p = create_person(coordinator_a_key, person_body());
  const std::string id = p["id"];
  const reply r =
      patch("/v1/people/" + id, coordinator_a_key,
            {{"display_name", "New"}, {"strengths", {{{"term", "not_a_term"}, {"level", 3}}}}});
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.body["error"]["field"], "strengths[0].term");
  EXPECT_EQ(get("/v1/people/" + id, coordinator_a_key).body, p);
}

TEST_F(people_api, read_only_fields_are_refused) {
  json body = person_body();
  body["id"] = "0123456789abcdef0123456789abcdef";
  const reply r = post("/v1/people", coordinator_a_key, body);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.body["error"]["field"], "id");
}

TEST_F(people_api, invalid_fields_are_named) {
  struct example {
    json change;
    std::string field;
    int status;
  };
  const std::vector<example> examples = {
      {{{"display_name", ""}}, "display_name", 400},
      {{{"display_name", 42}}, "display_name", 400},
      {{{"year_of_birth", "1980"}}, "year_of_birth", 400},
      {{{"home", {{"lat", 95}, {"lon", 1}}}}, "home", 400},
      {{{"adjustments", {"levitation"}}}, "adjustments[0]", 400},
      {{{"goals", {{{"domain", "space"}, {"own_words", "x"}}}}}, "goals[0].domain", 400},
      {{{"strengths", {{{"term", "cooking"}, {"level", 9}}}}}, "strengths[0].level", 400},
      {{{"preferences", {{"available", {{{"day", "tue"}, {"start", "9am"}, {"end", "13:00"}}}}}}},
       "preferences.available[0].start",
       400},
      {{{"preferences", {{"hours_min", 20}, {"hours_max", 10}}}}, "preferences.hours_min", 422},
      {{{"diagnosis", "anything"}}, "diagnosis", 400},
  };
  for (const auto& e : examples) {
    json body = person_body();
    body.merge_patch(e.change);
    const reply r = post("/v1/people", coordinator_a_key, body);
    EXPECT_EQ(r.status, e.status) << e.change.dump();
    EXPECT_EQ(r.body["error"]["field"], e.field) << r.body.dump();
    EXPECT_FALSE(r.body["error"]["message"].get<std::string>().empty());
  }
  EXPECT_EQ(get("/v1/people", admin_key).body["total_items"], 0);
}

TEST_F(people_api, only_an_admin_moves_a_person_between_teams) {
  const std::string id = create_person(coordinator_a_key, person_body())["id"];
  EXPECT_EQ(patch("/v1/people/" + id, coordinator_a_key, {{"team_id", team_b}}).status, 403);
  EXPECT_EQ(patch("/v1/people/" + id, admin_key, {{"team_id", team_b}}).status, 200);
  EXPECT_EQ(get("/v1/people/" + id, coordinator_a_key).status, 404);
  EXPECT_EQ(get("/v1/people/" + id, coordinator_b_key).status, 200);
}

TEST_F(people_api, an_employment_specialist_works_with_their_own_team) {
  const std::string id = create_person(specialist_a_key, person_body())["id"];
  EXPECT_EQ(get("/v1/people/" + id, coordinator_a_key).status, 200);
  EXPECT_EQ(get("/v1/people/" + id, specialist_a_key).status, 200);
}

TEST_F(people_api, request_logs_carry_routes_and_ids_but_no_personal_data) {
  std::ostringstream captured;
  auto previous = spdlog::default_logger();
  spdlog::set_default_logger(std::make_shared<spdlog::logger>(
      "capture", std::make_shared<spdlog::sinks::ostream_sink_mt>(captured)));
  json body = person_body("Zebedee Quux");
  body["email"] = "zebedee@example.org";
  const std::string id = create_person(coordinator_a_key, body)["id"];
  get("/v1/people/" + id, coordinator_a_key);
  patch("/v1/people/" + id, coordinator_a_key,
        {{"goals", {{{"domain", "work"}, {"own_words", "Secret plan"}, {"priority", 9}}}}});
  get("/v1/people/" + id, coordinator_b_key);
  spdlog::set_default_logger(previous);

  const std::string log = captured.str();
  EXPECT_NE(log.find("route=/v1/people/{id} status=200"), std::string::npos) << log;
  EXPECT_NE(log.find("route=/v1/people/{id} status=400"), std::string::npos) << log;
  EXPECT_NE(log.find("route=/v1/people/{id} status=404"), std::string::npos) << log;
  for (const char* personal :
       {"Zebedee", "zebedee@", "Secret plan", "cooked for 40", "quiet_space", "1985"})
    EXPECT_EQ(log.find(personal), std::string::npos) << personal;
}

}  // namespace
}  // namespace pathways::testing
