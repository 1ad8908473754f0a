// Community teams (each in a borough): created by admins; readable by every key.
#pragma once

#include <functional>

#include "pathways/database.hpp"
#include "pathways/model.hpp"
#include "pathways/paging.hpp"
#include "pathways/principal.hpp"

namespace pathways {

class team_service {
 public:
  explicit team_service(database& db) : db_(db) {}
  team create(const principal& caller, team t);
  team get(const principal& caller, const std::string& id);
  page<team> list(const principal& caller, const page_request& paging);
  team update(const principal& caller, const std::string& id,
              const std::function<void(team&)>& change);

 private:
  database& db_;
};

}  // namespace pathways
