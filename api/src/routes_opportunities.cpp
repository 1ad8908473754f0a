// /v1/opportunities: agencies publish, update and close their openings; every key lists them.
#include "routes.hpp"

namespace pathways::api {
namespace {

opportunity_query query_from(exchange& ex) {
  opportunity_query q;
  if (auto d = ex.query.text("domain")) q.area = json_object::parse_enum<domain>(*d, "domain");
  q.agency_id = ex.query.text("agency_id");
  // Open openings unless the caller asks for a status, or for any.
  const std::string status = ex.query.text("status").value_or("open");
  if (status != "any") q.status = json_object::parse_enum<opportunity_status>(status, "status");
  q.text = ex.query.text("q");
  if (q.text && q.text->size() > 200) invalid_field("q", "is longer than 200 characters");
  const auto lat = ex.query.number("lat", -90, 90);
  const auto lon = ex.query.number("lon", -180, 180);
  const auto radius = ex.query.number("radius_km", 0, 500);
  const auto remote = ex.query.boolean("include_remote");
  if (lat.has_value() != lon.has_value())
    invalid_field(lat ? "lon" : "lat", "is needed with the other");
  if (lat)
    q.near = near_filter{{*lat, *lon}, radius.value_or(10), remote.value_or(false)};
  else if (radius || remote)
    invalid_field(radius ? "radius_km" : "include_remote", "needs lat and lon");
  q.paging = ex.query.paging(ex.max_page_size);
  ex.query.finish();
  return q;
}

}  // namespace

void add_opportunity_routes(router& r, engine_services& s) {
  r.get("/v1/opportunities", [&s](exchange& ex) {
    const opportunity_query q = query_from(ex);
    ex.reply(200, paged_json(s.opportunities.list(ex.caller, q)));
  });
  r.post("/v1/opportunities", [&s](exchange& ex) {
    ex.query.finish();
    const json body = ex.body();
    refuse_read_only(body, opportunity_read_only);
    ex.reply(201, to_json(s.opportunities.publish(ex.caller, opportunity_from_json(body))));
  });
  r.get("/v1/opportunities/{id}", [&s](exchange& ex) {
    ex.query.finish();
    ex.reply(200, to_json(s.opportunities.get(ex.caller, ex.path_param(1))));
  });
  r.patch("/v1/opportunities/{id}", [&s](exchange& ex) {
    ex.query.finish();
    const json body = ex.body();
    // Keep where the opening came from (api or a feed) across an edit.
    auto parse = [](const json& merged) {
      opportunity next = opportunity_from_json(merged);
      next.source = merged.value("source", next.source);
      return next;
    };
    ex.reply(200, to_json(s.opportunities.update(
                      ex.caller, ex.path_param(1),
                      merge_patch<opportunity>(body, opportunity_read_only, parse))));
  });
  r.post("/v1/opportunities/{id}/close", [&s](exchange& ex) {
    ex.query.finish();
    ex.reply(200, to_json(s.opportunities.close(ex.caller, ex.path_param(1))));
  });
}

}  // namespace pathways::api
