// Typed, named reading of JSON objects.
#include "json_fields.hpp"

#include <cmath>
#include <limits>

namespace pathways::api {

void invalid_field(const std::string& field, const std::string& why) {
  throw error(error_code::invalid_argument, field.empty() ? why : field + " " + why, field);
}

json_object::json_object(const json& value, std::string path)
    : value_(value), path_(std::move(path)) {
  if (!value_.is_object()) invalid_field(path_.empty() ? "body" : path_, "must be a JSON object");
}

bool json_object::has(const char* key) const {
  auto it = value_.find(key);
  return it != value_.end() && !it->is_null();
}

std::string json_object::field(const char* key) const {
  return path_.empty() ? std::string(key) : path_ + "." + key;
}

const json* json_object::get(const char* key) {
  read_.insert(key);
  auto it = value_.find(key);
  if (it == value_.end() || it->is_null()) return nullptr;
  return &*it;
}

std::optional<std::string> json_object::optional_text(const char* key) {
  const json* v = get(key);
  if (!v) return std::nullopt;
  if (!v->is_string()) invalid_field(field(key), "must be a string");
  return v->get<std::string>();
}

std::string json_object::text(const char* key) {
  auto v = optional_text(key);
  if (!v) invalid_field(field(key), "is required");
  return *v;
}

std::string json_object::text_or(const char* key, std::string fallback) {
  return optional_text(key).value_or(std::move(fallback));
}

std::optional<int> json_object::optional_integer(const char* key) {
  const json* v = get(key);
  if (!v) return std::nullopt;
  if (!v->is_number_integer()) invalid_field(field(key), "must be a whole number");
  const auto n = v->get<long long>();
  if (n < std::numeric_limits<int>::min() || n > std::numeric_limits<int>::max())
    invalid_field(field(key), "is out of range");
  return static_cast<int>(n);
}

int json_object::integer(const char* key) {
  auto v = optional_integer(key);
  if (!v) invalid_field(field(key), "is required");
  return *v;
}

std::optional<double> json_object::optional_number(const char* key) {
  const json* v = get(key);
  if (!v) return std::nullopt;
  if (!v->is_number()) invalid_field(field(key), "must be a number");
  return v->get<double>();
}

double json_object::number(const char* key) {
  auto v = optional_number(key);
  if (!v) invalid_field(field(key), "is required");
  return *v;
}

bool json_object::boolean_or(const char* key, bool fallback) {
  const json* v = get(key);
  if (!v) return fallback;
  if (!v->is_boolean()) invalid_field(field(key), "must be true or false");
  return v->get<bool>();
}

void json_object::finish() const {
  for (auto it = value_.begin(); it != value_.end(); ++it)
    if (!read_.contains(it.key())) invalid_field(field(it.key().c_str()), "is not a known field");
}

}  // namespace pathways::api
