// Openings over HTTP: agencies publish, update and close their own; everyone lists and filters.
#include "api_fixture.hpp"

namespace pathways::testing {
namespace {

using opportunities_api = api_test;

TEST_F(opportunities_api, an_agency_publishes_an_opening_under_its_own_name) {
  const json o = create_opening(agency_x_key, opening_body());
  EXPECT_EQ(o["agency_id"], agency_x);
  EXPECT_EQ(o["source"], "api");
  EXPECT_EQ(o["status"], "open");
  EXPECT_EQ(o["places_available"], 2);
  EXPECT_EQ(o["pay"]["unit"], "hour");
  EXPECT_EQ(get("/v1/opportunities/" + o["id"].get<std::string>(), coordinator_a_key).body, o);
}

TEST_F(opportunities_api, external_ref_is_unique_per_agency) {
  create_opening(agency_x_key, opening_body("R1"));
  const reply again = post("/v1/opportunities", agency_x_key, opening_body("R1"));
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.body["error"]["field"], "external_ref");
  EXPECT_EQ(post("/v1/opportunities", agency_y_key, opening_body("R1")).status, 201);
  EXPECT_EQ(get("/v1/opportunities", admin_key).body["total_items"], 2);
}

TEST_F(opportunities_api, an_agency_cannot_change_another_agencys_opening) {
  const json o = create_opening(agency_x_key, opening_body());
  const std::string id = o["id"];
  const reply r = patch("/v1/opportunities/" + id, agency_y_key, {{"title", "Taken over"}});
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(post("/v1/opportunities/" + id + "/close", agency_y_key, json::object()).status, 404);
  EXPECT_EQ(get("/v1/opportunities/" + id, agency_x_key).body, o);
}

TEST_F(opportunities_api, coordinators_cannot_publish) {
  EXPECT_EQ(post("/v1/opportunities", coordinator_a_key, opening_body()).status, 403);
}

TEST_F(opportunities_api, an_agency_updates_and_closes_its_own_opening) {
  const std::string id = create_opening(agency_x_key, opening_body())["id"];
  const reply r =
      patch("/v1/opportunities/" + id, agency_x_key, {{"places_available", 1}, {"pay", nullptr}});
  ASSERT_EQ(r.status, 200) << r.body.dump();
  EXPECT_EQ(r.body["places_available"], 1);
  EXPECT_TRUE(r.body["pay"].is_null());
  EXPECT_EQ(r.body["title"], "Kitchen assistant");
  const reply closed = post("/v1/opportunities/" + id + "/close", agency_x_key, json::object());
  EXPECT_EQ(closed.status, 200);
  EXPECT_EQ(closed.body["status"], "closed");
  EXPECT_EQ(get("/v1/opportunities", coordinator_a_key).body["total_items"], 0);
  EXPECT_EQ(get("/v1/opportunities?status=closed", coordinator_a_key).body["total_items"], 1);
}

TEST_F(opportunities_api, a_rejected_update_leaves_the_opening_unchanged) {
  const json o = create_opening(agency_x_key, opening_body());
  const std::string id = o["id"];
  const reply r = patch("/v1/opportunities/" + id, agency_x_key, {{"places_available", 5}});
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.body["error"]["field"], "places_available");
  EXPECT_EQ(get("/v1/opportunities/" + id, agency_x_key).body, o);
}

TEST_F(opportunities_api, lists_filter_by_domain_agency_text_and_distance) {
  json near = opening_body("NEAR");
  create_opening(agency_x_key, near);
  json far = opening_body("FAR");
  far["title"] = "Gardener";
  far["description"] = "Lawns and borders";
  far["location"] = {{"lat", 52.60}, {"lon", 1.72}};  // Great Yarmouth, ~28 km away
  create_opening(agency_x_key, far);
  json course = opening_body("COURSE");
  course["domain"] = "education";
  course["title"] = "Food hygiene level 2";
  course["location"] = {{"lat", 52.64}, {"lon", 1.31}};
  create_opening(agency_y_key, course);
  json remote = opening_body("REMOTE");
  remote["location"] = nullptr;
  remote["remote"] = true;
  create_opening(agency_y_key, remote);

  auto titles = [&](const std::string& query) {
    const reply r = get("/v1/opportunities" + query, coordinator_a_key);
    EXPECT_EQ(r.status, 200) << query << " " << r.body.dump();
    std::vector<std::string> out;
    for (const auto& o : r.body["contents"]) out.push_back(o["external_ref"]);
    return out;
  };
  EXPECT_EQ(titles("?domain=education"), std::vector<std::string>{"COURSE"});
  EXPECT_EQ(titles("?agency_id=" + agency_y + "&domain=work"), std::vector<std::string>{"REMOTE"});
  EXPECT_EQ(titles("?q=gARDEN"), std::vector<std::string>{"FAR"});
  EXPECT_EQ(titles("?q=100%25"), std::vector<std::string>{});
  EXPECT_EQ(titles("?lat=52.63&lon=1.30&radius_km=5"),
            (std::vector<std::string>{"NEAR", "COURSE"}));
  EXPECT_EQ(titles("?lat=52.63&lon=1.30&radius_km=5&include_remote=true"),
            (std::vector<std::string>{"NEAR", "COURSE", "REMOTE"}));
  EXPECT_EQ(titles("?lat=52.63&lon=1.30&radius_km=40").size(), 3u);
}

TEST_F(opportunities_api, bad_filters_are_named) {
  EXPECT_EQ(get("/v1/opportunities?lat=52.6", coordinator_a_key).body["error"]["field"], "lon");
  EXPECT_EQ(get("/v1/opportunities?lat=95&lon=1", coordinator_a_key).body["error"]["field"], "lat");
  EXPECT_EQ(get("/v1/opportunities?domain=space", coordinator_a_key).body["error"]["field"],
            "domain");
  EXPECT_EQ(get("/v1/opportunities?radius_km=3", coordinator_a_key).body["error"]["field"],
            "radius_km");
  const reply r = get("/v1/opportunities?domian=work", coordinator_a_key);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.body["error"]["field"], "domian");
}

TEST_F(opportunities_api, invalid_openings_are_refused_with_the_field_named) {
  struct example {
    json change;
    std::string field;
    int status;
  };
  const std::vector<example> examples = {
      {{{"title", nullptr}}, "title", 400},
      {{{"domain", "knitting"}}, "domain", 400},
      {{{"places_total", -1}}, "places_total", 400},
      {{{"closing_date", "31/01/2027"}}, "closing_date", 400},
      {{{"closing_date", "2027-02-30"}}, "closing_date", 400},
      {{{"location", {{"lat", 52}, {"lon", 200}}}}, "location", 400},
      {{{"pay", {{"amount", 10}, {"unit", "fortnight"}}}}, "pay.unit", 400},
      {{{"strengths", {{{"term", "juggling_chainsaws"}}}}}, "strengths[0].term", 422},
      {{{"min_age", 30}, {"max_age", 20}}, "min_age", 422},
      {{{"agency_id", "someone_else"}}, "agency_id", 422},
  };
  for (const auto& e : examples) {
    json body = opening_body();
    body.merge_patch(e.change);
    const reply r = post("/v1/opportunities", agency_x_key, body);
    EXPECT_EQ(r.status, e.status) << e.change.dump();
    EXPECT_EQ(r.body["error"]["field"], e.field) << r.body.dump();
  }
  EXPECT_EQ(get("/v1/opportunities?status=any", admin_key).body["total_items"], 0);
}

TEST_F(opportunities_api, an_admin_publishes_for_a_named_agency) {
  json body = opening_body();
  EXPECT_EQ(post("/v1/opportunities", admin_key, body).body["error"]["field"], "agency_id");
  body["agency_id"] = agency_y;
  EXPECT_EQ(create_opening(admin_key, body)["agency_id"], agency_y);
}

}  // namespace
}  // namespace pathways::testing
