// Opening records to JSON lines and back: each field named once, for both ends of the pipe.
#include "worker_protocol.hpp"

namespace pathways::feed_host::protocol {
namespace {

using nlohmann::json;

// Calls f(member) for every field of an opening record, in the order of a record line.
template <class Record, class F>
void each_field(Record& r, F&& f) {
  f(r.external_ref);
  f(r.organisation);
  f(r.domain);
  f(r.title);
  f(r.description);
  f(r.lat);
  f(r.lon);
  f(r.address);
  f(r.remote);
  f(r.hours_per_week);
  f(r.pay_amount);
  f(r.pay_unit);
  f(r.places_total);
  f(r.places_available);
  f(r.min_age);
  f(r.max_age);
  f(r.adjustments);
  f(r.start_date);
  f(r.end_date);
  f(r.closing_date);
  f(r.status);
  f(r.url);
}

template <class T>
json value_of(const T& v) {
  if constexpr (std::is_same_v<T, bool>) return v;
  else if constexpr (requires { v.has_value(); }) return v ? json(*v) : json(nullptr);
  else return v.empty() ? json(nullptr) : json(v);
}

template <class T>
void take(const json& in, T& v) {
  if (in.is_null()) return;
  if constexpr (requires { v.has_value(); }) v = in.template get<typename T::value_type>();
  else v = in.template get<T>();
}

}  // namespace

json to_json(const plugin::opening_record& r) {
  json out = json::array();
  each_field(r, [&](const auto& v) { out.push_back(value_of(v)); });
  json slots = json::array();
  for (const auto& s : r.schedule) slots.push_back({s.day, s.opens, s.closes});
  out.push_back(std::move(slots));
  json terms = json::array();
  for (const auto& s : r.strengths) terms.push_back({s.term, s.weight});
  out.push_back(std::move(terms));
  return out;
}

plugin::opening_record record_from(const json& line) {
  plugin::opening_record r;
  std::size_t i = 0;
  each_field(r, [&](auto& v) { take(line.at(i++), v); });
  for (const auto& s : line.at(i++)) r.schedule.push_back({s.at(0), s.at(1), s.at(2)});
  for (const auto& s : line.at(i++)) r.strengths.push_back({s.at(0), s.at(1)});
  return r;
}

}  // namespace pathways::feed_host::protocol
