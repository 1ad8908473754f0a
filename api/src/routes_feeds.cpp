// /v1/feeds: partner feeds for admins: their state, their runs, and a sync on request.
#include "routes.hpp"

namespace pathways::api {
namespace {

json problems_json(const std::vector<feed_problem>& list) {
  json out = json::array();
  for (const auto& p : list)
    out.push_back({{"external_ref", p.external_ref}, {"message", p.message}});
  return out;
}

}  // namespace

json to_json(const feed_run& r) {
  const auto& c = r.counts;
  return {{"id", r.id},
          {"feed", r.feed},
          {"started_at", r.started_at},
          {"finished_at", r.finished_at},
          {"status", r.succeeded ? "succeeded" : "failed"},
          {"reason", r.reason.empty() ? json(nullptr) : json(r.reason)},
          {"counts",
           {{"received", c.received},
            {"added", c.added},
            {"updated", c.updated},
            {"unchanged", c.unchanged},
            {"closed", c.closed},
            {"rejected", c.rejected},
            {"warnings", c.warnings}}},
          {"rejections", problems_json(r.rejections)},
          {"warnings", problems_json(r.warnings)}};
}

json to_json(const feed_status& s) {
  const auto& f = s.config;
  return {{"name", f.name},
          {"plugin", f.plugin.string()},
          {"agency_id", f.agency_id},
          {"interval_minutes", f.interval_minutes},
          {"full_snapshot", f.full_snapshot},
          {"limits",
           {{"deadline_seconds", f.limits.deadline_seconds},
            {"memory_mb", f.limits.memory_mb},
            {"max_records", f.limits.max_records}}},
          {"state", s.state},
          {"consecutive_failures", s.consecutive_failures},
          {"next_due", s.next_due ? json(*s.next_due) : json(nullptr)},
          {"last_run", s.last_run ? to_json(*s.last_run) : json(nullptr)}};
}

void add_feed_routes(router& r, engine_services& s) {
  r.get("/v1/feeds", [&s](exchange& ex) {
    ex.query.finish();
    json contents = json::array();
    for (const auto& f : s.feeds.list(ex.caller)) contents.push_back(to_json(f));
    const auto total = static_cast<std::int64_t>(contents.size());
    ex.reply(200, paged(contents, total, {1, static_cast<int>(std::max<std::int64_t>(total, 1))}));
  });
  r.post("/v1/feeds/{name}/sync", [&s](exchange& ex) {
    ex.query.finish();
    ex.reply(200, to_json(s.feeds.sync(ex.caller, ex.path_param(1))));
  });
  r.get("/v1/feeds/{name}/runs", [&s](exchange& ex) {
    const page_request paging = ex.query.paging(ex.max_page_size);
    ex.query.finish();
    ex.reply(200, paged_json(s.feeds.runs(ex.caller, ex.path_param(1), paging)));
  });
}

}  // namespace pathways::api
