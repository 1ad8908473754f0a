// SQL for agencies and teams.
#pragma once

#include <optional>

#include "pathways/model.hpp"
#include "pathways/paging.hpp"
#include "sqlite.hpp"

namespace pathways::store {

void insert_agency(connection& conn, const agency& a);
void update_agency(connection& conn, const agency& a);
std::optional<agency> find_agency(connection& conn, const std::string& id);
page<agency> list_agencies(connection& conn, std::optional<agency_kind> kind,
                           const page_request& p);

void insert_team(connection& conn, const team& t);
void update_team(connection& conn, const team& t);
std::optional<team> find_team(connection& conn, const std::string& id);
page<team> list_teams(connection& conn, const page_request& p);

}  // namespace pathways::store
