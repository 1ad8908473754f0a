// /v1/people: people a team supports, with strengths, goals, adjustments and preferences.
#include "routes.hpp"

namespace pathways::api {

void add_people_routes(router& r, engine_services& s) {
  r.get("/v1/people", [&s](exchange& ex) {
    person_query q;
    q.team_id = ex.query.text("team_id");
    q.paging = ex.query.paging(ex.max_page_size);
    ex.query.finish();
    ex.reply(200, paged_json(s.people.list(ex.caller, q)));
  });
  r.post("/v1/people", [&s](exchange& ex) {
    ex.query.finish();
    const json body = ex.body();
    refuse_read_only(body, person_read_only);
    ex.reply(201, to_json(s.people.create(ex.caller, person_from_json(body))));
  });
  r.get("/v1/people/{id}", [&s](exchange& ex) {
    ex.query.finish();
    ex.reply(200, to_json(s.people.get(ex.caller, ex.path_param(1))));
  });
  r.patch("/v1/people/{id}", [&s](exchange& ex) {
    ex.query.finish();
    const json body = ex.body();
    ex.reply(200, to_json(s.people.update(
                      ex.caller, ex.path_param(1),
                      merge_patch<person>(body, person_read_only, person_from_json))));
  });
}

}  // namespace pathways::api
