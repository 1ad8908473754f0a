// Rows shared by several records: weekly time slots and adjustment sets, kept in child tables
// keyed by their owner's id.
#pragma once

#include <string>
#include <vector>

#include <fmt/format.h>

#include "pathways/error.hpp"
#include "pathways/model.hpp"
#include "sqlite.hpp"

namespace pathways::store {

// `table` and `owner_column` are names from our own code, never from input.
void write_slots(connection& conn, const char* table, const char* owner_column,
                 const std::string& owner_id, const std::vector<time_slot>& slots);
std::vector<time_slot> read_slots(connection& conn, const char* table, const char* owner_column,
                                  const std::string& owner_id);
void write_adjustments(connection& conn, const char* table, const char* owner_column,
                       const std::string& owner_id, const std::vector<adjustment>& list);
std::vector<adjustment> read_adjustments(connection& conn, const char* table,
                                         const char* owner_column, const std::string& owner_id);

// Parses a vocabulary name read back from the database; a bad one means a corrupt row.
template <class E>
E stored_name(const std::string& text) {
  if (auto v = parse_name<E>(text)) return *v;
  throw error(error_code::internal, fmt::format("database holds an unknown value '{}'", text));
}

}  // namespace pathways::store
