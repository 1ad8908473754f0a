// /v1/referrals and /v1/agency/referrals: sending under consent, and each step of the loop.
#include "json_referrals.hpp"
#include "routes.hpp"

namespace pathways::api {
namespace {

json paged_referrals(const page<referral>& p) {
  json contents = json::array();
  for (const auto& r : p.items) contents.push_back(to_json(r));
  return paged(contents, p.total_items, p.request);
}

referral_query read_query(exchange& ex) {
  referral_query q;
  if (auto state = ex.query.text("state"))
    q.state = json_object::parse_enum<referral_state>(*state, "state");
  q.paging = ex.query.paging(ex.max_page_size);
  ex.query.finish();
  return q;
}

}  // namespace

void add_referral_routes(router& r, engine_services& s) {
  r.post("/v1/referrals", [&s](exchange& ex) {
    ex.query.finish();
    const json body = ex.body();
    json_object obj(body, "");
    const std::string person_id = obj.text("person_id");
    const std::string opportunity_id = obj.text("opportunity_id");
    const std::string note = obj.text_or("note", "");
    obj.finish();
    ex.reply(201, to_json(s.referrals.send(ex.caller, person_id, opportunity_id, note)));
  });
  r.get("/v1/referrals", [&s](exchange& ex) {
    const referral_query q = read_query(ex);
    ex.reply(200, paged_referrals(s.referrals.list(ex.caller, q)));
  });
  r.get("/v1/agency/referrals", [&s](exchange& ex) {
    require_role(ex.caller, {role::agency}, "use the agency inbox (use /v1/referrals)");
    const referral_query q = read_query(ex);
    ex.reply(200, paged_referrals(s.referrals.list(ex.caller, q)));
  });
  r.get("/v1/referrals/{id}", [&s](exchange& ex) {
    ex.query.finish();
    ex.reply(200, to_json(s.referrals.get(ex.caller, ex.path_param(1))));
  });
  r.post("/v1/referrals/{id}/{action}", [&s](exchange& ex) {
    ex.query.finish();
    const auto action = parse_name<referral_action>(ex.path_param(2));
    if (!action)
      throw error(error_code::not_found, "no such step: use " + allowed_names<referral_action>());
    const json body = ex.req.body.empty() ? json() : ex.body();
    ex.reply(200, to_json(s.referrals.act(ex.caller, ex.path_param(1),
                                          referral_step_from_json(*action, body))));
  });
}

}  // namespace pathways::api
