// People supported by a team: a coordinator or specialist reads and writes only their own
// team's people, admins all; agencies read no people. Out-of-scope records are not_found.
#pragma once

#include <functional>
#include <mutex>
#include <optional>

#include "pathways/database.hpp"
#include "pathways/model.hpp"
#include "pathways/paging.hpp"
#include "pathways/principal.hpp"
#include "pathways/record_listener.hpp"
#include "pathways/taxonomy.hpp"

namespace pathways {

struct person_query {
  std::optional<std::string> team_id;  // admins may filter; workers always see their own team
  page_request paging;
};

class people_service {
 public:
  // `listener`, if given, hears of every person saved, after the commit.
  people_service(database& db, const taxonomy& terms, record_listener* listener = nullptr)
      : db_(db), terms_(terms), listener_(listener) {}
  person create(const principal& caller, person p);
  person get(const principal& caller, const std::string& id);
  page<person> list(const principal& caller, const person_query& q);
  // Applies `change` to the stored record, validates and saves it in one transaction.
  person update(const principal& caller, const std::string& id,
                const std::function<void(person&)>& change);

 private:
  database& db_;
  const taxonomy& terms_;
  record_listener* listener_;
  std::mutex commit_order_;  // the listener hears of commits in the order they happened
};

}  // namespace pathways
