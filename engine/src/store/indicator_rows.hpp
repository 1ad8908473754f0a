// SQL for the facts the indicators are computed from, each with the groups it belongs to.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pathways/placements.hpp"
#include "sqlite.hpp"

namespace pathways::store {

// Where a fact belongs: its team (and so borough), agency and domain where it has one.
struct fact_place {
  std::string team_id;
  std::string team_name;
  std::string borough;
  std::optional<std::string> agency_id;
  std::optional<std::string> agency_name;
  std::optional<std::string> domain;
};

struct goal_fact {
  fact_place place;  // domain: the goal's
  std::string person_id;
};

struct referral_fact {
  fact_place place;  // agency and domain: the opening's
  std::string sent_at;
  struct step {
    std::string to;
    std::string at;
    std::optional<std::string> reason;
  };
  std::vector<step> steps;
};

struct person_ips_fact {
  fact_place place;  // domain: work
  std::string person_id;
  std::optional<ips_enrolment> enrolment;
  std::vector<employer_contact> contacts;
  std::vector<ips_job> jobs;
};

// Each loader reads within one team, or every team when `team_id` is empty.
std::vector<goal_fact> active_goal_facts(connection& conn,
                                         const std::optional<std::string>& team_id);
std::vector<referral_fact> referral_facts(connection& conn,
                                          const std::optional<std::string>& team_id);
std::vector<person_ips_fact> ips_facts(connection& conn, const std::optional<std::string>& team_id);

}  // namespace pathways::store
