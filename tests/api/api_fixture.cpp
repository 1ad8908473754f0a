// The API test fixture: real database, real server thread, real HTTP client.
#include "api_fixture.hpp"

#include "pathways/clock.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace pathways::testing {
namespace {

reply to_reply(const httplib::Result& r) {
  if (!r) {
    ADD_FAILURE() << "request failed: " << httplib::to_string(r.error());
    return {};
  }
  reply out{r->status, json(), r->headers};
  if (!r->body.empty()) out.body = json::parse(r->body, nullptr, false);
  return out;
}

httplib::Headers auth(const std::string& key) {
  if (key.empty()) return {};
  return {{"Authorization", "Bearer " + key}};
}

}  // namespace

void api_test::SetUp() {
  terms = std::make_unique<taxonomy>(taxonomy::load(shipped_taxonomy()));
  db = std::make_unique<database>(database::options{dir.file("pathways.db"), 4, std::nullopt});
  agencies = std::make_unique<agency_service>(*db);
  teams = std::make_unique<team_service>(*db);
  matching = std::make_unique<matching_service>(*db, *terms);
  people = std::make_unique<people_service>(*db, *terms, matching.get());
  opportunities = std::make_unique<opportunity_service>(*db, *terms, matching.get());
  keys = std::make_unique<api_key_service>(*db);
  allocations = std::make_unique<allocation_service>(*matching);
  consents = std::make_unique<consent_service>(*db);
  referrals = std::make_unique<referral_service>(*db, answer_within_days, matching.get());
  events = std::make_unique<event_service>(*db);
  audit = std::make_unique<audit_service>(*db);
  placements = std::make_unique<placement_service>(*db);
  indicators = std::make_unique<indicator_service>(*db);

  const principal admin{"", role::admin, std::nullopt, std::nullopt, {}};
  team_a = teams->create(admin, {"", "Norwich City Recovery Team", "Norwich", ""}).id;
  team_b = teams->create(admin, {"", "Broadland Recovery Team", "Broadland", ""}).id;
  agency_x =
      agencies->create(admin, {"", "Wensum Café", agency_kind::employer, "", "", "", "", "", ""})
          .id;
  agency_y =
      agencies->create(admin, {"", "City College", agency_kind::college, "", "", "", "", "", ""})
          .id;
  for (auto& f : feed_list)
    if (f.agency_id == "{agency_x}") f.agency_id = agency_x;
  feeds = std::make_unique<feed_service>(
      *db, *terms, feed_list, feed_service::options{PATHWAYS_EXE, dir.path(), 20}, matching.get());
  services = std::make_unique<api::engine_services>(api::engine_services{
      *agencies, *teams, *people, *opportunities, *keys, *matching, *allocations, *terms, *feeds,
      *consents, *referrals, *events, *audit, *placements, *indicators});
  admin_key = keys->create(admin, "admin").secret;
  coordinator_a_key =
      keys->create({"", role::coordinator, team_a, std::nullopt, {}}, "coordinator a").secret;
  coordinator_b_key =
      keys->create({"", role::coordinator, team_b, std::nullopt, {}}, "coordinator b").secret;
  specialist_a_key =
      keys->create({"", role::employment_specialist, team_a, std::nullopt, {}}, "specialist a")
          .secret;
  agency_x_key = keys->create({"", role::agency, std::nullopt, agency_x, {}}, "agency x").secret;
  agency_y_key = keys->create({"", role::agency, std::nullopt, agency_y, {}}, "agency y").secret;

  settings.address = "127.0.0.1";
  settings.port = 0;
  settings.threads = 4;
  server = std::make_unique<api::http_server>(settings, *services, false);
  port = server->bind();
  serving = std::thread([this] { server->run(); });
}

void api_test::TearDown() {
  server->stop();
  serving.join();
}

reply api_test::get(const std::string& path, const std::string& key) {
  httplib::Client c("127.0.0.1", port);
  return to_reply(c.Get(path, auth(key)));
}

reply api_test::post(const std::string& path, const std::string& key, const json& body) {
  httplib::Client c("127.0.0.1", port);
  return to_reply(c.Post(path, auth(key), body.dump(), "application/json"));
}

reply api_test::patch(const std::string& path, const std::string& key, const json& body) {
  httplib::Client c("127.0.0.1", port);
  return to_reply(c.Patch(path, auth(key), body.dump(), "application/json"));
}

std::string api_test::raw(const std::string& request_text) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  ::inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    ADD_FAILURE() << "cannot connect";
    return {};
  }
  timeval timeout{5, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  ::send(fd, request_text.data(), request_text.size(), MSG_NOSIGNAL);
  // Reads one whole response (headers, then Content-Length bytes), as a client would.
  std::string out;
  char buffer[4096];
  for (ssize_t n; (n = ::recv(fd, buffer, sizeof buffer, 0)) > 0;) {
    out.append(buffer, static_cast<std::size_t>(n));
    const auto end = out.find("\r\n\r\n");
    if (end == std::string::npos) continue;
    const auto at = out.find("Content-Length: ");
    const std::size_t length = at < end ? std::stoul(out.substr(at + 16)) : 0;
    if (out.size() >= end + 4 + length) break;
  }
  ::close(fd);
  return out;
}

json api_test::person_body(const std::string& name) {
  return {
      {"display_name", name},
      {"email", "sam@example.org"},
      {"year_of_birth", 1985},
      {"home", {{"lat", 52.63}, {"lon", 1.30}}},
      {"strengths",
       {{{"term", "cooking"}, {"own_words", "I cooked for 40 at the Crown"}, {"level", 4}}}},
      {"interests", {{{"own_words", "old films"}}}},
      {"goals",
       {{{"domain", "work"}, {"own_words", "A part-time job where I'm useful"}, {"priority", 1}}}},
      {"adjustments", {"quiet_space", "flexible_hours"}},
      {"preferences",
       {{"max_travel_km", 8},
        {"hours_max", 16},
        {"available", {{{"day", "tue"}, {"start", "09:00"}, {"end", "13:00"}}}}}}};
}

json api_test::opening_body(const std::string& ref) {
  return {{"external_ref", ref},
          {"domain", "work"},
          {"title", "Kitchen assistant"},
          {"description", "Prepping vegetables and washing up in a busy café."},
          {"location", {{"lat", 52.631}, {"lon", 1.297}}},
          {"address", "12 Magdalen Street, Norwich"},
          {"schedule", {{{"day", "tue"}, {"start", "09:00"}, {"end", "13:00"}}}},
          {"hours_per_week", 12},
          {"pay", {{"amount", 11.44}, {"unit", "hour"}}},
          {"places_total", 2},
          {"strengths",
           {{{"term", "cooking"}, {"weight", 1.0}}, {{"term", "food_hygiene"}, {"weight", 0.5}}}},
          {"min_age", 18},
          {"adjustments", {"quiet_space", "flexible_hours"}},
          {"closing_date", std::to_string(current_year() + 1) + "-01-31"}};
}

json api_test::create_person(const std::string& key, const json& body) {
  const reply r = post("/v1/people", key, body);
  EXPECT_EQ(r.status, 201) << r.body.dump();
  return r.body;
}

json api_test::create_opening(const std::string& key, const json& body) {
  const reply r = post("/v1/opportunities", key, body);
  EXPECT_EQ(r.status, 201) << r.body.dump();
  return r.body;
}

}  // namespace pathways::testing
