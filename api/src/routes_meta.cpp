// /healthz (no key), /v1/taxonomy and /v1/me.
#include "routes.hpp"

namespace pathways::api {

void add_meta_routes(router& r, engine_services& s) {
  r.get_public("/healthz", [](exchange& ex) { ex.reply(200, {{"status", "ok"}}); });

  r.get("/v1/me", [](exchange& ex) {
    ex.query.finish();
    ex.reply(200, to_json(ex.caller));
  });

  r.get("/v1/taxonomy", [&s](exchange& ex) {
    const auto area = ex.query.text("domain");
    ex.query.finish();
    const domain wanted = area ? json_object::parse_enum<domain>(*area, "domain") : domain::work;
    json terms = json::array();
    for (const auto& t : s.terms.terms())
      if (!area || std::find(t.domains.begin(), t.domains.end(), wanted) != t.domains.end())
        terms.push_back(to_json(t));
    ex.reply(200, {{"total_items", terms.size()}, {"contents", terms}});
  });
}

}  // namespace pathways::api
