// /v1/people/{id}/ips: IPS enrolment, employer contacts, jobs and follow-along support.
#include "json_placements.hpp"
#include "routes.hpp"

namespace pathways::api {

void add_placement_routes(router& r, engine_services& s) {
  r.get("/v1/people/{id}/ips", [&s](exchange& ex) {
    ex.query.finish();
    ex.reply(200, to_json(s.placements.record(ex.caller, ex.path_param(1))));
  });
  r.post("/v1/people/{id}/ips/enrolment", [&s](exchange& ex) {
    ex.query.finish();
    ex.reply(201, to_json(s.placements.enrol(ex.caller, ex.path_param(1),
                                             enrolment_from_json(ex.body()))));
  });
  r.post("/v1/people/{id}/ips/employer_contacts", [&s](exchange& ex) {
    ex.query.finish();
    ex.reply(201, to_json(s.placements.add_employer_contact(
                      ex.caller, ex.path_param(1), employer_contact_from_json(ex.body()))));
  });
  r.post("/v1/people/{id}/ips/jobs", [&s](exchange& ex) {
    ex.query.finish();
    ex.reply(201, to_json(s.placements.start_job(ex.caller, ex.path_param(1),
                                                 job_from_json(ex.body()))));
  });
  r.post("/v1/people/{id}/ips/jobs/{job_id}/end", [&s](exchange& ex) {
    ex.query.finish();
    const json body = ex.body();
    json_object obj(body, "");
    const std::string end_date = obj.text("end_date");
    const auto reason = obj.name<job_end_reason>("reason");
    obj.finish();
    ex.reply(200, to_json(s.placements.end_job(ex.caller, ex.path_param(1), ex.path_param(2),
                                               end_date, reason)));
  });
  r.post("/v1/people/{id}/ips/support_contacts", [&s](exchange& ex) {
    ex.query.finish();
    ex.reply(201, to_json(s.placements.add_support_contact(ex.caller, ex.path_param(1),
                                                           support_contact_from_json(ex.body()))));
  });
}

}  // namespace pathways::api
