// SQL for consent records.
#pragma once

#include <vector>

#include "pathways/consents.hpp"
#include "sqlite.hpp"

namespace pathways::store {

void insert_consent(connection& conn, const consent& c);
void mark_withdrawn(connection& conn, const consent& c);
std::vector<consent> consents_of(connection& conn, const std::string& person_id);
// The fields the person currently shares with `a` across every live consent covering it;
// empty when none does.
std::vector<shared_field> fields_shared_with(connection& conn, const std::string& person_id,
                                             const agency& a);

}  // namespace pathways::store
