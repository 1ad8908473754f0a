// The HTTP API server: routes under /v1 and /healthz, bearer-key authentication, and the
// hardening cpp-httplib 0.11.4 needs (body and header limits, timeouts, bounded queue).
#pragma once

#include <memory>

#include "pathways/agencies.hpp"
#include "pathways/allocation_proposals.hpp"
#include "pathways/api_keys.hpp"
#include "pathways/audit.hpp"
#include "pathways/config.hpp"
#include "pathways/consents.hpp"
#include "pathways/events.hpp"
#include "pathways/feeds.hpp"
#include "pathways/indicators.hpp"
#include "pathways/matching.hpp"
#include "pathways/opportunities.hpp"
#include "pathways/people.hpp"
#include "pathways/placements.hpp"
#include "pathways/referrals.hpp"
#include "pathways/taxonomy.hpp"
#include "pathways/teams.hpp"

namespace pathways::api {

// What the routes work with; main builds these and passes references down.
struct engine_services {
  agency_service& agencies;
  team_service& teams;
  people_service& people;
  opportunity_service& opportunities;
  api_key_service& keys;
  matching_service& matching;
  allocation_service& allocations;
  const taxonomy& terms;
  feed_service& feeds;
  consent_service& consents;
  referral_service& referrals;
  event_service& events;
  audit_service& audit;
  placement_service& placements;
  indicator_service& indicators;
};

class http_server {
 public:
  http_server(const server_settings& settings, engine_services& services, bool accept_demo_keys);
  ~http_server();
  http_server(const http_server&) = delete;
  http_server& operator=(const http_server&) = delete;

  // Binds the configured address and port (0: any free port) and listens; returns the port.
  // Throws pathways::error when the address cannot be bound.
  int bind();
  // Serves until stop(); call after bind(), typically on its own thread.
  void run();
  // Stops serving; safe from any thread, before or while run() is going.
  void stop();

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace pathways::api
