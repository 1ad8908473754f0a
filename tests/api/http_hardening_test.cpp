// What cpp-httplib would let through unchecked: missing, oversized, chunked or compressed
// bodies, too many headers, bad JSON, bad keys. Each gets its status and the JSON error shape,
// and nothing stored changes.
#include <set>

#include "api_fixture.hpp"

namespace pathways::testing {
namespace {

using http_hardening = api_test;

// The status code and the JSON body of a raw HTTP response.
std::pair<int, json> parse_raw(const std::string& response) {
  const auto space = response.find(' ');
  if (space == std::string::npos) return {0, json()};
  const int status = std::stoi(response.substr(space + 1, 3));
  const auto body_at = response.find("\r\n\r\n");
  return {status, json::parse(response.substr(body_at + 4), nullptr, false)};
}

std::string request_with_body(const std::string& key, const std::string& extra_headers,
                              const std::string& body) {
  return "POST /v1/people HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + key + "\r\n" +
         extra_headers + "\r\n" + body;
}

TEST_F(http_hardening, healthz_answers_without_a_key) {
  const reply r = get("/healthz", "");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body["status"], "ok");
}

TEST_F(http_hardening, missing_invalid_or_revoked_keys_get_401) {
  EXPECT_EQ(get("/v1/opportunities", "").status, 401);
  const reply bad = get("/v1/opportunities", "pw_not_a_real_key_at_all_0000000000000");
  EXPECT_EQ(bad.status, 401);
  EXPECT_EQ(bad.body["error"]["code"], "unauthenticated");
  EXPECT_TRUE(bad.headers.count("WWW-Authenticate"));
  const auto created = keys->create({"", role::coordinator, team_a, std::nullopt, {}}, "to revoke");
  EXPECT_EQ(get("/v1/opportunities", created.secret).status, 200);
  ASSERT_TRUE(keys->revoke(created.record.owner.key_id));
  EXPECT_EQ(get("/v1/opportunities", created.secret).status, 401);
}

TEST_F(http_hardening, demo_keys_work_only_in_demo_mode) {
  const auto record =
      keys->create_with_secret({"", role::admin, std::nullopt, std::nullopt, {}}, "demo admin",
                               "pwdemo_0123456789abcdef0123456789abcdef01", true);
  const reply r = get("/v1/opportunities", "pwdemo_0123456789abcdef0123456789abcdef01");
  EXPECT_EQ(r.status, 401);
  EXPECT_NE(r.body["error"]["message"].get<std::string>().find("demo"), std::string::npos);
}

TEST_F(http_hardening, invalid_json_is_400_saying_so) {
  httplib::Client c("127.0.0.1", port);
  const auto r = c.Post("/v1/people", {{"Authorization", "Bearer " + coordinator_a_key}},
                        "{\"display_name\": ", "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  const json body = json::parse(r->body);
  EXPECT_EQ(body["error"]["code"], "invalid_json");
  EXPECT_EQ(body["error"]["field"], "body");
  EXPECT_EQ(get("/v1/people", admin_key).body["total_items"], 0);
}

TEST_F(http_hardening, a_body_that_is_not_an_object_is_400) {
  const reply r = post("/v1/people", coordinator_a_key, json::array({1, 2}));
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.body["error"]["field"], "body");
}

TEST_F(http_hardening, a_body_that_is_not_json_is_415) {
  httplib::Client c("127.0.0.1", port);
  const auto r = c.Post("/v1/people", {{"Authorization", "Bearer " + coordinator_a_key}},
                        "display_name=Sam", "application/x-www-form-urlencoded");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 415);
  EXPECT_EQ(json::parse(r->body)["error"]["code"], "unsupported_media_type");
}

TEST_F(http_hardening, an_oversized_body_is_413_and_nothing_is_stored) {
  const std::string big(2 * 1024 * 1024, ' ');
  httplib::Client c("127.0.0.1", port);
  const auto r = c.Post("/v1/people", {{"Authorization", "Bearer " + coordinator_a_key}},
                        person_body().dump() + big, "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413);
  EXPECT_EQ(json::parse(r->body)["error"]["code"], "payload_too_large");
  EXPECT_EQ(get("/v1/people", admin_key).body["total_items"], 0);
}

TEST_F(http_hardening, a_huge_declared_length_is_refused_before_any_body_is_read) {
  const auto [status, body] = parse_raw(raw(request_with_body(
      coordinator_a_key, "Content-Type: application/json\r\nContent-Length: 1000000000000\r\n",
      "{")));
  EXPECT_EQ(status, 413);
  EXPECT_EQ(body["error"]["code"], "payload_too_large");
}

TEST_F(http_hardening, a_chunked_body_is_rejected_and_not_read) {
  const std::string body = person_body().dump();
  char size[16];
  std::snprintf(size, sizeof size, "%zx", body.size());
  const auto [status, json_body] = parse_raw(raw(request_with_body(
      coordinator_a_key, "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n",
      std::string(size) + "\r\n" + body + "\r\n0\r\n\r\n")));
  EXPECT_EQ(status, 411);
  EXPECT_EQ(json_body["error"]["code"], "length_required");
  EXPECT_EQ(get("/v1/people", admin_key).body["total_items"], 0);
}

TEST_F(http_hardening, a_body_without_content_length_is_411) {
  const auto [status, body] = parse_raw(
      raw("PATCH /v1/people/x HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " +
          coordinator_a_key + "\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n{}"));
  EXPECT_EQ(status, 411);
  EXPECT_EQ(body["error"]["code"], "length_required");
}

TEST_F(http_hardening, a_compressed_body_is_415) {
  const auto [status, body] = parse_raw(raw(request_with_body(
      coordinator_a_key,
      "Content-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: 4\r\n",
      "abcd")));
  EXPECT_EQ(status, 415);
  EXPECT_EQ(body["error"]["code"], "unsupported_media_type");
}

TEST_F(http_hardening, too_many_headers_are_431) {
  std::string headers;
  for (int i = 0; i < 100; ++i) headers += "X-Filler-" + std::to_string(i) + ": 1\r\n";
  const auto [status, body] =
      parse_raw(raw("GET /v1/opportunities HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" +
                    headers + "\r\n"));
  EXPECT_EQ(status, 431);
  EXPECT_EQ(body["error"]["code"], "too_many_headers");
}

TEST_F(http_hardening, an_unknown_route_is_404_in_the_json_shape) {
  const reply r = get("/v1/nothing-here", admin_key);
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.body["error"]["code"], "not_found");
}

TEST_F(http_hardening, every_response_carries_a_request_id) {
  EXPECT_EQ(get("/healthz", "").headers.count("X-Request-Id"), 1u);
  EXPECT_EQ(get("/v1/people", agency_x_key).headers.count("X-Request-Id"), 1u);
}

TEST_F(http_hardening, request_ids_are_sixteen_hex_digits_and_never_repeat) {
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    const std::string id = get("/healthz", "").headers.find("X-Request-Id")->second;
    EXPECT_EQ(id.size(), 16u);
    EXPECT_EQ(id.find_first_not_of("0123456789abcdef"), std::string::npos) << id;
    seen.insert(id);
  }
  EXPECT_EQ(seen.size(), 200u);
}

TEST_F(http_hardening, more_connections_than_threads_are_all_answered) {
  // The fixture runs 4 handler threads; 12 keep-alive clients each make requests.
  std::vector<std::thread> clients;
  std::atomic<int> ok{0};
  for (int i = 0; i < 12; ++i)
    clients.emplace_back([&] {
      httplib::Client c("127.0.0.1", port);
      c.set_keep_alive(true);
      for (int j = 0; j < 5; ++j)
        if (auto r = c.Get("/healthz"); r && r->status == 200) ++ok;
    });
  for (auto& t : clients) t.join();
  EXPECT_EQ(ok.load(), 60);
}

}  // namespace
}  // namespace pathways::testing
