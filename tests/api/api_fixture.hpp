// A real Pathways server on 127.0.0.1 (ephemeral port) over a real SQLite file, with two teams,
// two agencies and keys for every role, and small helpers to call it.
#pragma once

#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <thread>

#include "pathways/api/server.hpp"
#include "temp_dir.hpp"

namespace pathways::testing {

using nlohmann::json;

struct reply {
  int status = 0;
  json body;
  httplib::Headers headers;
};

class api_test : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  reply get(const std::string& path, const std::string& key);
  reply post(const std::string& path, const std::string& key, const json& body);
  reply patch(const std::string& path, const std::string& key, const json& body);
  // Sends bytes as they are and returns the raw response text (for malformed requests).
  std::string raw(const std::string& request_text);

  // A valid person and opening, to vary in tests.
  static json person_body(const std::string& name = "Sam K");
  static json opening_body(const std::string& ref = "REF-1");

  // Creates through the API as the given key; fails the test unless 201.
  json create_person(const std::string& key, const json& body);
  json create_opening(const std::string& key, const json& body);

  temp_dir dir;
  std::unique_ptr<taxonomy> terms;
  std::unique_ptr<database> db;
  std::unique_ptr<matching_service> matching;
  std::unique_ptr<agency_service> agencies;
  std::unique_ptr<team_service> teams;
  std::unique_ptr<people_service> people;
  std::unique_ptr<opportunity_service> opportunities;
  std::unique_ptr<api_key_service> keys;
  std::unique_ptr<allocation_service> allocations;
  std::unique_ptr<feed_service> feeds;
  std::unique_ptr<consent_service> consents;
  std::unique_ptr<referral_service> referrals;
  std::unique_ptr<event_service> events;
  std::unique_ptr<audit_service> audit;
  std::unique_ptr<placement_service> placements;
  std::unique_ptr<indicator_service> indicators;
  std::unique_ptr<api::engine_services> services;
  std::unique_ptr<api::http_server> server;
  std::thread serving;
  int port = 0;

  std::string team_a, team_b, agency_x, agency_y;
  std::string admin_key, coordinator_a_key, coordinator_b_key, specialist_a_key, agency_x_key,
      agency_y_key;

  // Overridable before SetUp by derived fixtures.
  server_settings settings;
  // Feeds, given before SetUp; `agency = "{agency_x}"` names the fixture's first agency.
  std::vector<feed_settings> feed_list;
  int answer_within_days = 14;
};

}  // namespace pathways::testing
