// Proposals for sharing scarce places: given people in the caller's scope (each with the
// openings they chose, in order) and openings, who could go where. A proposal only: nothing is
// referred. Exact on the min-cost-flow model of allocation.hpp.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pathways/matching.hpp"

namespace pathways {

struct allocation_person {
  std::string person_id;
  std::vector<std::string> preferences;  // opportunity ids the person chose, first choice first
};

struct allocation_request {
  std::vector<allocation_person> people;
  std::vector<std::string> opportunity_ids;
  int options_per_person =
      20;  // each person's best-fitting openings considered (plus their choices)
};

struct allocation_assignment {
  std::string person_id;
  std::string opportunity_id;
  double score = 0;                    // the match score, 0..1
  std::optional<int> preference_rank;  // 1 for their first choice, when they chose it
  std::vector<match_reason> reasons;
};

struct allocation_left_out {
  std::string person_id;
  std::string reason;
};

struct allocation_proposal {
  std::vector<allocation_assignment> assigned;
  std::vector<allocation_left_out> unassigned;
  double total_score = 0;
};

class allocation_service {
 public:
  explicit allocation_service(const matching_service& matching) : matching_(matching) {}
  // For coordinators (their team's people) and admins. Unknown or out-of-scope people and
  // unknown openings are not_found; duplicates and empty lists are invalid_argument.
  allocation_proposal propose(const principal& caller, const allocation_request& request) const;

 private:
  const matching_service& matching_;
};

}  // namespace pathways
