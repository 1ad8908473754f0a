// The wire form of consent, referrals, events and audit entries.
#pragma once

#include <nlohmann/json.hpp>

#include "pathways/audit.hpp"
#include "pathways/consents.hpp"
#include "pathways/events.hpp"
#include "pathways/referrals.hpp"

namespace pathways::api {

using nlohmann::json;

json to_json(const consent& c);
json to_json(const referral& r);
json to_json(const event& e);
json to_json(const audit_entry& e);

consent consent_from_json(const json& body);
referral_step referral_step_from_json(referral_action action, const json& body);

}  // namespace pathways::api
