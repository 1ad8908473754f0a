// Forgiving reads of JSON fields from partner data (nlohmann::json): a number may arrive as a
// string, a list as a single value, a missing field as null.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pathways::feed {

using json = nlohmann::json;

// object[key] when object is an object holding a non-null key; otherwise nullptr.
const json* member(const json& object, std::string_view key);
// A string as is, a number as written ("12", "11.44"), a boolean as "true"/"false"; else "".
std::string text_of(const json* value);
// The text of object[key], trimmed.
std::string text_at(const json& object, std::string_view key);
// A number, or a string holding one.
std::optional<double> number_of(const json* value);
// Each element of an array, or the value itself; nothing for null or a missing field.
std::vector<const json*> items_of(const json* value);

}  // namespace pathways::feed
