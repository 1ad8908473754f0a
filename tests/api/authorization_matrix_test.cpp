// The authorization matrix, kept as data: every role, on its own and on another team or agency,
// against every endpoint of referrals, consent and audit, with the status it must get. A refused
// access shows none of the person's data and, when it touched a person, is in the audit trail.
#include <sqlite3.h>

#include <array>

#include "api_fixture.hpp"

namespace pathways::testing {
namespace {

// The callers, in the order of each row's expected statuses.
enum caller { admin, coordinator_own, coordinator_other, specialist_own, agency_own, agency_other };
constexpr std::array<const char*, 6> caller_names{
    "admin",          "coordinator_own", "coordinator_other",
    "specialist_own", "agency_own",      "agency_other"};

struct endpoint {
  const char* name;
  const char* method;
  const char* path;  // {person}, {consent}, {referral}, {opening} are filled in
  const char* body;
  std::array<int, 6> expected;
  bool touches_person;  // a refusal here is audited
};

// clang-format off
const endpoint endpoints[] = {
  {"read_person",      "GET",   "/v1/people/{person}",                              "",                                        {200, 200, 404, 200, 403, 403}, true},
  {"edit_person",      "PATCH", "/v1/people/{person}",                              R"({"phone":"01603 111111"})",             {200, 200, 404, 200, 403, 403}, true},
  {"list_consents",    "GET",   "/v1/people/{person}/consents",                     "",                                        {200, 200, 404, 200, 403, 403}, true},
  {"give_consent",     "POST",  "/v1/people/{person}/consents",                     R"({"agency_kind":"college","shares":["goals"],"purpose":"study"})", {201, 201, 404, 201, 403, 403}, true},
  {"withdraw_consent", "POST",  "/v1/people/{person}/consents/{consent}/withdraw",  "",                                        {200, 200, 404, 200, 403, 403}, true},
  {"read_audit",       "GET",   "/v1/people/{person}/audit",                        "",                                        {200, 200, 404, 200, 403, 403}, true},
  {"send_referral",    "POST",  "/v1/referrals",                                    R"({"person_id":"{person}","opportunity_id":"{opening}"})", {201, 201, 404, 201, 403, 403}, true},
  {"read_referral",    "GET",   "/v1/referrals/{referral}",                         "",                                        {200, 200, 404, 200, 200, 404}, true},
  {"accept_referral",  "POST",  "/v1/referrals/{referral}/accept",                  "",                                        {200, 403, 404, 403, 200, 404}, true},
  {"decline_referral", "POST",  "/v1/referrals/{referral}/decline",                 R"({"reason":"not_eligible"})",            {200, 403, 404, 403, 200, 404}, true},
  {"withdraw_referral","POST",  "/v1/referrals/{referral}/withdraw",                R"({"text":"changed my mind"})",           {200, 200, 404, 200, 403, 404}, true},
  {"read_ips",         "GET",   "/v1/people/{person}/ips",                          "",                                        {200, 200, 404, 200, 403, 403}, true},
  {"enrol_in_ips",     "POST",  "/v1/people/{person}/ips/enrolment",                R"({"enrolled_on":"2026-01-05"})",         {201, 403, 403, 201, 403, 403}, true},
  {"read_matches",     "GET",   "/v1/people/{person}/matches",                      "",                                        {200, 200, 404, 200, 403, 403}, true},
  {"list_referrals",   "GET",   "/v1/referrals",                                    "",                                        {200, 200, 200, 200, 200, 200}, false},
  {"agency_inbox",     "GET",   "/v1/agency/referrals",                             "",                                        {403, 403, 403, 403, 200, 200}, false},
  {"indicators",       "GET",   "/v1/indicators?from=2000-01-01&to=2100-01-01",     "",                                        {200, 200, 200, 200, 403, 403}, false},
  {"event_feed",       "GET",   "/v1/events",                                       "",                                        {200, 200, 200, 200, 200, 200}, false},
};
// clang-format on

struct cell {
  const endpoint* at;
  caller who;
};

std::vector<cell> every_cell() {
  std::vector<cell> out;
  for (const auto& e : endpoints)
    for (std::size_t c = 0; c < caller_names.size(); ++c)
      out.push_back({&e, static_cast<caller>(c)});
  return out;
}

std::string filled(std::string text, const std::map<std::string, std::string>& values) {
  for (const auto& [name, value] : values)
    for (auto at = text.find(name); at != std::string::npos; at = text.find(name))
      text.replace(at, name.size(), value);
  return text;
}

class authorization_matrix : public api_test, public ::testing::WithParamInterface<cell> {
 protected:
  void SetUp() override {
    api_test::SetUp();
    person_id = create_person(coordinator_a_key, person_body("Robin Q"))["id"];
    opening_id = create_opening(agency_x_key, opening_body())["id"];
    consent_id = post("/v1/people/" + person_id + "/consents", coordinator_a_key,
                      {{"agency_id", agency_x},
                       {"shares", {"contact_details", "strengths"}},
                       {"purpose", "work"}})
                     .body["id"];
    referral_id = post("/v1/referrals", coordinator_a_key,
                       {{"person_id", person_id}, {"opportunity_id", opening_id}})
                      .body["id"];
  }

  const std::string& key_of(caller c) const {
    const std::array<const std::string*, 6> by_caller{&admin_key,         &coordinator_a_key,
                                                      &coordinator_b_key, &specialist_a_key,
                                                      &agency_x_key,      &agency_y_key};
    return *by_caller[c];
  }

  // The audit rows written while answering one request: (allowed) per row.
  std::vector<bool> audit_rows_of(const std::string& request_id) const {
    sqlite3* raw = nullptr;
    sqlite3_open(dir.file("pathways.db").c_str(), &raw);
    sqlite3_stmt* q = nullptr;
    sqlite3_prepare_v2(raw, "SELECT allowed FROM audit WHERE request_id = ?1", -1, &q, nullptr);
    sqlite3_bind_text(q, 1, request_id.c_str(), -1, SQLITE_TRANSIENT);
    std::vector<bool> out;
    while (sqlite3_step(q) == SQLITE_ROW) out.push_back(sqlite3_column_int(q, 0) != 0);
    sqlite3_finalize(q);
    sqlite3_close(raw);
    return out;
  }

  std::string person_id, opening_id, consent_id, referral_id;
};

TEST_P(authorization_matrix, answers_as_the_table_says) {
  const auto [e, who] = GetParam();
  const std::map<std::string, std::string> ids{{"{person}", person_id},
                                               {"{opening}", opening_id},
                                               {"{consent}", consent_id},
                                               {"{referral}", referral_id}};
  const std::string path = filled(e->path, ids);
  const std::string body = filled(e->body, ids);
  httplib::Client client("127.0.0.1", port);
  const httplib::Headers auth{{"Authorization", "Bearer " + key_of(who)}};
  const std::string method = e->method;
  const auto result = method == "GET"    ? client.Get(path, auth)
                      : method == "POST" ? client.Post(path, auth, body, "application/json")
                                         : client.Patch(path, auth, body, "application/json");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, e->expected[who]) << result->body;
  const bool refused = result->status == 403 || result->status == 404;
  const bool foreign = who == coordinator_other || who == agency_other ||
                       (who == agency_own && std::string_view(e->path).starts_with("/v1/people"));
  if (refused || foreign) {
    EXPECT_EQ(result->body.find("Robin"), std::string::npos) << result->body;
    EXPECT_EQ(result->body.find("sam@example.org"), std::string::npos) << result->body;
    EXPECT_EQ(result->body.find("cooking"), std::string::npos) << result->body;
  }
  if (refused && e->touches_person) {
    const auto rows = audit_rows_of(result->get_header_value("X-Request-Id"));
    EXPECT_FALSE(rows.empty()) << "a refused access to a person's data must be audited";
    EXPECT_NE(std::find(rows.begin(), rows.end(), false), rows.end()) << "and audited as denied";
  }
}

INSTANTIATE_TEST_SUITE_P(every_role_and_endpoint, authorization_matrix,
                         ::testing::ValuesIn(every_cell()),
                         [](const ::testing::TestParamInfo<cell>& param) {
                           return std::string(param.param.at->name) + "_as_" +
                                  caller_names[param.param.who];
                         });

}  // namespace
}  // namespace pathways::testing
