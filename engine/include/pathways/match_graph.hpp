// The matching graph (Boost.Graph): strengths taxonomy terms with related-term links, domains,
// agencies, opportunities and people, joined by weighted edges. Updated one record at a time;
// not thread-safe by itself (the matching service guards it with a reader-writer lock).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "pathways/model.hpp"
#include "pathways/taxonomy.hpp"

namespace pathways {

// What a graph walk from a vertex reaches: the neighbour's slot and the edge's weight.
struct weighted_slot {
  std::uint32_t slot;
  float weight;
};

// What the hard constraints read of an opening, kept flat for the match loop.
struct opening_gate {
  double lat = 0;
  double lon = 0;
  bool located = false;          // has a location and is not remote
  bool remote = false;
  bool open = false;
  bool has_places = false;
  std::int32_t closing = 99991231;  // closing date as yyyymmdd; none: the far future
  double hours = -1;             // hours a week; negative: not given
  std::int16_t min_age = -1;     // negative: no limit
  std::int16_t max_age = -1;
  std::uint32_t adjustments = 0; // bit n: adjustment n offered
  bool has_schedule = false;
};

// Bit n set for each adjustment n of the list.
std::uint32_t adjustment_mask(const std::vector<adjustment>& list);

class match_graph {
 public:
  explicit match_graph(const taxonomy& terms);
  ~match_graph();
  match_graph(const match_graph&) = delete;
  match_graph& operator=(const match_graph&) = delete;

  // Adds or replaces a record and its edges; the rest of the graph is untouched.
  void upsert(const opportunity& o);
  void upsert(const person& p);

  // Slots are dense indexes, stable for the life of the graph.
  std::optional<std::uint32_t> opportunity_slot(const std::string& id) const;
  std::optional<std::uint32_t> person_slot(const std::string& id) const;
  std::optional<std::uint32_t> term_slot(const std::string& term) const;
  const opportunity& opportunity_at(std::uint32_t slot) const;
  const person& person_at(std::uint32_t slot) const;
  const std::string& term_at(std::uint32_t slot) const;
  std::size_t opportunity_count() const;
  std::size_t person_count() const;

  // Terms related to a term (weight 1), opportunities valuing a term (the opening's weight),
  // people with a term as a strength (level / 5) or an interest (0 weight marks an interest),
  // opportunities of a domain.
  void related_terms(std::uint32_t term, std::vector<weighted_slot>& out) const;
  void opportunities_valuing(std::uint32_t term, std::vector<weighted_slot>& out) const;
  void people_with(std::uint32_t term, std::vector<weighted_slot>& out) const;
  void opportunities_in(domain area, std::vector<std::uint32_t>& out) const;

  // Flat copies for the match loop: the sum of an opening's strength weights, and its domain.
  float weight_total(std::uint32_t slot) const { return weight_totals_[slot]; }
  domain area_of(std::uint32_t slot) const { return areas_[slot]; }
  const opening_gate& gate_of(std::uint32_t slot) const { return gates_[slot]; }
  // The terms related to a term, from the taxonomy (fixed for the graph's life).
  const std::vector<std::uint32_t>& related_to(std::uint32_t term) const { return related_[term]; }

  // Visits the opportunities valuing `term` without copying: fn(slot, weight).
  template <class F>
  void for_each_opportunity_valuing(std::uint32_t term, F&& fn) const {
    const auto& list = postings_[term];
    for (const auto& p : list) fn(p.slot, p.weight);
  }

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
  // Per term: the opportunities valuing it, mirrored from the graph's edges into a flat array
  // for the match loop's hot path.
  std::vector<std::vector<weighted_slot>> postings_;
  std::vector<float> weight_totals_;
  std::vector<domain> areas_;
  std::vector<opening_gate> gates_;
  std::vector<std::vector<std::uint32_t>> related_;
  void add_posting(std::uint32_t term, std::uint32_t slot, float weight);
  void remove_posting(std::uint32_t term, std::uint32_t slot);
};

}  // namespace pathways
