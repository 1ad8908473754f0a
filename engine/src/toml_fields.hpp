// Reading TOML tables key by key: typed values, unknown keys refused, errors naming the key.
#pragma once

#include <toml++/toml.h>

#include <initializer_list>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "pathways/error.hpp"

namespace pathways::toml_fields {

[[noreturn]] inline void bad(const std::string& key, const std::string& why) {
  throw error(error_code::invalid_argument, fmt::format("setting '{}' {}", key, why), key);
}

// Refuses any key of `table` not in `known`; `prefix` names the table ("server.").
inline void only_known(const toml::table& table, std::string_view prefix,
                       std::initializer_list<std::string_view> known) {
  for (auto&& [key, value] : table) {
    bool found = false;
    for (auto k : known) found = found || k == key.str();
    if (!found) bad(fmt::format("{}{}", prefix, key.str()), "is not a known setting");
  }
}

// Reads `table[key]` into `out` when present; a value of the wrong type is an error.
template <class T>
void read(const toml::table& table, std::string_view prefix, std::string_view key, T& out) {
  const toml::node* node = table.get(key);
  if (!node) return;
  const std::string name = fmt::format("{}{}", prefix, key);
  if constexpr (std::is_same_v<T, bool>) {
    if (!node->is_boolean()) bad(name, "must be true or false");
    out = node->as_boolean()->get();
  } else if constexpr (std::is_integral_v<T>) {
    if (!node->is_integer()) bad(name, "must be a whole number");
    const auto v = node->as_integer()->get();
    if (v < 0) bad(name, "must not be negative");
    out = static_cast<T>(v);
  } else {
    if (!node->is_string()) bad(name, "must be a string");
    out = T(node->as_string()->get());
  }
}

}  // namespace pathways::toml_fields
