// Reading a JSON object field by field: typed values, unknown keys refused, and errors that
// name the field ("preferences.available[2].start") for the 400 body.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <set>
#include <string>

#include "pathways/error.hpp"
#include "pathways/vocabulary.hpp"

namespace pathways::api {

using nlohmann::json;

[[noreturn]] void invalid_field(const std::string& field, const std::string& why);

class json_object {
 public:
  // `path` names this object in errors ("" for the top level).
  json_object(const json& value, std::string path);
  json_object(const json_object&) = delete;
  json_object& operator=(const json_object&) = delete;
  ~json_object() = default;

  bool has(const char* key) const;
  // The field's full name, for errors.
  std::string field(const char* key) const;
  // The raw value of a present, non-null field.
  const json* get(const char* key);

  std::string text(const char* key);  // required string
  std::string text_or(const char* key, std::string fallback);
  std::optional<std::string> optional_text(const char* key);
  int integer(const char* key);
  std::optional<int> optional_integer(const char* key);
  std::optional<double> optional_number(const char* key);
  double number(const char* key);
  bool boolean_or(const char* key, bool fallback);
  template <class E>
  E name(const char* key) {
    return parse_enum<E>(text(key), field(key));
  }
  template <class E>
  E name_or(const char* key, E fallback) {
    auto t = optional_text(key);
    return t ? parse_enum<E>(*t, field(key)) : fallback;
  }
  // Each element of a present array, with its own path ("goals[1]").
  template <class F>
  void each(const char* key, F&& visit) {
    const json* arr = get(key);
    if (!arr) return;
    if (!arr->is_array()) invalid_field(field(key), "must be a list");
    for (std::size_t i = 0; i < arr->size(); ++i)
      visit((*arr)[i], field(key) + "[" + std::to_string(i) + "]");
  }
  // Refuses keys that were never read.
  void finish() const;

  template <class E>
  static E parse_enum(const std::string& text, const std::string& where) {
    if (auto v = parse_name<E>(text)) return *v;
    invalid_field(where, "must be one of " + allowed_names<E>());
  }

 private:
  const json& value_;
  std::string path_;
  std::set<std::string> read_;
};

}  // namespace pathways::api
