// Turning a request into an allocation problem (fits → utilities), solving it, and explaining
// the answer: reasons for each assignment, and why anyone is left without a place.
#include "pathways/allocation_proposals.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include <fmt/format.h>

#include "pathways/allocation.hpp"
#include "pathways/error.hpp"

namespace pathways {
namespace {

void check_request(const allocation_request& r) {
  if (r.people.empty())
    throw error(error_code::invalid_argument, "people must list at least one person", "people");
  if (r.opportunity_ids.empty())
    throw error(error_code::invalid_argument, "opportunity_ids must list at least one opening",
                "opportunity_ids");
  if (r.people.size() > 5000)
    throw error(error_code::invalid_argument, "people lists at most 5000 people", "people");
  if (r.opportunity_ids.size() > 2000)
    throw error(error_code::invalid_argument, "opportunity_ids lists at most 2000 openings",
                "opportunity_ids");
  if (r.options_per_person < 1 || r.options_per_person > 100)
    throw error(error_code::invalid_argument, "options_per_person must be between 1 and 100",
                "options_per_person");
  std::set<std::string> seen;
  for (const auto& p : r.people)
    if (!seen.insert(p.person_id).second)
      throw error(error_code::invalid_argument,
                  fmt::format("person {} is listed twice", p.person_id), "people");
  seen.clear();
  for (const auto& o : r.opportunity_ids)
    if (!seen.insert(o).second)
      throw error(error_code::invalid_argument, fmt::format("opening {} is listed twice", o),
                  "opportunity_ids");
}

// Why someone got nothing, from what was true of their options.
std::string left_out_reason(const std::vector<opening_fit>& fits) {
  std::map<std::string_view, int> excluded;
  int open_to_them = 0;
  for (const auto& f : fits) {
    if (f.excluded)
      ++excluded[scoring::name_of(f.excluded->rule)];
    else
      ++open_to_them;
  }
  if (open_to_them == 0) {
    std::string counts;
    for (const auto& [rule, n] : excluded)
      counts += fmt::format("{}{} {}", counts.empty() ? "" : ", ", n, rule);
    return "none of the openings is open to them (" + counts + ")";
  }
  return fmt::format(
      "the {} opening{} open to them went to people they fitted better, and no place was left",
      open_to_them, open_to_them == 1 ? "" : "s");
}

}  // namespace

allocation_proposal allocation_service::propose(const principal& caller,
                                                const allocation_request& request) const {
  require_role(caller, {role::admin, role::coordinator}, "propose allocations");
  check_request(request);
  std::unordered_map<std::string, int> opening_index;
  for (std::size_t i = 0; i < request.opportunity_ids.size(); ++i)
    opening_index.emplace(request.opportunity_ids[i], static_cast<int>(i));

  allocation_problem problem;
  problem.people = static_cast<int>(request.people.size());
  problem.places.assign(request.opportunity_ids.size(), 0);
  const auto openings = matching_.openings(request.opportunity_ids);
  std::vector<std::vector<opening_fit>> all_fits;
  std::map<std::pair<int, int>, std::pair<double, std::optional<int>>>
      chosen;  // score, preference rank
  for (std::size_t pi = 0; pi < request.people.size(); ++pi) {
    const auto& who = request.people[pi];
    for (const auto& pref : who.preferences)
      if (!opening_index.contains(pref))
        throw error(
            error_code::unprocessable,
            fmt::format("a preference of person {} is not among opportunity_ids", who.person_id),
            "people");
    all_fits.push_back(matching_.fits(caller, who.person_id, openings));
    const auto& fits = all_fits.back();
    for (std::size_t oi = 0; oi < fits.size(); ++oi)
      problem.places[oi] = std::max(0, fits[oi].places_available);
    // The person's own choices, then their best-fitting others, up to options_per_person.
    std::vector<std::size_t> order(fits.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return fits[a].score > fits[b].score; });
    std::size_t others = 0;
    for (std::size_t oi : order) {
      if (fits[oi].excluded) continue;
      const auto pref =
          std::find(who.preferences.begin(), who.preferences.end(), request.opportunity_ids[oi]);
      const bool is_choice = pref != who.preferences.end();
      if (!is_choice && others >= static_cast<std::size_t>(request.options_per_person)) continue;
      if (!is_choice) ++others;
      double utility = fits[oi].score;
      std::optional<int> rank;
      if (is_choice) {
        const auto r = static_cast<int>(pref - who.preferences.begin());
        const auto n = static_cast<double>(who.preferences.size());
        utility += scoring::chosen_by_person +
                   scoring::first_choice_extra * (n - r - 1) / std::max(1.0, n - 1);
        rank = r + 1;
      }
      problem.options.push_back({static_cast<int>(pi), static_cast<int>(oi), utility});
      chosen[{static_cast<int>(pi), static_cast<int>(oi)}] = {fits[oi].score, rank};
    }
  }
  const allocation_result result = allocate(problem);

  allocation_proposal out;
  for (std::size_t pi = 0; pi < request.people.size(); ++pi) {
    const auto& who = request.people[pi];
    const int oi = result.opening_of[pi];
    if (oi < 0) {
      out.unassigned.push_back({who.person_id, left_out_reason(all_fits[pi])});
      continue;
    }
    const auto& [score, rank] = chosen.at({static_cast<int>(pi), oi});
    const std::string& opening = request.opportunity_ids[static_cast<std::size_t>(oi)];
    out.assigned.push_back(
        {who.person_id, opening, score, rank, matching_.explain(caller, who.person_id, opening)});
    out.total_score += score;
  }
  return out;
}

}  // namespace pathways
