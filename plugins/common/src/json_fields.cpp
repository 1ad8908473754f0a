// Forgiving reads of JSON fields from partner data.
#include "pathways/feed/json_fields.hpp"

#include <cmath>

#include "pathways/feed/text.hpp"

namespace pathways::feed {

const json* member(const json& object, std::string_view key) {
  if (!object.is_object()) return nullptr;
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) return nullptr;
  return &*it;
}

std::string text_of(const json* value) {
  if (!value) return {};
  if (value->is_string()) return value->get<std::string>();
  if (value->is_number_integer()) return value->dump();
  if (value->is_number_float()) {
    const double d = value->get<double>();
    if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 1e15)
      return std::to_string(static_cast<long long>(d));
    return value->dump();
  }
  if (value->is_boolean()) return value->get<bool>() ? "true" : "false";
  return {};
}

std::string text_at(const json& object, std::string_view key) {
  return std::string(trim(text_of(member(object, key))));
}

std::optional<double> number_of(const json* value) {
  if (!value) return std::nullopt;
  if (value->is_number()) {
    const double d = value->get<double>();
    return std::isfinite(d) ? std::optional<double>(d) : std::nullopt;
  }
  if (value->is_string()) return parse_number(value->get_ref<const std::string&>());
  return std::nullopt;
}

std::vector<const json*> items_of(const json* value) {
  std::vector<const json*> out;
  if (!value) return out;
  if (value->is_array()) {
    for (const json& item : *value)
      if (!item.is_null()) out.push_back(&item);
  } else {
    out.push_back(value);
  }
  return out;
}

}  // namespace pathways::feed
