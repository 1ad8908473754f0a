// Consent, referrals and the event feed over HTTP: sending only under consent, the agency seeing
// only what is consented, every step of the state machine, and races for the last place.
#include <atomic>
#include <thread>

#include "api_fixture.hpp"

namespace pathways::testing {
namespace {

class referrals_api : public api_test {
 protected:
  void SetUp() override {
    api_test::SetUp();
    person_id = create_person(coordinator_a_key, person_body())["id"];
    json opening = opening_body();
    opening["places_total"] = 1;
    opening_id = create_opening(agency_x_key, opening)["id"];
  }

  std::string consent_to(const std::string& agency,
                         const json& shares = {"strengths", "adjustments"}) {
    const reply r =
        post("/v1/people/" + person_id + "/consents", coordinator_a_key,
             {{"agency_id", agency}, {"shares", shares}, {"purpose", "referral to a job"}});
    EXPECT_EQ(r.status, 201) << r.body.dump();
    return r.body["id"];
  }

  std::string refer() {
    const reply r = post(
        "/v1/referrals", coordinator_a_key,
        {{"person_id", person_id}, {"opportunity_id", opening_id}, {"note", "Keen on Tuesdays"}});
    EXPECT_EQ(r.status, 201) << r.body.dump();
    return r.body["id"];
  }

  reply step(const std::string& id, const std::string& action, const std::string& key,
             const json& body = json::object()) {
    return post("/v1/referrals/" + id + "/" + action, key, body);
  }

  std::string person_id;
  std::string opening_id;
};

TEST_F(referrals_api, a_referral_without_consent_is_refused_with_a_clear_error) {
  const reply r = post("/v1/referrals", coordinator_a_key,
                       {{"person_id", person_id}, {"opportunity_id", opening_id}});
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.body["error"]["code"], "forbidden");
  EXPECT_NE(r.body["error"]["message"].get<std::string>().find("consent"), std::string::npos);
  consent_to(agency_y);  // consent for another agency does not cover this one
  EXPECT_EQ(post("/v1/referrals", coordinator_a_key,
                 {{"person_id", person_id}, {"opportunity_id", opening_id}})
                .status,
            403);
}

TEST_F(referrals_api, consent_for_every_agency_of_a_kind_covers_the_agency) {
  const reply c = post("/v1/people/" + person_id + "/consents", coordinator_a_key,
                       {{"agency_kind", "employer"}, {"shares", {"goals"}}, {"purpose", "work"}});
  ASSERT_EQ(c.status, 201) << c.body.dump();
  EXPECT_EQ(c.body["recorded_by"].get<std::string>().empty(), false);
  refer();
}

TEST_F(referrals_api, the_agency_sees_only_the_consented_fields) {
  consent_to(agency_x, {"strengths", "adjustments"});
  const std::string id = refer();
  const reply inbox = get("/v1/agency/referrals", agency_x_key);
  ASSERT_EQ(inbox.status, 200);
  ASSERT_EQ(inbox.body["contents"].size(), 1u);
  const json shared = inbox.body["contents"][0]["person"];
  EXPECT_EQ(shared["strengths"][0]["term"], "cooking");
  EXPECT_EQ(shared["adjustments"].size(), 2u);
  EXPECT_FALSE(shared.contains("display_name"));
  EXPECT_FALSE(shared.contains("email"));
  EXPECT_FALSE(shared.contains("goals"));
  EXPECT_FALSE(shared.contains("home"));
  EXPECT_EQ(get("/v1/agency/referrals", agency_y_key).body["contents"].size(), 0u);
  EXPECT_EQ(get("/v1/referrals/" + id, agency_y_key).status, 404);
  EXPECT_EQ(get("/v1/agency/referrals", coordinator_a_key).status, 403);
}

TEST_F(referrals_api, withdrawing_consent_stops_sharing_on_the_next_request) {
  const std::string consent_id = consent_to(agency_x, {"contact_details"});
  const std::string id = refer();
  EXPECT_EQ(get("/v1/referrals/" + id, agency_x_key).body["person"]["display_name"], "Sam K");
  const reply w = post("/v1/people/" + person_id + "/consents/" + consent_id + "/withdraw",
                       coordinator_a_key, json::object());
  ASSERT_EQ(w.status, 200) << w.body.dump();
  EXPECT_FALSE(w.body["active"].get<bool>());
  const json after = get("/v1/referrals/" + id, agency_x_key).body["person"];
  EXPECT_FALSE(after.contains("display_name"));
  EXPECT_EQ(after["shared_fields"].size(), 0u);
  EXPECT_EQ(post("/v1/referrals", coordinator_a_key,
                 {{"person_id", person_id}, {"opportunity_id", opening_id}})
                .status,
            403);
  EXPECT_EQ(post("/v1/people/" + person_id + "/consents/" + consent_id + "/withdraw",
                 coordinator_a_key, json::object())
                .status,
            409);
}

TEST_F(referrals_api, consent_is_the_persons_teams_to_record) {
  const json body{{"agency_id", agency_x}, {"shares", {"goals"}}, {"purpose", "p"}};
  EXPECT_EQ(post("/v1/people/" + person_id + "/consents", coordinator_b_key, body).status, 404);
  EXPECT_EQ(post("/v1/people/" + person_id + "/consents", agency_x_key, body).status, 403);
  EXPECT_EQ(post("/v1/people/" + person_id + "/consents", specialist_a_key, body).status, 201);
  EXPECT_EQ(post("/v1/people/" + person_id + "/consents", admin_key,
                 {{"agency_id", agency_x}, {"shares", json::array()}, {"purpose", "p"}})
                .status,
            400);
  EXPECT_EQ(get("/v1/people/" + person_id + "/consents", coordinator_a_key).body["contents"].size(),
            1u);
}

TEST_F(referrals_api, a_referral_goes_sent_accepted_started_completed_and_records_who_and_why) {
  consent_to(agency_x);
  const std::string id = refer();
  EXPECT_EQ(step(id, "accept", agency_x_key).body["state"], "accepted");
  const reply started = step(id, "start", agency_x_key, {{"text", "first shift Tuesday"}});
  EXPECT_EQ(started.body["state"], "started");
  EXPECT_EQ(get("/v1/opportunities/" + opening_id, coordinator_a_key).body["places_available"], 0);
  const reply done = step(id, "complete", coordinator_a_key);
  ASSERT_EQ(done.status, 200);
  const json history = done.body["history"];
  ASSERT_EQ(history.size(), 4u);
  EXPECT_EQ(history[0]["to"], "sent");
  EXPECT_EQ(history[0]["text"], "Keen on Tuesdays");
  EXPECT_EQ(history[1]["by_role"], "agency");
  EXPECT_EQ(history[2]["text"], "first shift Tuesday");
  EXPECT_EQ(history[3]["from"], "started");
  EXPECT_EQ(history[3]["by_role"], "coordinator");
}

TEST_F(referrals_api, a_decline_needs_a_reason_from_the_list) {
  consent_to(agency_x);
  const std::string id = refer();
  EXPECT_EQ(step(id, "decline", agency_x_key).status, 400);
  EXPECT_EQ(step(id, "decline", agency_x_key, {{"reason", "too_busy"}}).status, 400);
  const reply r =
      step(id, "decline", agency_x_key, {{"reason", "not_eligible"}, {"text", "needs a licence"}});
  ASSERT_EQ(r.status, 200) << r.body.dump();
  EXPECT_EQ(r.body["history"][1]["reason"], "not_eligible");
}

TEST_F(referrals_api, an_invalid_transition_answers_409_naming_the_current_state) {
  consent_to(agency_x);
  const std::string id = refer();
  const reply early = step(id, "start", agency_x_key);
  EXPECT_EQ(early.status, 409);
  EXPECT_NE(early.body["error"]["message"].get<std::string>().find("is sent"), std::string::npos);
  EXPECT_EQ(step(id, "withdraw", coordinator_a_key).body["state"], "withdrawn");
  const reply late = step(id, "accept", agency_x_key);
  EXPECT_EQ(late.status, 409);
  EXPECT_NE(late.body["error"]["message"].get<std::string>().find("is withdrawn"),
            std::string::npos);
  EXPECT_EQ(step(id, "fly", agency_x_key).status, 404);
}

TEST_F(referrals_api, each_side_takes_only_its_own_steps) {
  consent_to(agency_x);
  const std::string id = refer();
  EXPECT_EQ(step(id, "accept", coordinator_a_key).status, 403);
  EXPECT_EQ(step(id, "withdraw", agency_x_key).status, 403);
  EXPECT_EQ(step(id, "accept", agency_y_key).status, 404);
  EXPECT_EQ(step(id, "withdraw", coordinator_b_key).status, 404);
  EXPECT_EQ(get("/v1/referrals/" + id, coordinator_a_key).body["state"], "sent");
}

TEST_F(referrals_api, concurrent_starts_on_the_last_place_let_exactly_one_through) {
  const std::string other = create_person(coordinator_a_key, person_body("Jo P"))["id"];
  consent_to(agency_x);
  ASSERT_EQ(post("/v1/people/" + other + "/consents", coordinator_a_key,
                 {{"agency_id", agency_x}, {"shares", {"goals"}}, {"purpose", "p"}})
                .status,
            201);
  const std::string first = refer();
  const reply second_sent = post("/v1/referrals", coordinator_a_key,
                                 {{"person_id", other}, {"opportunity_id", opening_id}});
  const std::string second = second_sent.body["id"];
  ASSERT_EQ(step(first, "accept", agency_x_key).status, 200);
  ASSERT_EQ(step(second, "accept", agency_x_key).status, 200);
  std::atomic<int> ok{0};
  std::atomic<int> refused{0};
  auto start = [&](const std::string& id) {
    const int status = step(id, "start", agency_x_key).status;
    if (status == 200) ++ok;
    if (status == 409) ++refused;
  };
  std::thread a(start, first);
  std::thread b(start, second);
  a.join();
  b.join();
  EXPECT_EQ(ok, 1);
  EXPECT_EQ(refused, 1);
  EXPECT_EQ(get("/v1/opportunities/" + opening_id, admin_key).body["places_available"], 0);
}

TEST_F(referrals_api, a_start_takes_the_last_place_and_matching_follows_at_once) {
  consent_to(agency_x);
  const auto listed = [&] {
    const reply m = get("/v1/people/" + person_id + "/matches", coordinator_a_key);
    for (const auto& match : m.body["matches"])
      if (match["opportunity"]["id"] == opening_id) return true;
    return false;
  };
  ASSERT_TRUE(listed());
  const std::string id = refer();
  ASSERT_EQ(step(id, "accept", agency_x_key).status, 200);
  ASSERT_EQ(step(id, "start", agency_x_key).status, 200);
  EXPECT_FALSE(listed()) << "a full opening is no longer offered";
}

TEST_F(referrals_api, the_event_feed_is_ordered_paged_and_scoped) {
  consent_to(agency_x);
  const std::string id = refer();
  step(id, "accept", agency_x_key);
  const reply all = get("/v1/events", agency_x_key);
  ASSERT_EQ(all.status, 200);
  const json feed = all.body["events"];
  ASSERT_EQ(feed.size(), 3u);  // published, sent, accepted
  EXPECT_EQ(feed[0]["kind"], "opening");
  EXPECT_EQ(feed[1]["change"], "sent");
  EXPECT_EQ(feed[2]["change"], "accepted");
  EXPECT_LT(feed[0]["seq"].get<int>(), feed[1]["seq"].get<int>());
  const reply page = get(
      "/v1/events?since=" + std::to_string(feed[0]["seq"].get<int>()) + "&limit=1", agency_x_key);
  ASSERT_EQ(page.body["events"].size(), 1u);
  EXPECT_EQ(page.body["events"][0]["change"], "sent");
  EXPECT_EQ(page.body["next_since"], feed[1]["seq"]);
  EXPECT_EQ(get("/v1/events", agency_y_key).body["events"].size(), 0u);
  EXPECT_EQ(get("/v1/events", coordinator_b_key).body["events"].size(), 1u);  // the opening only
  EXPECT_EQ(get("/v1/events", coordinator_a_key).body["events"].size(), 3u);
}

TEST_F(referrals_api, an_unanswered_referral_expires_after_the_configured_days) {
  consent_to(agency_x);
  const std::string id = refer();
  referral_service later(*db, 14, nullptr, [] {
    return std::chrono::system_clock::now() + std::chrono::hours(24 * 15);
  });
  EXPECT_EQ(later.expire_overdue(), 1);
  const reply r = get("/v1/referrals/" + id, coordinator_a_key);
  EXPECT_EQ(r.body["state"], "expired");
  EXPECT_EQ(r.body["history"][1]["by_key"], "system");
  EXPECT_EQ(step(id, "accept", agency_x_key).status, 409);
}

}  // namespace
}  // namespace pathways::testing
