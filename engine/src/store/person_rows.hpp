// SQL for people and their strengths, interests, goals, adjustments and availability.
#pragma once

#include <optional>

#include "pathways/model.hpp"
#include "pathways/paging.hpp"
#include "sqlite.hpp"

namespace pathways::store {

void insert_person(connection& conn, const person& p);
// Rewrites the person's row and all of their child rows.
void update_person(connection& conn, const person& p);
std::optional<person> find_person(connection& conn, const std::string& id);
page<person> list_people(connection& conn, const std::optional<std::string>& team_id,
                         const page_request& p);

}  // namespace pathways::store
