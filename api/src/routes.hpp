// The API's routes, one file per resource, and the shared shape of a PATCH.
#pragma once

#include <functional>

#include "exchange.hpp"
#include "json_fields.hpp"
#include "json_mapping.hpp"
#include "pathways/api/server.hpp"
#include "router.hpp"

namespace pathways::api {

void add_meta_routes(router& r, engine_services& s);         // /healthz, /v1/taxonomy, /v1/me
void add_agency_routes(router& r, engine_services& s);       // /v1/agencies
void add_team_routes(router& r, engine_services& s);         // /v1/teams
void add_people_routes(router& r, engine_services& s);       // /v1/people
void add_opportunity_routes(router& r, engine_services& s);  // /v1/opportunities
void add_matching_routes(router& r, engine_services& s);     // matches and candidates
void add_feed_routes(router& r, engine_services& s);         // /v1/feeds (admin)

// The wire form of partner feeds and their runs (routes_feeds.cpp).
json to_json(const feed_run& r);
json to_json(const feed_status& s);
void add_consent_routes(router& r, engine_services& s);    // consents and audit of a person
void add_referral_routes(router& r, engine_services& s);   // /v1/referrals, /v1/agency/referrals
void add_event_routes(router& r, engine_services& s);      // /v1/events
void add_placement_routes(router& r, engine_services& s);  // /v1/people/{id}/ips
void add_indicator_routes(router& r, engine_services& s);  // /v1/indicators

// A JSON merge patch (RFC 7396) of the caller's body onto the stored record's JSON form, read
// back as a record. Read-only fields in the body are refused; the service keeps the stored ones.
template <class T, class Parse>
std::function<void(T&)> merge_patch(const json& body, std::initializer_list<const char*> read_only,
                                    Parse parse) {
  refuse_read_only(body, read_only);
  return [&body, parse](T& current) {
    json merged = to_json(current);
    merged.merge_patch(body);
    current = parse(merged);
  };
}

// The HSDS envelope around a page of records.
template <class T>
json paged_json(const page<T>& p) {
  json contents = json::array();
  for (const auto& item : p.items) contents.push_back(to_json(item));
  return paged(contents, p.total_items, p.request);
}

}  // namespace pathways::api
