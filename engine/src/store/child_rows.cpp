// Time slots and adjustments in child tables.
#include "child_rows.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace pathways::store {

void write_slots(connection& conn, const char* table, const char* owner_column,
                 const std::string& owner_id, const std::vector<time_slot>& slots) {
  sql::statement clear(conn, fmt::format("DELETE FROM {} WHERE {} = ?1", table, owner_column));
  clear.bind_all(owner_id).run();
  sql::statement add(conn, fmt::format("INSERT INTO {}({}, position, day, start_minute, end_minute)"
                                       " VALUES (?1, ?2, ?3, ?4, ?5)",
                                       table, owner_column));
  for (std::size_t i = 0; i < slots.size(); ++i) {
    add.bind_all(owner_id, static_cast<int>(i), name_of(slots[i].day), slots[i].start_minute,
                 slots[i].end_minute)
        .run();
    add.reset();
  }
}

std::vector<time_slot> read_slots(connection& conn, const char* table, const char* owner_column,
                                  const std::string& owner_id) {
  sql::statement q(conn, fmt::format("SELECT day, start_minute, end_minute FROM {} WHERE {} = ?1"
                                     " ORDER BY position",
                                     table, owner_column));
  q.bind_all(owner_id);
  std::vector<time_slot> out;
  while (q.step()) out.push_back({stored_name<weekday>(q.text(0)), q.integer(1), q.integer(2)});
  return out;
}

void write_adjustments(connection& conn, const char* table, const char* owner_column,
                       const std::string& owner_id, const std::vector<adjustment>& list) {
  sql::statement clear(conn, fmt::format("DELETE FROM {} WHERE {} = ?1", table, owner_column));
  clear.bind_all(owner_id).run();
  sql::statement add(
      conn, fmt::format("INSERT INTO {}({}, adjustment) VALUES (?1, ?2)", table, owner_column));
  for (adjustment a : list) {
    add.bind_all(owner_id, name_of(a)).run();
    add.reset();
  }
}

std::vector<adjustment> read_adjustments(connection& conn, const char* table,
                                         const char* owner_column, const std::string& owner_id) {
  sql::statement q(conn, fmt::format("SELECT adjustment FROM {} WHERE {} = ?1 ORDER BY adjustment",
                                     table, owner_column));
  q.bind_all(owner_id);
  std::vector<adjustment> out;
  while (q.step()) out.push_back(stored_name<adjustment>(q.text(0)));
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace pathways::store
