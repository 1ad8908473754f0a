// SQL for referrals, their transitions, and the place a start takes.
#pragma once

#include <optional>
#include <vector>

#include "pathways/referrals.hpp"
#include "sqlite.hpp"

namespace pathways::store {

void insert_referral(connection& conn, const referral& r);
// Stores the referral's new state and appends its last transition.
void record_transition(connection& conn, const referral& r);
std::optional<referral> find_referral(connection& conn, const std::string& id);
// Within a team or an agency (neither: all).
page<referral> list_referrals(connection& conn, const std::optional<std::string>& team_id,
                              const std::optional<std::string>& agency_id, const referral_query& q);
// Ids of referrals still `sent` at or before `cutoff`.
std::vector<std::string> sent_before(connection& conn, const std::string& cutoff);
// Takes one place on the opening if one is left; false if none is.
bool take_place(connection& conn, const std::string& opportunity_id);

}  // namespace pathways::store
