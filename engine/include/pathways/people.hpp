// People supported by a team: a coordinator or specialist reads and writes only their own
// team's people, admins all; agencies read no people. Out-of-scope records are not_found.
#pragma once

#include <functional>
#include <optional>

#include "pathways/database.hpp"
#include "pathways/model.hpp"
#include "pathways/paging.hpp"
#include "pathways/principal.hpp"
#include "pathways/taxonomy.hpp"

namespace pathways {

struct person_query {
  std::optional<std::string> team_id;  // admins may filter; workers always see their own team
  page_request paging;
};

class people_service {
 public:
  people_service(database& db, const taxonomy& terms) : db_(db), terms_(terms) {}
  person create(const principal& caller, person p);
  person get(const principal& caller, const std::string& id);
  page<person> list(const principal& caller, const person_query& q);
  // Applies `change` to the stored record, validates and saves it in one transaction.
  person update(const principal& caller, const std::string& id,
                const std::function<void(person&)>& change);

 private:
  database& db_;
  const taxonomy& terms_;
};

}  // namespace pathways
