// /v1/people/{id}/consents and /v1/people/{id}/audit: the person's control and their record's
// trail.
#include <limits>

#include "json_referrals.hpp"
#include "routes.hpp"

namespace pathways::api {

void add_consent_routes(router& r, engine_services& s) {
  r.post("/v1/people/{id}/consents", [&s](exchange& ex) {
    ex.query.finish();
    const json body = ex.body();
    ex.reply(201, to_json(s.consents.give(ex.caller, ex.path_param(1), consent_from_json(body))));
  });
  r.get("/v1/people/{id}/consents", [&s](exchange& ex) {
    ex.query.finish();
    json contents = json::array();
    for (const auto& c : s.consents.list(ex.caller, ex.path_param(1)))
      contents.push_back(to_json(c));
    ex.reply(200, {{"contents", contents}});
  });
  r.post("/v1/people/{id}/consents/{consent_id}/withdraw", [&s](exchange& ex) {
    ex.query.finish();
    ex.reply(200, to_json(s.consents.withdraw(ex.caller, ex.path_param(1), ex.path_param(2))));
  });
  r.get("/v1/people/{id}/audit", [&s](exchange& ex) {
    const page_request paging = ex.query.paging(ex.max_page_size);
    ex.query.finish();
    const auto trail = s.audit.for_person(ex.caller, ex.path_param(1), paging);
    json contents = json::array();
    for (const auto& e : trail.items) contents.push_back(to_json(e));
    ex.reply(200, paged(contents, trail.total_items, trail.request));
  });
}

void add_event_routes(router& r, engine_services& s) {
  r.get("/v1/events", [&s](exchange& ex) {
    const int since = ex.query.integer("since", 0, std::numeric_limits<int>::max()).value_or(0);
    const int limit =
        ex.query.integer("limit", 1, ex.max_page_size).value_or(std::min(100, ex.max_page_size));
    ex.query.finish();
    const event_page feed = s.events.since(ex.caller, since, limit);
    json events = json::array();
    for (const auto& e : feed.events) events.push_back(to_json(e));
    ex.reply(200, {{"events", events}, {"next_since", feed.next_since}});
  });
}

}  // namespace pathways::api
