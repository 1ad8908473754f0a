// /v1/agencies and /v1/teams: partner agencies and community teams.
#include "routes.hpp"

namespace pathways::api {

void add_agency_routes(router& r, engine_services& s) {
  r.get("/v1/agencies", [&s](exchange& ex) {
    agency_query q;
    if (auto kind = ex.query.text("kind"))
      q.kind = json_object::parse_enum<agency_kind>(*kind, "kind");
    q.paging = ex.query.paging(ex.max_page_size);
    ex.query.finish();
    ex.reply(200, paged_json(s.agencies.list(ex.caller, q)));
  });
  r.post("/v1/agencies", [&s](exchange& ex) {
    ex.query.finish();
    const json body = ex.body();
    refuse_read_only(body, agency_read_only);
    ex.reply(201, to_json(s.agencies.create(ex.caller, agency_from_json(body))));
  });
  r.get("/v1/agencies/{id}", [&s](exchange& ex) {
    ex.query.finish();
    ex.reply(200, to_json(s.agencies.get(ex.caller, ex.path_param(1))));
  });
  r.patch("/v1/agencies/{id}", [&s](exchange& ex) {
    ex.query.finish();
    const json body = ex.body();
    ex.reply(200, to_json(s.agencies.update(
                      ex.caller, ex.path_param(1),
                      merge_patch<agency>(body, agency_read_only, agency_from_json))));
  });
}

void add_team_routes(router& r, engine_services& s) {
  r.get("/v1/teams", [&s](exchange& ex) {
    const page_request paging = ex.query.paging(ex.max_page_size);
    ex.query.finish();
    ex.reply(200, paged_json(s.teams.list(ex.caller, paging)));
  });
  r.post("/v1/teams", [&s](exchange& ex) {
    ex.query.finish();
    const json body = ex.body();
    refuse_read_only(body, team_read_only);
    ex.reply(201, to_json(s.teams.create(ex.caller, team_from_json(body))));
  });
  r.get("/v1/teams/{id}", [&s](exchange& ex) {
    ex.query.finish();
    ex.reply(200, to_json(s.teams.get(ex.caller, ex.path_param(1))));
  });
  r.patch("/v1/teams/{id}", [&s](exchange& ex) {
    ex.query.finish();
    const json body = ex.body();
    ex.reply(200, to_json(s.teams.update(ex.caller, ex.path_param(1),
                                         merge_patch<team>(body, team_read_only, team_from_json))));
  });
}

}  // namespace pathways::api
