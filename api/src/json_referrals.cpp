// Consent, referrals, events and audit entries to and from JSON.
#include "json_referrals.hpp"

#include "json_fields.hpp"
#include "json_mapping.hpp"

namespace pathways::api {
namespace {

template <class E>
json names_json(const std::vector<E>& values) {
  json out = json::array();
  for (E v : values) out.push_back(name_of(v));
  return out;
}

// Which keys of the person's JSON each shareable field covers.
std::initializer_list<const char*> keys_of(shared_field f) {
  static constexpr std::initializer_list<const char*> contact{"display_name", "email", "phone"};
  static constexpr std::initializer_list<const char*> strengths{"strengths"};
  static constexpr std::initializer_list<const char*> goals{"goals"};
  static constexpr std::initializer_list<const char*> adjustments{"adjustments"};
  switch (f) {
    case shared_field::contact_details:
      return contact;
    case shared_field::strengths:
      return strengths;
    case shared_field::goals:
      return goals;
    case shared_field::adjustments:
      return adjustments;
  }
  return {};
}

// Only the fields the person shares; nothing else of their record.
json shared_json(const shared_person& s) {
  const json whole = to_json(s.details);
  json out{{"id", s.details.id}, {"shared_fields", names_json(s.fields)}};
  for (shared_field f : s.fields)
    for (const char* key : keys_of(f)) out[key] = whole[key];
  return out;
}

}  // namespace

json to_json(const consent& c) {
  return {{"id", c.id},
          {"person_id", c.person_id},
          {"agency_id", or_null(c.agency_id)},
          {"agency_kind", name_or_null(c.kind)},
          {"shares", names_json(c.shares)},
          {"purpose", c.purpose},
          {"given_at", c.given_at},
          {"recorded_by", c.recorded_by},
          {"withdrawn_at", or_null(c.withdrawn_at)},
          {"withdrawn_by", or_null(c.withdrawn_by)},
          {"active", !c.withdrawn_at}};
}

json to_json(const referral& r) {
  json history = json::array();
  for (const auto& t : r.history)
    history.push_back({{"from", name_or_null(t.from)},
                       {"to", name_of(t.to)},
                       {"by_key", t.by_key},
                       {"by_role", name_of(t.by_role)},
                       {"at", t.at},
                       {"reason", or_null(t.reason)},
                       {"text", t.text}});
  json out{{"id", r.id},
           {"person_id", r.person_id},
           {"opportunity_id", r.opportunity_id},
           {"agency_id", r.agency_id},
           {"team_id", r.team_id},
           {"note", r.note},
           {"state", name_of(r.state)},
           {"sent_at", r.sent_at},
           {"updated_at", r.updated_at},
           {"history", history}};
  if (r.person) out["person"] = shared_json(*r.person);
  return out;
}

json to_json(const event& e) {
  return {{"seq", e.seq},
          {"at", e.at},
          {"kind", e.kind},
          {"subject_id", e.subject_id},
          {"change", e.change},
          {"team_id", or_null(e.team_id)},
          {"agency_id", or_null(e.agency_id)}};
}

json to_json(const audit_entry& e) {
  return {{"seq", e.seq},
          {"at", e.at},
          {"key_id", e.key_id},
          {"role", name_of(e.role)},
          {"team_id", or_null(e.team_id)},
          {"agency_id", or_null(e.agency_id)},
          {"person_id", e.person_id},
          {"action", e.action},
          {"fields", e.fields},
          {"request_id", e.request_id},
          {"allowed", e.allowed},
          {"hash", e.hash}};
}

consent consent_from_json(const json& body) {
  json_object obj(body, "");
  consent c;
  c.agency_id = obj.optional_text("agency_id");
  if (auto kind = obj.optional_text("agency_kind"))
    c.kind = json_object::parse_enum<agency_kind>(*kind, "agency_kind");
  obj.each("shares", [&](const json& v, const std::string& path) {
    if (!v.is_string()) invalid_field(path, "must be a field name");
    c.shares.push_back(json_object::parse_enum<shared_field>(v.get<std::string>(), path));
  });
  c.purpose = obj.text("purpose");
  obj.finish();
  return c;
}

referral_step referral_step_from_json(referral_action action, const json& body) {
  referral_step step;
  step.action = action;
  if (body.is_null()) return step;
  json_object obj(body, "");
  step.reason = obj.optional_text("reason");
  step.text = obj.text_or("text", "");
  obj.finish();
  return step;
}

}  // namespace pathways::api
