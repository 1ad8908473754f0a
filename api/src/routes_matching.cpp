// GET /v1/people/{id}/matches, GET /v1/opportunities/{id}/candidates and POST /v1/allocations:
// explained matches, and proposals for sharing scarce places.
#include <fmt/format.h>

#include "json_text.hpp"
#include "match_reply_cache.hpp"
#include "pathways/clock.hpp"
#include "routes.hpp"
#include "summary_cache.hpp"

namespace pathways::api {
namespace {

json reasons_json(const std::vector<match_reason>& reasons) {
  json out = json::array();
  for (const auto& r : reasons) out.push_back({{"kind", r.kind}, {"text", r.text}});
  return out;
}

// The same as reasons_json(reasons).dump(), written directly.
void append_reasons(std::string& out, const std::vector<match_reason>& reasons) {
  out += '[';
  for (std::size_t i = 0; i < reasons.size(); ++i) {
    out += i == 0 ? "{\"kind\":" : ",{\"kind\":";
    append_json_string(out, reasons[i].kind);
    out += ",\"text\":";
    append_json_string(out, reasons[i].text);
    out += '}';
  }
  out += ']';
}

json distance_json(const std::optional<double>& d) {
  return d ? json(std::round(*d * 10) / 10) : json(nullptr);
}

allocation_request allocation_request_from(const json& body) {
  json_object obj(body, "");
  allocation_request r;
  obj.each("people", [&](const json& v, const std::string& path) {
    if (v.is_string()) {
      r.people.push_back({v.get<std::string>(), {}});
      return;
    }
    json_object p(v, path);
    allocation_person who{p.text("person_id"), {}};
    p.each("preferences", [&](const json& pref, const std::string& pref_path) {
      if (!pref.is_string()) invalid_field(pref_path, "must be an opportunity id");
      who.preferences.push_back(pref.get<std::string>());
    });
    p.finish();
    r.people.push_back(std::move(who));
  });
  obj.each("opportunity_ids", [&](const json& v, const std::string& path) {
    if (!v.is_string()) invalid_field(path, "must be an opportunity id");
    r.opportunity_ids.push_back(v.get<std::string>());
  });
  r.options_per_person = obj.optional_integer("options_per_person").value_or(20);
  obj.finish();
  return r;
}

// A read of people's data from the matching index, audited for each of them whether allowed
// or refused (a refusal names every person the caller asked for).
constexpr std::string_view matched_fields = "strengths,goals,adjustments,preferences";

template <class Read>
auto audited_read(audit_service& audit, const principal& caller,
                  const std::vector<std::string>& person_ids, std::string_view action, Read read) {
  try {
    auto result = read();
    audit.record(caller, person_ids, action, matched_fields, true);
    return result;
  } catch (const error& e) {
    if (e.code() == error_code::not_found || e.code() == error_code::forbidden)
      audit.record(caller, person_ids, action, matched_fields, false);
    throw;
  }
}

// The person, the query and the day: what a match reply depends on besides the graph.
std::string request_key(const std::string& person_id, const match_request& r) {
  return fmt::format("{}|{}|{}|{}|{}|{}", person_id, r.area ? name_of(*r.area) : "", r.limit,
                     r.radius_km ? fmt::format("{}", *r.radius_km) : "", r.explain_excluded,
                     today_utc());
}

// The reply's JSON text, written around summaries serialized once per revision of an opening
// (keys in the order nlohmann::json writes them, as every other reply).
std::string match_reply(const match_list& found, const std::string& person_id,
                        bool explain_excluded, summary_cache& summaries) {
  std::string body;
  body.reserve(1024 * (found.matches.size() + 1));  // a match is under 1 KiB of text
  body += '{';
  if (explain_excluded) {
    json excluded = json::array();
    for (const auto& n : found.excluded)
      excluded.push_back({{"opportunity", summary_json(*n.opening)},
                          {"score", std::round(n.score * 1000) / 1000},
                          {"excluded_by",
                           {{"constraint", scoring::name_of(n.excluded_by.rule)},
                            {"detail", n.excluded_by.detail}}}});
    body += "\"excluded\":" + excluded.dump() + ",";
  }
  body += "\"matches\":[";
  for (std::size_t i = 0; i < found.matches.size(); ++i) {
    const match& m = found.matches[i];
    body += i == 0 ? "{\"distance_km\":" : ",{\"distance_km\":";
    body += distance_json(m.distance_km).dump();
    body += ",\"opportunity\":";
    summaries.append(body, *m.opening, m.revision);
    body += ",\"reasons\":";
    append_reasons(body, m.reasons);
    body += ",\"score\":";
    body += json(std::round(m.score * 1000) / 1000).dump();
    body += '}';
  }
  body += "],\"person_id\":";
  append_json_string(body, person_id);
  body += '}';
  return body;
}

}  // namespace

void add_matching_routes(router& r, engine_services& s) {
  // Each request is checked and audited; the ranking and its text are reused only while the
  // matching graph's revision (and the day) stay the same.
  r.get("/v1/people/{id}/matches", [&s, summaries = std::make_shared<summary_cache>(),
                                    replies = std::make_shared<match_reply_cache>()](exchange& ex) {
    match_request request;
    if (auto d = ex.query.text("domain"))
      request.area = json_object::parse_enum<domain>(*d, "domain");
    request.limit = ex.query.integer("limit", 1, 50).value_or(10);
    request.radius_km = ex.query.number("radius_km", 0, 500);
    if (auto explain = ex.query.text("explain")) {
      if (*explain != "excluded") invalid_field("explain", "must be 'excluded'");
      request.explain_excluded = true;
    }
    ex.query.finish();
    const std::string person_id = ex.path_param(1);
    std::string body = audited_read(s.audit, ex.caller, {person_id}, "matches.read", [&] {
      const std::uint64_t revision = s.matching.matches_revision(ex.caller, person_id);
      const std::string asked = request_key(person_id, request);
      if (auto kept = replies->find(asked, revision)) return std::move(*kept);
      std::string reply = match_reply(s.matching.matches_for(ex.caller, person_id, request),
                                      person_id, request.explain_excluded, *summaries);
      replies->keep(asked, revision, reply);
      return reply;
    });
    ex.reply_text(200, std::move(body));
  });

  r.get("/v1/opportunities/{id}/candidates", [&s](exchange& ex) {
    const int limit = ex.query.integer("limit", 1, 100).value_or(20);
    ex.query.finish();
    const std::string opportunity_id = ex.path_param(1);
    json candidates = json::array();
    const auto found = s.matching.candidates_for(ex.caller, opportunity_id, limit);
    std::vector<std::string> seen;
    for (const auto& c : found) seen.push_back(c.who.id);
    s.audit.record(ex.caller, seen, "candidates.read", "display_name,strengths,goals,preferences",
                   true);
    for (const auto& c : found)
      candidates.push_back(
          {{"person",
            {{"id", c.who.id}, {"display_name", c.who.display_name}, {"team_id", c.who.team_id}}},
           {"score", std::round(c.score * 1000) / 1000},
           {"distance_km", distance_json(c.distance_km)},
           {"reasons", reasons_json(c.reasons)}});
    ex.reply(200, {{"opportunity_id", opportunity_id}, {"candidates", candidates}});
  });

  r.post("/v1/allocations", [&s](exchange& ex) {
    ex.query.finish();
    const allocation_request request = allocation_request_from(ex.body());
    std::vector<std::string> people;
    for (const auto& p : request.people) people.push_back(p.person_id);
    const allocation_proposal proposal =
        audited_read(s.audit, ex.caller, people, "allocation.read",
                     [&] { return s.allocations.propose(ex.caller, request); });
    json assigned = json::array();
    for (const auto& a : proposal.assigned)
      assigned.push_back(
          {{"person_id", a.person_id},
           {"opportunity_id", a.opportunity_id},
           {"score", std::round(a.score * 1000) / 1000},
           {"preference_rank", a.preference_rank ? json(*a.preference_rank) : json(nullptr)},
           {"reasons", reasons_json(a.reasons)}});
    json unassigned = json::array();
    for (const auto& u : proposal.unassigned)
      unassigned.push_back({{"person_id", u.person_id}, {"reason", u.reason}});
    ex.reply(
        200,
        {{"proposal_only", true},
         {"note", "A proposal: nothing has been referred. Talk it through with each person first."},
         {"assigned", assigned},
         {"unassigned", unassigned},
         {"total_score", std::round(proposal.total_score * 1000) / 1000}});
  });
}

}  // namespace pathways::api
