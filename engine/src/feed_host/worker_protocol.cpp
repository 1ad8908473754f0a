// Opening records to JSON lines and back: each field named once, for both ends of the pipe.
#include "worker_protocol.hpp"

namespace pathways::feed_host::protocol {
namespace {

using nlohmann::json;

// Calls f(name, member) for every field of an opening record.
template <class Record, class F>
void each_field(Record& r, F&& f) {
  f("external_ref", r.external_ref);
  f("organisation", r.organisation);
  f("domain", r.domain);
  f("title", r.title);
  f("description", r.description);
  f("lat", r.lat);
  f("lon", r.lon);
  f("address", r.address);
  f("remote", r.remote);
  f("hours_per_week", r.hours_per_week);
  f("pay_amount", r.pay_amount);
  f("pay_unit", r.pay_unit);
  f("places_total", r.places_total);
  f("places_available", r.places_available);
  f("min_age", r.min_age);
  f("max_age", r.max_age);
  f("adjustments", r.adjustments);
  f("start_date", r.start_date);
  f("end_date", r.end_date);
  f("closing_date", r.closing_date);
  f("status", r.status);
  f("url", r.url);
}

template <class T>
bool is_set(const T& v) {
  if constexpr (std::is_same_v<T, bool>) return v;
  else if constexpr (requires { v.has_value(); }) return v.has_value();
  else return !v.empty();
}

template <class T>
void put(json& out, const char* name, const T& v) {
  if (!is_set(v)) return;
  if constexpr (requires { v.has_value(); }) out[name] = *v;
  else out[name] = v;
}

template <class T>
void take(const json& in, const char* name, T& v) {
  const auto it = in.find(name);
  if (it == in.end() || it->is_null()) return;
  if constexpr (requires { v.has_value(); }) v = it->template get<typename T::value_type>();
  else v = it->template get<T>();
}

}  // namespace

json to_json(const plugin::opening_record& r) {
  json out = {{kind, record}};
  each_field(r, [&](const char* name, const auto& v) { put(out, name, v); });
  if (!r.schedule.empty()) {
    json& slots = out["schedule"] = json::array();
    for (const auto& s : r.schedule) slots.push_back({s.day, s.opens, s.closes});
  }
  if (!r.strengths.empty()) {
    json& terms = out["strengths"] = json::array();
    for (const auto& s : r.strengths) terms.push_back({s.term, s.weight});
  }
  return out;
}

plugin::opening_record record_from(const json& line) {
  plugin::opening_record r;
  each_field(r, [&](const char* name, auto& v) { take(line, name, v); });
  if (const auto it = line.find("schedule"); it != line.end())
    for (const auto& s : *it) r.schedule.push_back({s.at(0), s.at(1), s.at(2)});
  if (const auto it = line.find("strengths"); it != line.end())
    for (const auto& s : *it) r.strengths.push_back({s.at(0), s.at(1)});
  return r;
}

}  // namespace pathways::feed_host::protocol
