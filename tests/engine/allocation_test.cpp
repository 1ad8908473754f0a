// Place allocation: feasible, optimal (against exhaustive search and the Boost.Graph reference),
// deterministic, and strict about malformed problems.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <random>
#include <utility>

#include "pathways/allocation.hpp"
#include "pathways/error.hpp"

namespace pathways::testing {
namespace {

struct shape {
  int people;
  int openings;
  int max_places;
  int max_options;    // per person, drawn from 0..max_options
  int utility_steps;  // utilities are k / utility_steps, k in 1..utility_steps
};

// A seeded random problem; coarse utility steps make ties common.
allocation_problem random_problem(std::uint64_t seed, const shape& s) {
  std::mt19937_64 random(seed);
  auto below = [&](int n) { return static_cast<int>(random() % static_cast<std::uint64_t>(n)); };
  allocation_problem problem;
  problem.people = s.people;
  for (int o = 0; o < s.openings; ++o) problem.places.push_back(below(s.max_places + 1));
  std::vector<int> openings(s.openings);
  for (int o = 0; o < s.openings; ++o) openings[o] = o;
  for (int p = 0; p < s.people; ++p) {
    std::shuffle(openings.begin(), openings.end(), random);
    const int count = std::min(below(s.max_options + 1), s.openings);
    for (int k = 0; k < count; ++k) {
      const double utility = (below(s.utility_steps) + 1) / static_cast<double>(s.utility_steps);
      problem.options.push_back({p, openings[k], utility});
    }
  }
  std::shuffle(problem.options.begin(), problem.options.end(), random);
  return problem;
}

// Checks the result is a feasible allocation of `problem` and that total_utility adds up.
void expect_feasible(const allocation_problem& problem, const allocation_result& result) {
  ASSERT_EQ(result.opening_of.size(), static_cast<std::size_t>(problem.people));
  std::map<std::pair<int, int>, double> offered;
  for (const allocation_option& option : problem.options)
    offered[{option.person, option.opening}] = option.utility;
  std::vector<int> taken(problem.places.size(), 0);
  double total = 0;
  for (int p = 0; p < problem.people; ++p) {
    const int o = result.opening_of[p];
    if (o == -1) continue;
    ASSERT_GE(o, 0);
    ASSERT_LT(o, static_cast<int>(problem.places.size()));
    const auto found = offered.find({p, o});
    ASSERT_NE(found, offered.end())
        << "person " << p << " got opening " << o << " without an option";
    ++taken[o];
    total += found->second;
  }
  for (std::size_t o = 0; o < taken.size(); ++o) {
    EXPECT_LE(taken[o], problem.places[o]) << "opening " << o;
  }
  EXPECT_NEAR(result.total_utility, total, 1e-9);
}

// The best total utility by trying every assignment (tiny problems only).
double best_by_exhaustive_search(const allocation_problem& problem) {
  std::vector<std::vector<std::pair<int, double>>> choices(problem.people);
  for (const allocation_option& option : problem.options)
    choices[option.person].emplace_back(option.opening, option.utility);
  std::vector<int> left = problem.places;
  double best = 0;
  auto search = [&](auto& self, int person, double sum) -> void {
    if (person == problem.people) {
      best = std::max(best, sum);
      return;
    }
    self(self, person + 1, sum);  // unassigned
    for (const auto& [opening, utility] : choices[person]) {
      if (left[opening] == 0) continue;
      --left[opening];
      self(self, person + 1, sum + utility);
      ++left[opening];
    }
  };
  search(search, 0, 0.0);
  return best;
}

std::string failing_field(const allocation_problem& problem) {
  try {
    allocate(problem);
  } catch (const error& e) {
    EXPECT_EQ(e.code(), error_code::invalid_argument);
    // The reference validates the same way.
    try {
      allocate_reference(problem);
      ADD_FAILURE() << "allocate_reference accepted what allocate refused";
    } catch (const error& reference) {
      EXPECT_EQ(reference.field(), e.field());
    }
    return e.field();
  }
  return "none";
}

TEST(place_allocation, never_gives_an_opening_more_people_than_its_places) {
  // Eight people all want the same two-place opening most of all.
  allocation_problem problem{8, {2, 1, 0}, {}};
  for (int p = 0; p < 8; ++p) {
    problem.options.push_back({p, 0, 1.0});
    problem.options.push_back({p, 1, 0.5});
    problem.options.push_back({p, 2, 0.9});
  }
  const allocation_result result = allocate(problem);
  expect_feasible(problem, result);
  EXPECT_EQ(std::count(result.opening_of.begin(), result.opening_of.end(), 0), 2);
  EXPECT_EQ(std::count(result.opening_of.begin(), result.opening_of.end(), 1), 1);
  EXPECT_EQ(std::count(result.opening_of.begin(), result.opening_of.end(), 2), 0);
  EXPECT_EQ(std::count(result.opening_of.begin(), result.opening_of.end(), -1), 5);
  EXPECT_NEAR(result.total_utility, 2.5, 1e-12);
}

TEST(place_allocation, gives_each_person_at_most_one_opening_and_only_offered_ones) {
  for (std::uint64_t seed = 1; seed <= 40; ++seed) {
    const allocation_problem problem = random_problem(seed, {30, 10, 3, 5, 20});
    SCOPED_TRACE(seed);
    expect_feasible(problem, allocate(problem));
    expect_feasible(problem, allocate_reference(problem));
  }
}

TEST(place_allocation, moves_someone_to_a_second_choice_when_that_helps_everyone_overall) {
  // Ana likes the café a little more than the library; Ben can only use the café. A greedy
  // "best pair first" would seat Ana at the café and leave Ben out.
  const allocation_problem problem{2, {1, 1}, {{0, 0, 0.9}, {0, 1, 0.8}, {1, 0, 0.7}}};
  const allocation_result result = allocate(problem);
  EXPECT_EQ(result.opening_of, (std::vector<int>{1, 0}));
  EXPECT_NEAR(result.total_utility, 1.5, 1e-12);
  EXPECT_EQ(allocate_reference(problem).opening_of, (std::vector<int>{1, 0}));
}

TEST(place_allocation, is_optimal_against_exhaustive_search_on_small_cases) {
  for (std::uint64_t seed = 1; seed <= 400; ++seed) {
    std::mt19937_64 random(seed * 7919);
    const shape s{1 + static_cast<int>(random() % 6), 1 + static_cast<int>(random() % 4), 2,
                  static_cast<int>(random() % 5), seed % 2 == 0 ? 5 : 1000};
    const allocation_problem problem = random_problem(seed, s);
    SCOPED_TRACE(seed);
    const double best = best_by_exhaustive_search(problem);
    const allocation_result fast = allocate(problem);
    const allocation_result reference = allocate_reference(problem);
    expect_feasible(problem, fast);
    expect_feasible(problem, reference);
    EXPECT_NEAR(fast.total_utility, best, 1e-6);
    EXPECT_NEAR(reference.total_utility, best, 1e-6);
  }
}

TEST(place_allocation, fast_solver_agrees_with_the_boost_graph_reference_on_medium_cases) {
  for (std::uint64_t seed = 1; seed <= 6; ++seed) {
    // Fine steps of 1e-6 (no rounding) on odd seeds, many ties on even ones.
    const allocation_problem problem =
        random_problem(seed, {200, 60, 3, 12, seed % 2 ? 1000000 : 10});
    SCOPED_TRACE(seed);
    const allocation_result fast = allocate(problem);
    const allocation_result reference = allocate_reference(problem);
    expect_feasible(problem, fast);
    expect_feasible(problem, reference);
    EXPECT_NEAR(fast.total_utility, reference.total_utility, 1e-6);
  }
}

TEST(place_allocation, gives_the_same_assignment_for_the_same_problem) {
  const allocation_problem problem = random_problem(99, {300, 40, 4, 10, 4});  // full of ties
  const allocation_result first = allocate(problem);
  const allocation_result second = allocate(allocation_problem(problem));
  EXPECT_EQ(first.opening_of, second.opening_of);
  EXPECT_EQ(first.total_utility, second.total_utility);
  EXPECT_EQ(allocate_reference(problem).opening_of, allocate_reference(problem).opening_of);
}

TEST(place_allocation, breaks_an_exact_tie_in_favour_of_the_lower_indices) {
  // Two people, one place, equal utility: the first person keeps it.
  const allocation_problem problem{2, {1}, {{1, 0, 0.5}, {0, 0, 0.5}}};
  EXPECT_EQ(allocate(problem).opening_of, (std::vector<int>{0, -1}));
}

TEST(place_allocation, leaves_people_without_options_or_places_unassigned) {
  // Person 0 has no options; person 1 only wants an opening with no places; person 2 only has a
  // zero-utility option; person 3 gets the one real place.
  const allocation_problem problem{4, {0, 1}, {{1, 0, 1.0}, {2, 1, 0.0}, {3, 1, 0.4}}};
  const allocation_result result = allocate(problem);
  EXPECT_EQ(result.opening_of, (std::vector<int>{-1, -1, -1, 1}));
  EXPECT_NEAR(result.total_utility, 0.4, 1e-12);
  EXPECT_EQ(allocate_reference(problem).opening_of, result.opening_of);

  EXPECT_TRUE(allocate({}).opening_of.empty());
  EXPECT_EQ(allocate({3, {}, {}}).opening_of, (std::vector<int>{-1, -1, -1}));
  EXPECT_EQ(allocate_reference({3, {}, {}}).opening_of, (std::vector<int>{-1, -1, -1}));
}

TEST(place_allocation, stays_exact_with_large_utilities) {
  // Utilities around a billion still differ by one unit after scaling.
  const allocation_problem problem{
      2, {1, 1}, {{0, 0, 1e9 + 1}, {0, 1, 1e9}, {1, 0, 1e9}, {1, 1, 1.0}}};
  const allocation_result result = allocate(problem);
  EXPECT_EQ(result.opening_of, (std::vector<int>{1, 0}));
  EXPECT_EQ(allocate_reference(problem).opening_of, result.opening_of);
  // Astronomically large ones are rounded coarsely but never overflow.
  const allocation_problem huge{2, {1}, {{0, 0, 1e300}, {1, 0, 2e300}}};
  EXPECT_EQ(allocate(huge).opening_of, (std::vector<int>{-1, 0}));
  EXPECT_EQ(allocate_reference(huge).opening_of, (std::vector<int>{-1, 0}));
}

TEST(place_allocation, names_the_field_of_an_invalid_input) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double infinity = std::numeric_limits<double>::infinity();
  EXPECT_EQ(failing_field({-1, {}, {}}), "people");
  EXPECT_EQ(failing_field({1, {1, -2}, {}}), "places[1]");
  EXPECT_EQ(failing_field({1, {1}, {{0, 0, 0.5}, {1, 0, 0.5}}}), "options[1].person");
  EXPECT_EQ(failing_field({1, {1}, {{-1, 0, 0.5}}}), "options[0].person");
  EXPECT_EQ(failing_field({1, {1}, {{0, 1, 0.5}}}), "options[0].opening");
  EXPECT_EQ(failing_field({1, {1}, {{0, -1, 0.5}}}), "options[0].opening");
  EXPECT_EQ(failing_field({1, {1}, {{0, 0, nan}}}), "options[0].utility");
  EXPECT_EQ(failing_field({1, {1}, {{0, 0, infinity}}}), "options[0].utility");
  EXPECT_EQ(failing_field({1, {1}, {{0, 0, -0.1}}}), "options[0].utility");
  EXPECT_EQ(failing_field({2, {1, 1}, {{0, 0, 0.5}, {1, 0, 0.5}, {0, 1, 0.5}, {0, 0, 0.7}}}),
            "options[3]");
}

}  // namespace
}  // namespace pathways::testing
