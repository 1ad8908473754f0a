// Fair allocation of scarce places: give each person at most one opening, no opening more people
// than its places, so that the summed utility of the chosen options is as large as possible.
#pragma once

#include <vector>

namespace pathways {

// One possible assignment: person `person` (0..people-1) to opening `opening`
// (0..places.size()-1), worth `utility` (finite, >= 0; 0 is allowed but never beats leaving the
// person unassigned).
struct allocation_option {
  int person;
  int opening;
  double utility;
};

// The people, the places left per opening, and the options between them. People with no option
// and openings with no places are allowed; they simply stay unassigned / unused.
struct allocation_problem {
  int people = 0;
  std::vector<int> places;                 // places left per opening (>= 0)
  std::vector<allocation_option> options;  // at most one per (person, opening) pair
};

struct allocation_result {
  std::vector<int> opening_of;  // per person: the opening index, or -1 when left unassigned
  double total_utility = 0;     // the sum of the chosen options' utilities, in person order
};

// Each person gets at most one opening, no opening more people than its places, and the sum of
// utilities of the chosen options is maximal. Utilities are compared after rounding to integer
// multiples of 1e-6 (coarser only if a utility exceeds ~1e6 on a huge problem, to stay within
// 64-bit costs), so "maximal" is exact up to that rounding.
//
// Deterministic: the same problem always gives the same assignment (no randomness, no hashing,
// no threads). People are placed in index order, and an exact tie goes to the first way found by
// a search that settles lower person and opening indices first; in particular a later person
// never pushes an earlier one out (unassigned) for an equal total. Which of several equally good
// assignments that yields is a property of this algorithm, not a canonical optimum:
// allocate_reference() may return another assignment with the same total utility.
//
// Method: min-cost flow by successive shortest paths, one person at a time, each an early-stopping
// Dijkstra search on reduced costs (Johnson potentials) from the new person to the nearest free
// place or to someone leaving for "unassigned". Exact on the integer costs. On the benchmark case
// (2,000 people, 500 openings x 3 places, 20 options each) it takes ~40 ms; utilities on a coarse
// scale (many exact ties) make searches longer, ~80 ms on the same shape.
//
// Throws pathways::error(error_code::invalid_argument) naming the field for a negative `people`
// or place count, a person or opening index out of range, a non-finite or negative utility, or
// a second option for the same (person, opening) pair. Pure and thread-safe: no shared state.
allocation_result allocate(const allocation_problem& problem);

// The slow reference for tests and benchmarks: the same problem as the min-cost flow
// source -> person (cap 1, cost 0), person -> opening (cap 1, cost M - utility), person -> sink
// (cap 1, cost M, "left unassigned"), opening -> sink (cap places, cost 0), solved with
// boost::successive_shortest_path_nonnegative_weights. Same validation, same rounding and the
// same optimal total utility as allocate(); among equally good assignments it may pick another.
// About 25x slower than allocate() on the benchmark case (~1 s): not for production paths.
allocation_result allocate_reference(const allocation_problem& problem);

}  // namespace pathways
