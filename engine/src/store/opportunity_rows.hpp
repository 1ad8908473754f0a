// SQL for opportunities and their valued strengths, adjustments and schedules.
#pragma once

#include <optional>

#include "pathways/model.hpp"
#include "pathways/opportunities.hpp"
#include "pathways/paging.hpp"
#include "sqlite.hpp"

namespace pathways::store {

void insert_opportunity(connection& conn, const opportunity& o);
// Rewrites the opening's row and all of its child rows.
void update_opportunity(connection& conn, const opportunity& o);
std::optional<opportunity> find_opportunity(connection& conn, const std::string& id);
// Filters as the query says; with `near`, nearest first, otherwise newest first.
page<opportunity> list_opportunities(connection& conn, const opportunity_query& q);

}  // namespace pathways::store
