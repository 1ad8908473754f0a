// Strengths-based matching: ranked openings for a person and ranked people for an opening,
// each with reasons in plain language built from the person's own words. Holds the matching
// graph in memory, built from the store at start and kept current as records are saved; the
// openings it returns are read from the store (kept by revision). Thread-safe: matches read
// under a shared lock; a saved record takes the exclusive lock briefly.
#pragma once

#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <vector>

#include "pathways/database.hpp"
#include "pathways/match_graph.hpp"
#include "pathways/match_scoring.hpp"
#include "pathways/opening_cache.hpp"
#include "pathways/principal.hpp"
#include "pathways/record_listener.hpp"
#include "pathways/taxonomy.hpp"

namespace pathways {

struct match_reason {
  std::string kind;  // strength, transferable, interest, goal, distance, hours, adjustments, places
  std::string text;
};

struct match {
  std::shared_ptr<const opportunity> opening;  // without its description; never null
  std::uint64_t revision = 0;                  // of the opening: changes each time it is saved
  double score = 0;                            // 0..1
  std::optional<double> distance_km;
  std::vector<match_reason> reasons;
};

struct near_miss {
  std::shared_ptr<const opportunity> opening;  // never null
  double score = 0;
  scoring::exclusion excluded_by;
};

struct match_request {
  std::optional<domain> area;
  int limit = 10;
  std::optional<double> radius_km;
  bool explain_excluded = false;
};

struct match_list {
  std::vector<match> matches;
  std::vector<near_miss> excluded;  // only when asked: the best openings a constraint ruled out
};

// An opening ranked for a person from the graph alone (matches_for then reads the opening).
struct ranked_opening {
  std::string opportunity_id;
  std::uint64_t revision = 0;
  double score = 0;
  std::optional<double> distance_km;
  std::vector<match_reason> reasons;  // for matches; none for near misses
};
struct ranking {
  std::vector<ranked_opening> matches;
  std::vector<ranked_opening> excluded;
};

struct candidate {
  person who;
  double score = 0;
  std::optional<double> distance_km;
  std::vector<match_reason> reasons;
};

// How one opening fits one person: the score, and the constraint that rules it out, if any.
struct opening_fit {
  std::string opportunity_id;
  double score = 0;
  std::optional<scoring::exclusion> excluded;
  int places_available = 0;
};

class matching_service final : public record_listener {
 public:
  matching_service(database& db, const taxonomy& terms);

  // For a coordinator or specialist of the person's team, or an admin.
  match_list matches_for(const principal& caller, const std::string& person_id,
                         const match_request& r) const;
  // Checks, as matches_for does, that the caller may see this person's matches, and returns the
  // revision of the matching graph: it changes whenever a person or an opening is saved, and
  // matches_for gives the same answer to the same request on the same day while it holds.
  std::uint64_t matches_revision(const principal& caller, const std::string& person_id) const;
  // People of the caller's team (all people for an admin) ranked for one opening.
  std::vector<candidate> candidates_for(const principal& caller, const std::string& opportunity_id,
                                        int limit) const;
  // The ranking itself, with no scope check and no lock (benchmarks; callers hold the lock).
  ranking rank(const person& p, const match_request& r) const;
  // The openings with these ids as matching knows them (not_found names an unknown one).
  std::vector<std::shared_ptr<const opportunity>> openings(
      const std::vector<std::string>& opportunity_ids) const;
  // How each of the given openings fits a person in the caller's scope (for allocation).
  std::vector<opening_fit> fits(
      const principal& caller, const std::string& person_id,
      const std::vector<std::shared_ptr<const opportunity>>& openings) const;
  // The reasons an opening fits a person in the caller's scope.
  std::vector<match_reason> explain(const principal& caller, const std::string& person_id,
                                    const std::string& opportunity_id) const;

  void person_saved(const person& p) override;
  void opportunity_saved(const opportunity& o) override;

 private:
  const person& visible_person(const principal& caller, const std::string& person_id) const;

  mutable std::shared_mutex mutex_;
  match_graph graph_;
  std::uint64_t revision_ = 0;  // under mutex_: one more for each person or opening saved
  mutable opening_cache openings_;
};

}  // namespace pathways
