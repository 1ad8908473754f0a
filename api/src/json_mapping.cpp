// JSON <-> model for agencies, teams, people and opportunities.
#include "json_mapping.hpp"

#include <fmt/format.h>

#include "json_fields.hpp"

namespace pathways::api {
namespace {

json point_json(const std::optional<geo_point>& p) {
  return p ? json{{"lat", p->lat}, {"lon", p->lon}} : json(nullptr);
}

std::string clock_text(int minutes) {
  return fmt::format("{:02}:{:02}", minutes / 60, minutes % 60);
}

json slots_json(const std::vector<time_slot>& slots) {
  json out = json::array();
  for (const auto& s : slots)
    out.push_back({{"day", name_of(s.day)},
                   {"start", clock_text(s.start_minute)},
                   {"end", clock_text(s.end_minute)}});
  return out;
}

json adjustments_json(const std::vector<adjustment>& list) {
  json out = json::array();
  for (adjustment a : list) out.push_back(name_of(a));
  return out;
}

std::optional<geo_point> point_from(json_object& obj, const char* key) {
  const json* v = obj.get(key);
  if (!v) return std::nullopt;
  json_object p(*v, obj.field(key));
  geo_point out{p.number("lat"), p.number("lon")};
  p.finish();
  return out;
}

// "HH:MM" (00:00 to 24:00) as minutes since midnight.
int minutes_from(const std::string& text, const std::string& field) {
  const bool shape = text.size() == 5 && text[2] == ':' && isdigit(text[0]) && isdigit(text[1]) &&
                     isdigit(text[3]) && isdigit(text[4]);
  const int h = shape ? (text[0] - '0') * 10 + (text[1] - '0') : -1;
  const int m = shape ? (text[3] - '0') * 10 + (text[4] - '0') : -1;
  if (!shape || h > 24 || m > 59 || (h == 24 && m != 0))
    invalid_field(field, "must be a time written HH:MM");
  return h * 60 + m;
}

std::vector<time_slot> slots_from(json_object& obj, const char* key) {
  std::vector<time_slot> out;
  obj.each(key, [&](const json& v, const std::string& path) {
    json_object s(v, path);
    time_slot slot;
    slot.day = s.name<weekday>("day");
    slot.start_minute = minutes_from(s.text("start"), s.field("start"));
    slot.end_minute = minutes_from(s.text("end"), s.field("end"));
    s.finish();
    out.push_back(slot);
  });
  return out;
}

std::vector<adjustment> adjustments_from(json_object& obj, const char* key) {
  std::vector<adjustment> out;
  obj.each(key, [&](const json& v, const std::string& path) {
    if (!v.is_string()) invalid_field(path, "must be a string");
    out.push_back(json_object::parse_enum<adjustment>(v.get<std::string>(), path));
  });
  return out;
}

}  // namespace

const std::initializer_list<const char*> agency_read_only = {"id", "created_at", "updated_at"};
const std::initializer_list<const char*> team_read_only = {"id", "created_at"};
const std::initializer_list<const char*> person_read_only = {"id", "created_at", "updated_at"};
const std::initializer_list<const char*> opportunity_read_only = {"id", "created_at",
                                                                  "last_updated", "source"};

void refuse_read_only(const json& body, std::initializer_list<const char*> fields) {
  if (!body.is_object()) invalid_field("body", "must be a JSON object");
  for (const char* f : fields)
    if (body.contains(f)) invalid_field(f, "is set by Pathways and cannot be written");
}

json without(json document, std::initializer_list<const char*> fields) {
  for (const char* f : fields) document.erase(f);
  return document;
}

json to_json(const agency& a) {
  return {{"id", a.id},
          {"name", a.name},
          {"kind", name_of(a.kind)},
          {"contact_name", a.contact_name},
          {"contact_email", a.contact_email},
          {"contact_phone", a.contact_phone},
          {"website", a.website},
          {"created_at", a.created_at},
          {"updated_at", a.updated_at}};
}

json to_json(const team& t) {
  return {{"id", t.id}, {"name", t.name}, {"borough", t.borough}, {"created_at", t.created_at}};
}

json to_json(const person& p) {
  json strengths = json::array();
  for (const auto& s : p.strengths)
    strengths.push_back({{"term", s.term}, {"own_words", s.own_words}, {"level", s.level}});
  json interests = json::array();
  for (const auto& i : p.interests)
    interests.push_back({{"term", or_null(i.term)}, {"own_words", i.own_words}});
  json goals = json::array();
  for (const auto& g : p.goals)
    goals.push_back({{"id", g.id},
                     {"domain", name_of(g.area)},
                     {"own_words", g.own_words},
                     {"priority", g.priority},
                     {"status", name_of(g.status)}});
  return {{"id", p.id},
          {"team_id", p.team_id},
          {"display_name", p.display_name},
          {"email", p.email},
          {"phone", p.phone},
          {"year_of_birth", or_null(p.year_of_birth)},
          {"home", point_json(p.home)},
          {"strengths", strengths},
          {"interests", interests},
          {"goals", goals},
          {"adjustments", adjustments_json(p.adjustments)},
          {"preferences",
           {{"max_travel_km", or_null(p.prefs.max_travel_km)},
            {"hours_min", or_null(p.prefs.hours_min)},
            {"hours_max", or_null(p.prefs.hours_max)},
            {"available", slots_json(p.prefs.available)}}},
          {"created_at", p.created_at},
          {"updated_at", p.updated_at}};
}

json to_json(const opportunity& o) {
  json strengths = json::array();
  for (const auto& s : o.strengths) strengths.push_back({{"term", s.term}, {"weight", s.weight}});
  json out = summary_json(o);
  out.update({{"external_ref", o.external_ref},
              {"description", o.description},
              {"places_total", o.places_total},
              {"strengths", strengths},
              {"min_age", or_null(o.min_age)},
              {"max_age", or_null(o.max_age)},
              {"start_date", or_null(o.start_date)},
              {"end_date", or_null(o.end_date)},
              {"status", name_of(o.status)},
              {"source", o.source},
              {"last_updated", o.last_updated},
              {"assured_date", or_null(o.assured_date)},
              {"created_at", o.created_at}});
  return out;
}

json summary_json(const opportunity& o) {
  return {{"id", o.id},
          {"agency_id", o.agency_id},
          {"domain", name_of(o.area)},
          {"title", o.title},
          {"location", point_json(o.location)},
          {"address", o.address},
          {"remote", o.remote},
          {"schedule", slots_json(o.schedule)},
          {"hours_per_week", or_null(o.hours_per_week)},
          {"pay", o.wage ? json{{"amount", o.wage->amount}, {"unit", name_of(o.wage->unit)}}
                         : json(nullptr)},
          {"places_available", o.places_available},
          {"adjustments", adjustments_json(o.adjustments)},
          {"closing_date", or_null(o.closing_date)}};
}

json to_json(const taxonomy_term& t) {
  json domains = json::array();
  for (domain d : t.domains) domains.push_back(name_of(d));
  return {{"id", t.id}, {"label", t.label}, {"domains", domains}, {"related", t.related}};
}

json to_json(const principal& p) {
  return {{"key_id", p.key_id},
          {"role", name_of(p.role)},
          {"team_id", or_null(p.team_id)},
          {"agency_id", or_null(p.agency_id)}};
}

agency agency_from_json(const json& body) {
  const json document = without(body, agency_read_only);
  json_object obj(document, "");
  agency a;
  a.name = obj.text("name");
  a.kind = obj.name<agency_kind>("kind");
  a.contact_name = obj.text_or("contact_name", "");
  a.contact_email = obj.text_or("contact_email", "");
  a.contact_phone = obj.text_or("contact_phone", "");
  a.website = obj.text_or("website", "");
  obj.finish();
  return a;
}

team team_from_json(const json& body) {
  const json document = without(body, team_read_only);
  json_object obj(document, "");
  team t;
  t.name = obj.text("name");
  t.borough = obj.text("borough");
  obj.finish();
  return t;
}

person person_from_json(const json& body) {
  const json document = without(body, person_read_only);
  json_object obj(document, "");
  person p;
  p.team_id = obj.text_or("team_id", "");
  p.display_name = obj.text("display_name");
  p.email = obj.text_or("email", "");
  p.phone = obj.text_or("phone", "");
  p.year_of_birth = obj.optional_integer("year_of_birth");
  p.home = point_from(obj, "home");
  obj.each("strengths", [&](const json& v, const std::string& path) {
    json_object s(v, path);
    p.strengths.push_back({s.text("term"), s.text_or("own_words", ""), s.integer("level")});
    s.finish();
  });
  obj.each("interests", [&](const json& v, const std::string& path) {
    json_object s(v, path);
    interest in;
    in.term = s.optional_text("term");
    in.own_words = s.text_or("own_words", "");
    s.finish();
    p.interests.push_back(std::move(in));
  });
  obj.each("goals", [&](const json& v, const std::string& path) {
    json_object s(v, path);
    goal g;
    g.id = s.text_or("id", "");
    g.area = s.name<domain>("domain");
    g.own_words = s.text("own_words");
    g.priority = s.optional_integer("priority").value_or(3);
    g.status = s.name_or<goal_status>("status", goal_status::active);
    s.finish();
    p.goals.push_back(std::move(g));
  });
  p.adjustments = adjustments_from(obj, "adjustments");
  if (const json* prefs = obj.get("preferences")) {
    json_object pr(*prefs, "preferences");
    p.prefs.max_travel_km = pr.optional_number("max_travel_km");
    p.prefs.hours_min = pr.optional_number("hours_min");
    p.prefs.hours_max = pr.optional_number("hours_max");
    p.prefs.available = slots_from(pr, "available");
    pr.finish();
  }
  obj.finish();
  return p;
}

opportunity opportunity_from_json(const json& body) {
  const json document = without(body, opportunity_read_only);
  json_object obj(document, "");
  opportunity o;
  o.agency_id = obj.text_or("agency_id", "");
  o.external_ref = obj.text("external_ref");
  o.area = obj.name<domain>("domain");
  o.title = obj.text("title");
  o.description = obj.text_or("description", "");
  o.location = point_from(obj, "location");
  o.address = obj.text_or("address", "");
  o.remote = obj.boolean_or("remote", false);
  o.schedule = slots_from(obj, "schedule");
  o.hours_per_week = obj.optional_number("hours_per_week");
  if (const json* w = obj.get("pay")) {
    json_object p(*w, "pay");
    o.wage = pay{p.number("amount"), p.name<pay_unit>("unit")};
    p.finish();
  }
  o.places_total = obj.optional_integer("places_total").value_or(1);
  o.places_available = obj.optional_integer("places_available").value_or(o.places_total);
  obj.each("strengths", [&](const json& v, const std::string& path) {
    json_object s(v, path);
    o.strengths.push_back({s.text("term"), s.optional_number("weight").value_or(1.0)});
    s.finish();
  });
  o.min_age = obj.optional_integer("min_age");
  o.max_age = obj.optional_integer("max_age");
  o.adjustments = adjustments_from(obj, "adjustments");
  o.start_date = obj.optional_text("start_date");
  o.end_date = obj.optional_text("end_date");
  o.closing_date = obj.optional_text("closing_date");
  o.status = obj.name_or<opportunity_status>("status", opportunity_status::open);
  o.assured_date = obj.optional_text("assured_date");
  obj.finish();
  return o;
}

}  // namespace pathways::api
