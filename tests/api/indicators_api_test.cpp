// /v1/indicators over HTTP: JSON by default, CSV for commissioners that parses back to the same
// numbers, scoped to the caller's team.
#include "api_fixture.hpp"

#include "pathways/clock.hpp"

namespace pathways::testing {
namespace {

using indicators_api = api_test;

// RFC 4180: fields split on commas, quoted fields may hold commas, quotes ("") and newlines.
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows(1);
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"')
        field += '"', ++i;
      else if (c == '"')
        quoted = false;
      else
        field += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().push_back(field), field.clear();
    } else if (c == '\n') {
      rows.back().push_back(field), field.clear();
      rows.emplace_back();
    } else if (c != '\r') {
      field += c;
    }
  }
  if (rows.back().empty()) rows.pop_back();
  return rows;
}

TEST_F(indicators_api, json_and_csv_agree_and_the_csv_parses) {
  create_person(coordinator_a_key, person_body());
  create_person(coordinator_b_key, person_body("Jo P"));
  const std::string today = today_utc();
  const std::string path = "/v1/indicators?from=2000-01-01&to=" + today + "&group_by=team";
  const reply r = get(path, admin_key);
  ASSERT_EQ(r.status, 200) << r.body.dump();
  ASSERT_EQ(r.body["groups"].size(), 2u);
  EXPECT_EQ(r.body["ips_bands"]["good"], 0.41);

  httplib::Client c("127.0.0.1", port);
  const auto csv = c.Get(path, {{"Authorization", "Bearer " + admin_key}, {"Accept", "text/csv"}});
  ASSERT_TRUE(csv);
  EXPECT_EQ(csv->status, 200);
  EXPECT_EQ(csv->get_header_value("Content-Type"), "text/csv");
  const auto rows = parse_csv(csv->body);
  ASSERT_EQ(rows.size(), 3u);  // header and two teams
  for (const auto& row : rows) EXPECT_EQ(row.size(), rows[0].size());
  const auto column = [&](const std::string& name) {
    return std::find(rows[0].begin(), rows[0].end(), name) - rows[0].begin();
  };
  ASSERT_LT(column("people_with_active_goals_by_domain.work"), static_cast<long>(rows[0].size()));
  EXPECT_EQ(rows[1][static_cast<std::size_t>(column("people_with_active_goals_by_domain.work"))],
            "1");
  EXPECT_EQ(rows[1][static_cast<std::size_t>(column("referrals.sent"))], "0");
  const bool named =
      std::find(rows[1].begin(), rows[1].end(), "Norwich City Recovery Team") != rows[1].end() ||
      std::find(rows[2].begin(), rows[2].end(), "Norwich City Recovery Team") != rows[2].end();
  EXPECT_TRUE(named);
}

TEST_F(indicators_api, coordinators_see_their_team_agencies_nothing_and_dates_are_checked) {
  create_person(coordinator_a_key, person_body());
  create_person(coordinator_b_key, person_body("Jo P"));
  const reply own = get("/v1/indicators?from=2000-01-01&to=2100-01-01", coordinator_b_key);
  ASSERT_EQ(own.status, 200);
  ASSERT_EQ(own.body["groups"].size(), 1u);
  EXPECT_EQ(own.body["groups"][0]["key"], team_b);
  EXPECT_EQ(get("/v1/indicators?from=2000-01-01&to=2100-01-01", agency_x_key).status, 403);
  const reply past_year = get("/v1/indicators", admin_key);  // by default the year up to today
  ASSERT_EQ(past_year.status, 200);
  const std::string to = past_year.body["to"], from = past_year.body["from"];
  EXPECT_EQ(to, today_utc());
  EXPECT_EQ(std::stoi(from.substr(0, 4)), std::stoi(to.substr(0, 4)) - 1);
  EXPECT_EQ(from.substr(4, 3), to.substr(4, 3));
  EXPECT_EQ(get("/v1/indicators?from=2000-13-01", admin_key).body["error"]["field"], "from");
  EXPECT_EQ(get("/v1/indicators?to=yesterday", admin_key).body["error"]["field"], "to");
  EXPECT_EQ(get("/v1/indicators?from=2000-01-01&to=2100-01-01&group_by=postcode", admin_key).status,
            400);
}

}  // namespace
}  // namespace pathways::testing
