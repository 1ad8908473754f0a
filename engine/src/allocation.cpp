// Fair allocation of scarce places as a min-cost flow: a fast incremental shortest-path solver,
// and the Boost.Graph successive-shortest-path reference it is tested against.
#include "pathways/allocation.hpp"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/successive_shortest_path_nonnegative_weights.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <utility>

#include <fmt/format.h>

#include "pathways/error.hpp"

namespace pathways {
namespace {

using cost_type = std::int64_t;

[[noreturn]] void invalid(const std::string& field, const std::string& why) {
  throw error(error_code::invalid_argument, fmt::format("{} {}", field, why), field);
}

void validate(const allocation_problem& problem) {
  if (problem.people < 0) invalid("people", "must not be negative");
  const int openings = static_cast<int>(problem.places.size());
  for (int o = 0; o < openings; ++o) {
    if (problem.places[o] < 0) invalid(fmt::format("places[{}]", o), "must not be negative");
  }
  std::vector<std::pair<int, int>> pairs;
  pairs.reserve(problem.options.size());
  for (std::size_t i = 0; i < problem.options.size(); ++i) {
    const allocation_option& option = problem.options[i];
    if (option.person < 0 || option.person >= problem.people) {
      invalid(fmt::format("options[{}].person", i),
              fmt::format("must be a person index from 0 to below {}", problem.people));
    }
    if (option.opening < 0 || option.opening >= openings) {
      invalid(fmt::format("options[{}].opening", i),
              fmt::format("must be an opening index from 0 to below {}", openings));
    }
    if (!std::isfinite(option.utility) || option.utility < 0) {
      invalid(fmt::format("options[{}].utility", i), "must be a finite number >= 0");
    }
    pairs.emplace_back(option.person, option.opening);
  }
  std::vector<std::size_t> order(pairs.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return pairs[a] != pairs[b] ? pairs[a] < pairs[b] : a < b;
  });
  for (std::size_t k = 1; k < order.size(); ++k) {
    if (pairs[order[k]] == pairs[order[k - 1]]) {
      invalid(fmt::format("options[{}]", order[k]),
              fmt::format("repeats the pair (person {}, opening {})", pairs[order[k]].first,
                          pairs[order[k]].second));
    }
  }
}

// The options worth considering, as integer costs: each kept option costs `unassigned - utility`
// (>= 0), leaving a person unassigned costs `unassigned`. Options with no places behind them or
// with a utility that rounds to 0 are dropped: they can never beat leaving the person unassigned.
struct cost_model {
  struct option {
    int opening;
    cost_type cost;
    double utility;
  };
  std::vector<int> first;       // per person, then one past the end: a range into `options`
  std::vector<option> options;  // grouped by person, each group sorted by opening
  cost_type unassigned = 0;     // M: the largest scaled utility
};

cost_model make_cost_model(const allocation_problem& problem) {
  const int people = problem.people;
  const int openings = static_cast<int>(problem.places.size());
  double largest = 0;
  for (const allocation_option& option : problem.options)
    largest = std::max(largest, option.utility);
  // Utilities in steps of 1e-6; coarser only when costs times path lengths could near 2^62.
  const double limit = std::ldexp(1.0, 60) / (static_cast<double>(people) + openings + 4);
  double scale = 1e6;
  if (largest * scale > limit) scale = limit / largest;

  cost_model model;
  std::vector<std::pair<int, int>> kept;  // (person, option index)
  std::vector<cost_type> scaled(problem.options.size(), 0);
  for (std::size_t i = 0; i < problem.options.size(); ++i) {
    const allocation_option& option = problem.options[i];
    scaled[i] = static_cast<cost_type>(std::llround(option.utility * scale));
    if (scaled[i] > 0 && problem.places[option.opening] > 0)
      kept.emplace_back(option.person, static_cast<int>(i));
    model.unassigned = std::max(model.unassigned, scaled[i]);
  }
  std::sort(kept.begin(), kept.end(), [&](const auto& a, const auto& b) {
    return a.first != b.first
               ? a.first < b.first
               : problem.options[a.second].opening < problem.options[b.second].opening;
  });
  model.first.assign(people + 1, 0);
  model.options.reserve(kept.size());
  for (const auto& [person, i] : kept) {
    ++model.first[person + 1];
    model.options.push_back(
        {problem.options[i].opening, model.unassigned - scaled[i], problem.options[i].utility});
  }
  for (int p = 0; p < people; ++p) model.first[p + 1] += model.first[p];
  return model;
}

allocation_result make_result(const cost_model& model, std::vector<int> chosen_option) {
  allocation_result result;
  result.opening_of.assign(chosen_option.size(), -1);
  for (std::size_t p = 0; p < chosen_option.size(); ++p) {
    if (chosen_option[p] < 0) continue;
    result.opening_of[p] = model.options[chosen_option[p]].opening;
    result.total_utility += model.options[chosen_option[p]].utility;
  }
  return result;
}

// Successive shortest paths, one new person at a time. The residual graph has the people placed
// so far, the openings and one sink; Johnson potentials keep every residual reduced cost >= 0, so
// each person needs one Dijkstra search, stopped as soon as the sink is settled (a free place, or
// someone leaving for "unassigned"). Only the vertices that search settled change potential.
//   person p -> opening o   cost(p, o)   unless p holds o
//   opening o -> person p   -cost(p, o)  when p holds o
//   opening o -> sink       0            while o has a free place
//   person p -> sink        M            ("left unassigned")
// A person who leaves for the sink is only reachable through the sink again, so never comes back.
class incremental_solver {
 public:
  incremental_solver(const allocation_problem& problem, const cost_model& model)
      : model_(model),
        people_(problem.people),
        openings_(static_cast<int>(problem.places.size())),
        sink_(people_ + openings_),
        places_(problem.places),
        holders_(openings_),
        chosen_(people_, -1),
        potential_(sink_ + 1, 0),
        distance_(sink_ + 1, unreached),
        from_(sink_ + 1, -1) {}

  std::vector<int> solve() {
    for (int p = 0; p < people_; ++p) place(p);
    return std::move(chosen_);
  }

 private:
  static constexpr cost_type unreached = std::numeric_limits<cost_type>::max();
  // (distance, rank): lowest distance first, then the sink (rank 0), then the lowest vertex
  // (rank vertex + 1). Settling the sink first among equals ends a search early on plateaus.
  using entry = std::pair<cost_type, int>;

  int opening_vertex(int opening) const { return people_ + opening; }
  int opening_held(int person) const {
    return chosen_[person] < 0 ? -1 : model_.options[chosen_[person]].opening;
  }

  // Nothing at or beyond the sink's distance can be settled before it: such entries are skipped.
  void relax(int vertex, cost_type distance, int from) {
    if (distance >= distance_[vertex] || distance >= distance_[sink_]) return;
    if (distance_[vertex] == unreached) touched_.push_back(vertex);
    distance_[vertex] = distance;
    from_[vertex] = from;
    queue_.emplace_back(distance, vertex == sink_ ? 0 : vertex + 1);
    std::push_heap(queue_.begin(), queue_.end(), std::greater<entry>());
  }

  // One Dijkstra search from `newcomer` to the sink, then the augmentation along its path.
  void place(int newcomer) {
    const cost_type m = model_.unassigned;
    const int begin = model_.first[newcomer];
    const int end = model_.first[newcomer + 1];
    // Any potential making the newcomer's out-edges' reduced costs >= 0 will do.
    cost_type start = potential_[sink_] - m;
    for (int k = begin; k < end; ++k) {
      const auto& option = model_.options[k];
      start = std::max(start, potential_[opening_vertex(option.opening)] - option.cost);
    }
    potential_[newcomer] = start;

    relax(newcomer, 0, -1);
    while (!queue_.empty()) {
      std::pop_heap(queue_.begin(), queue_.end(), std::greater<entry>());
      const auto [distance, rank] = queue_.back();
      queue_.pop_back();
      const int vertex = rank == 0 ? sink_ : rank - 1;
      if (distance != distance_[vertex]) continue;
      if (vertex == sink_) break;
      settled_.push_back(vertex);
      const cost_type here = distance + potential_[vertex];
      if (vertex < people_) {
        const int held = opening_held(vertex);
        for (int k = model_.first[vertex]; k < model_.first[vertex + 1]; ++k) {
          const auto& option = model_.options[k];
          if (option.opening == held) continue;
          const int to = opening_vertex(option.opening);
          relax(to, here + option.cost - potential_[to], vertex);
        }
        relax(sink_, here + m - potential_[sink_], vertex);
      } else {
        const int opening = vertex - people_;
        if (static_cast<int>(holders_[opening].size()) < places_[opening]) {
          relax(sink_, here - potential_[sink_], vertex);
        }
        for (int holder : holders_[opening]) {
          relax(holder, here - model_.options[chosen_[holder]].cost - potential_[holder], vertex);
        }
      }
    }
    const cost_type reached = distance_[sink_];

    // Walk back from the sink: each person on the path moves to the opening after it, the last
    // one to a free place or to "unassigned"; the newcomer starts the path.
    int person = from_[sink_];
    int option = -1;
    if (person >= people_) {
      const int opening = person - people_;
      person = from_[person];
      option = option_index(person, opening);
    }
    while (true) {
      if (person == newcomer) {
        move(person, option);
        break;
      }
      const int opening =
          from_[person] - people_;  // the opening it held, through which it was reached
      move(person, option);
      person = from_[opening_vertex(opening)];
      option = option_index(person, opening);
    }

    for (int vertex : settled_) potential_[vertex] += distance_[vertex] - reached;
    for (int vertex : touched_) distance_[vertex] = unreached;
    settled_.clear();
    touched_.clear();
    queue_.clear();
  }

  int option_index(int person, int opening) const {
    for (int k = model_.first[person]; k < model_.first[person + 1]; ++k) {
      if (model_.options[k].opening == opening) return k;
    }
    return -1;
  }

  // Gives `person` the option `option` (-1: unassigned), keeping the holder lists in step.
  void move(int person, int option) {
    const int left = opening_held(person);
    if (left >= 0) {
      auto& list = holders_[left];
      *std::find(list.begin(), list.end(), person) = list.back();
      list.pop_back();
    }
    chosen_[person] = option;
    if (option >= 0) holders_[model_.options[option].opening].push_back(person);
  }

  const cost_model& model_;
  int people_;
  int openings_;
  int sink_;
  const std::vector<int>& places_;
  std::vector<std::vector<int>> holders_;  // per opening: the people holding one of its places
  std::vector<int> chosen_;                // per person: index into model_.options, or -1
  std::vector<cost_type> potential_;
  std::vector<cost_type> distance_;
  std::vector<int> from_;  // per vertex: the vertex it was reached from in the current search
  std::vector<int> touched_;
  std::vector<int> settled_;
  std::vector<entry> queue_;  // a binary min-heap of entries
};

// The reference: the whole flow network in a Boost.Graph adjacency list, solved by
// boost::successive_shortest_path_nonnegative_weights. Only openings with a place and a kept
// option become vertices, so every vertex stays reachable while paths remain (Boost adds each
// search's distances to the potentials, and an unreachable vertex's "infinity" would overflow).
std::vector<int> solve_with_boost_graph(const allocation_problem& problem,
                                        const cost_model& model) {
  using traits = boost::adjacency_list_traits<boost::vecS, boost::vecS, boost::directedS>;
  using graph_type = boost::adjacency_list<
      boost::vecS, boost::vecS, boost::directedS, boost::no_property,
      boost::property<
          boost::edge_capacity_t, cost_type,
          boost::property<boost::edge_residual_capacity_t, cost_type,
                          boost::property<boost::edge_reverse_t, traits::edge_descriptor,
                                          boost::property<boost::edge_weight_t, cost_type>>>>>;
  using edge = graph_type::edge_descriptor;

  const int people = problem.people;
  const int openings = static_cast<int>(problem.places.size());
  graph_type graph(2 + people);
  const std::size_t source = 0;
  const std::size_t sink = 1;
  auto person_vertex = [](int person) { return static_cast<std::size_t>(2 + person); };
  std::vector<std::size_t> opening_vertex(openings, 0);  // 0: not in the graph

  auto capacity = boost::get(boost::edge_capacity, graph);
  auto reverse = boost::get(boost::edge_reverse, graph);
  auto weight = boost::get(boost::edge_weight, graph);
  auto add_arc = [&](std::size_t from, std::size_t to, cost_type arc_capacity, cost_type cost) {
    const edge forward = boost::add_edge(from, to, graph).first;
    const edge backward = boost::add_edge(to, from, graph).first;
    capacity[forward] = arc_capacity;
    capacity[backward] = 0;
    weight[forward] = cost;
    weight[backward] = -cost;
    reverse[forward] = backward;
    reverse[backward] = forward;
    return forward;
  };

  std::vector<std::pair<edge, int>> offered;  // (person -> opening arc, option index)
  offered.reserve(model.options.size());
  for (int p = 0; p < people; ++p) {
    add_arc(source, person_vertex(p), 1, 0);
    add_arc(person_vertex(p), sink, 1, model.unassigned);
    for (int k = model.first[p]; k < model.first[p + 1]; ++k) {
      const int opening = model.options[k].opening;
      if (opening_vertex[opening] == 0) {
        opening_vertex[opening] = boost::add_vertex(graph);
        add_arc(opening_vertex[opening], sink, problem.places[opening], 0);
      }
      offered.emplace_back(
          add_arc(person_vertex(p), opening_vertex[opening], 1, model.options[k].cost), k);
    }
  }

  boost::successive_shortest_path_nonnegative_weights(graph, source, sink);

  auto residual = boost::get(boost::edge_residual_capacity, graph);
  std::vector<int> chosen(people, -1);
  for (const auto& [arc, k] : offered) {
    if (capacity[arc] - residual[arc] > 0) chosen[boost::source(arc, graph) - 2] = k;
  }
  return chosen;
}

}  // namespace

allocation_result allocate(const allocation_problem& problem) {
  validate(problem);
  const cost_model model = make_cost_model(problem);
  return make_result(model, incremental_solver(problem, model).solve());
}

allocation_result allocate_reference(const allocation_problem& problem) {
  validate(problem);
  const cost_model model = make_cost_model(problem);
  return make_result(model, solve_with_boost_graph(problem, model));
}

}  // namespace pathways
