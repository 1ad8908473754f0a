// How fast scarce places are allocated: allocate() beside the Boost.Graph reference on a seeded
// 2,000-person, 500-opening x 3-place case where each person has their top-20 candidates.
// Run: build/release/bench/allocation_bench --benchmark_repetitions=5
// --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "pathways/allocation.hpp"

namespace {

using namespace pathways;

constexpr int people = 2000;
constexpr int openings = 500;
constexpr int places_each = 3;
constexpr int candidates = 20;

// Openings are picked Zipf-style (weight 1/rank), so a few are wanted by hundreds of people while
// 1,500 places serve 2,000 people; an opening's appeal also lifts everyone's utility for it.
allocation_problem make_problem() {
  std::mt19937_64 random(2024);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::vector<double> weight(openings);
  std::vector<double> appeal(openings);
  for (int o = 0; o < openings; ++o) {
    weight[o] = 1.0 / (o + 1);
    appeal[o] = 1.0 - 0.8 * o / openings;
  }
  std::shuffle(weight.begin(), weight.end(), random);  // popularity unrelated to index

  allocation_problem problem;
  problem.people = people;
  problem.places.assign(openings, places_each);
  for (int p = 0; p < people; ++p) {
    // Weighted sampling without replacement: the 20 smallest -log(u)/weight keys.
    std::vector<std::pair<double, int>> keys(openings);
    for (int o = 0; o < openings; ++o) keys[o] = {-std::log(1.0 - unit(random)) / weight[o], o};
    std::partial_sort(keys.begin(), keys.begin() + candidates, keys.end());
    for (int k = 0; k < candidates; ++k) {
      const int o = keys[k].second;
      const double fit = 1.0 - unit(random);  // (0, 1]
      problem.options.push_back({p, o, 0.4 * appeal[o] + 0.6 * fit});
    }
  }
  return problem;
}

const allocation_problem& problem() {
  static const allocation_problem built = make_problem();
  return built;
}

const allocation_result& reference_result() {
  static const allocation_result solved = allocate_reference(problem());
  return solved;
}

void report(benchmark::State& state, const allocation_result& result) {
  state.counters["total_utility"] = result.total_utility;
  state.counters["assigned"] = static_cast<double>(std::count_if(
      result.opening_of.begin(), result.opening_of.end(), [](int o) { return o >= 0; }));
  state.counters["utility_ratio"] = result.total_utility / reference_result().total_utility;
}

void allocate_fast(benchmark::State& state) {
  allocation_result result;
  for (auto _ : state) {
    result = allocate(problem());
    benchmark::DoNotOptimize(result);
  }
  report(state, result);
}

void allocate_boost_graph_reference(benchmark::State& state) {
  allocation_result result;
  for (auto _ : state) {
    result = allocate_reference(problem());
    benchmark::DoNotOptimize(result);
  }
  report(state, result);
}

BENCHMARK(allocate_fast)->Unit(benchmark::kMillisecond);
BENCHMARK(allocate_boost_graph_reference)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
