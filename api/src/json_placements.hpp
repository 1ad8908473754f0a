// The wire form of IPS records.
#pragma once

#include <nlohmann/json.hpp>

#include "pathways/placements.hpp"

namespace pathways::api {

using nlohmann::json;

json to_json(const ips_enrolment& e);
json to_json(const employer_contact& c);
json to_json(const ips_job& j);
json to_json(const support_contact& c);
json to_json(const ips_record& r);

ips_enrolment enrolment_from_json(const json& body);
employer_contact employer_contact_from_json(const json& body);
ips_job job_from_json(const json& body);
support_contact support_contact_from_json(const json& body);

}  // namespace pathways::api
