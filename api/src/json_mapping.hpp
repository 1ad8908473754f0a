// The wire form of the domain model: each record to JSON, and JSON (already merged for a PATCH)
// back to a record. Fields Pathways sets itself are read-only and refused on input.
#pragma once

#include <nlohmann/json.hpp>

#include <initializer_list>
#include <optional>

#include "pathways/api_keys.hpp"
#include "pathways/model.hpp"
#include "pathways/taxonomy.hpp"

namespace pathways::api {

using nlohmann::json;

// The value, or JSON null when absent.
template <class T>
json or_null(const std::optional<T>& v) {
  return v ? json(*v) : json(nullptr);
}
// A vocabulary name, or JSON null when absent.
template <class E>
json name_or_null(const std::optional<E>& v) {
  return v ? json(name_of(*v)) : json(nullptr);
}

json to_json(const agency& a);
json to_json(const team& t);
json to_json(const person& p);
json to_json(const opportunity& o);
json to_json(const taxonomy_term& t);
// What a list of matches shows of an opening: no description, no bookkeeping.
json summary_json(const opportunity& o);
json to_json(const principal& p);

agency agency_from_json(const json& body);
team team_from_json(const json& body);
person person_from_json(const json& body);
opportunity opportunity_from_json(const json& body);

// The fields of each record that Pathways sets itself.
extern const std::initializer_list<const char*> agency_read_only;
extern const std::initializer_list<const char*> team_read_only;
extern const std::initializer_list<const char*> person_read_only;
extern const std::initializer_list<const char*> opportunity_read_only;

// 400 naming the first read-only field present in a caller's body.
void refuse_read_only(const json& body, std::initializer_list<const char*> fields);
// A copy of `document` without the read-only fields.
json without(json document, std::initializer_list<const char*> fields);

}  // namespace pathways::api
