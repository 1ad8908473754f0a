// Partner agencies: created by admins; every key may read them; an agency may edit its own.
#pragma once

#include <functional>
#include <optional>

#include "pathways/database.hpp"
#include "pathways/model.hpp"
#include "pathways/paging.hpp"
#include "pathways/principal.hpp"

namespace pathways {

struct agency_query {
  std::optional<agency_kind> kind;
  page_request paging;
};

class agency_service {
 public:
  explicit agency_service(database& db) : db_(db) {}
  agency create(const principal& caller, agency a);
  agency get(const principal& caller, const std::string& id);
  page<agency> list(const principal& caller, const agency_query& q);
  agency update(const principal& caller, const std::string& id,
                const std::function<void(agency&)>& change);

 private:
  database& db_;
};

}  // namespace pathways
