// SQL for IPS enrolments, employer contacts, jobs and support contacts.
#pragma once

#include <optional>
#include <vector>

#include "pathways/placements.hpp"
#include "sqlite.hpp"

namespace pathways::store {

void insert_enrolment(connection& conn, const ips_enrolment& e);
std::optional<ips_enrolment> enrolment_of(connection& conn, const std::string& person_id);
void insert_employer_contact(connection& conn, const employer_contact& c);
std::vector<employer_contact> employer_contacts_of(connection& conn, const std::string& person_id);
void insert_job(connection& conn, const ips_job& j);
void end_job(connection& conn, const ips_job& j);
std::vector<ips_job> jobs_of(connection& conn, const std::string& person_id);
void insert_support_contact(connection& conn, const support_contact& c);
std::vector<support_contact> support_contacts_of(connection& conn, const std::string& person_id);

}  // namespace pathways::store
