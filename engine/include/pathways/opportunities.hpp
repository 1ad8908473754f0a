// Openings published by agencies: an agency publishes, updates and closes its own; every key
// may list and filter them (domain, agency, status, text, near a place).
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

struct near_filter {
  geo_point centre;
  double radius_km = 10;
  bool include_remote = false;
};

struct opportunity_query {
  std::optional<domain> area;
  std::optional<std::string> agency_id;
  std::optional<opportunity_status> status;
  std::optional<std::string> text;  // words found in title or description
  std::optional<near_filter> near;  // results come nearest first
  page_request paging;
};

class opportunity_service {
 public:
  // `listener`, if given, hears of every opportunity saved, after the commit.
  opportunity_service(database& db, const taxonomy& terms, record_listener* listener = nullptr)
      : db_(db), terms_(terms), listener_(listener) {}
  // An agency publishes under its own agency id; admins name the agency.
  opportunity publish(const principal& caller, opportunity o);
  opportunity get(const principal& caller, const std::string& id);
  page<opportunity> list(const principal& caller, const opportunity_query& q);
  opportunity update(const principal& caller, const std::string& id,
                     const std::function<void(opportunity&)>& change);
  opportunity close(const principal& caller, const std::string& id);

 private:
  database& db_;
  const taxonomy& terms_;
  record_listener* listener_;
  std::mutex commit_order_;  // the listener hears of commits in the order they happened
};

}  // namespace pathways
