// The matching graph (Boost.Graph): strengths taxonomy terms with related-term links, domains,
// agencies, opportunities and people, joined by weighted edges; an opening's edges to the terms
// it values are kept as flat per-term posting lists. It holds what matching reads of an opening,
// not the opening itself. Updated one record at a time; not thread-safe by itself (the matching
// service guards it with a reader-writer lock).
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "pathways/geo.hpp"
#include "pathways/huge_page_allocator.hpp"
#include "pathways/model.hpp"
#include "pathways/posting_pool.hpp"
#include "pathways/taxonomy.hpp"

namespace pathways {

// What a graph walk from a vertex reaches: the neighbour's slot and the edge's weight.
struct weighted_slot {
  std::uint32_t slot;
  float weight;
};

// What the hard constraints read of an opening, kept flat for the match loop, with its domain
// and revision (read with it for each result).
struct opening_gate {
  double lat = 0;
  double lon = 0;
  bool located = false;  // has a location and is not remote
  bool remote = false;
  bool open = false;
  bool has_schedule = false;
  domain area = domain::work;
  std::int32_t places_available = 0;
  std::int32_t closing = 99991231;  // closing date as yyyymmdd; none: the far future
  double hours = -1;                // hours a week; negative: not given
  std::int16_t min_age = -1;        // negative: no limit
  std::int16_t max_age = -1;
  std::uint32_t adjustments = 0;  // bit n: adjustment n offered
  std::uint64_t revision = 0;     // see revision_of
};

// One valued strength of an opening: a term slot and the opening's weight for it.
struct term_weight {
  std::uint32_t term;
  float weight;
};

// An opening's valued strengths as the match loop reads them: one cache line with the total
// weight and the first eight (term, weight) pairs; any more wait in an overflow pool.
struct alignas(64) opening_strengths {
  static constexpr std::size_t inline_count = 8;
  float total_weight = 0;
  std::uint32_t overflow = 0;           // where the terms after the first eight start in the pool
  std::uint16_t count = 0;              // up to 50 (validation)
  std::uint16_t overflow_capacity = 0;  // room at `overflow`
  std::array<std::uint16_t, inline_count> terms{};  // term slots (a taxonomy of at most 65,536)
  std::array<float, inline_count> weights{};
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
  const std::string& opening_id(std::uint32_t slot) const { return opening_ids_[slot]; }
  // The opening's times (empty when not given).
  const std::vector<time_slot>& schedule_of(std::uint32_t slot) const;
  const person& person_at(std::uint32_t slot) const;
  const std::string& term_at(std::uint32_t slot) const;
  // The term's label as it reads inside a sentence (first letter in lower case).
  const std::string& term_words(std::uint32_t slot) const;
  std::size_t opportunity_count() const;
  std::size_t person_count() const;
  std::size_t term_count() const { return related_from_.size() - 1; }

  // Terms related to a term (weight 1), people with a term as a strength (level / 5) or an
  // interest (0 weight marks an interest), opportunities of a domain. (Opportunities valuing a
  // term: postings_of, below.)
  void related_terms(std::uint32_t term, std::vector<weighted_slot>& out) const;
  void people_with(std::uint32_t term, std::vector<weighted_slot>& out) const;
  void opportunities_in(domain area, std::vector<std::uint32_t>& out) const;

  // Flat copies for the match loop: the sum of an opening's strength weights, its domain, its
  // valued strengths in the order given (known terms only), and the postings of a term.
  float weight_total(std::uint32_t slot) const { return strengths_[slot].total_weight; }
  domain area_of(std::uint32_t slot) const { return gates_[slot].area; }
  // Changes each time the opening is saved (unique across the graph): for caching what is built
  // from an opening.
  std::uint64_t revision_of(std::uint32_t slot) const { return gates_[slot].revision; }
  const opening_gate& gate_of(std::uint32_t slot) const { return gates_[slot]; }
  // Visits an opening's valued strengths in the order given: fn(term slot, weight).
  template <class F>
  void for_each_valued(std::uint32_t slot, F&& fn) const {
    const opening_strengths& s = strengths_[slot];
    const std::size_t first = std::min<std::size_t>(s.count, opening_strengths::inline_count);
    for (std::size_t i = 0; i < first; ++i) fn(std::uint32_t{s.terms[i]}, s.weights[i]);
    for (std::size_t i = first; i < s.count; ++i) {
      const term_weight& t = overflow_[s.overflow + i - first];
      fn(t.term, t.weight);
    }
  }
  std::span<const term_posting> postings_of(std::uint32_t term, domain area) const {
    return postings_.list(posting_list(term, area));
  }
  // The largest share in a posting list (as share_at_most): no posting in it can bound higher.
  double top_share_of(std::uint32_t term, domain area) const {
    return postings_.top_share(posting_list(term, area));
  }
  // Hints that the match loop will soon read a posting list (its first lines), where a term's
  // lists are (for every domain) or an opening's strengths and gate: the lists are short and the
  // openings scattered, so the reads that follow would otherwise wait on memory one at a time.
  void prefetch_postings(std::uint32_t term, domain area) const {
    postings_.prefetch_list(posting_list(term, area));
  }
  void prefetch_posting_heads(std::uint32_t term) const {
    postings_.prefetch_heads(posting_list(term, domain{}), vocabulary<domain>::names.size());
  }
  // Hints that a result will soon be written for the opening: its id and revision, then (once the
  // id has arrived) the id's text.
  void prefetch_opening_id(std::uint32_t slot) const {
    __builtin_prefetch(&opening_ids_[slot]);
    __builtin_prefetch(&gates_[slot].revision);
  }
  void prefetch_opening_id_text(std::uint32_t slot) const {
    __builtin_prefetch(opening_ids_[slot].data());
  }
  void prefetch_opening(std::uint32_t slot) const {
    __builtin_prefetch(&strengths_[slot]);
    const char* gate = reinterpret_cast<const char*>(&gates_[slot]);
    __builtin_prefetch(gate);
    __builtin_prefetch(gate + sizeof(opening_gate) - 1);  // a gate may cross two lines
  }
  // The terms related to a term, from the taxonomy (fixed for the graph's life).
  std::span<const std::uint32_t> related_to(std::uint32_t term) const {
    return {related_.data() + related_from_[term], related_from_[term + 1] - related_from_[term]};
  }

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
  // Per term and domain: the opportunities of the domain valuing the term.
  posting_pool postings_;
  static std::size_t posting_list(std::uint32_t term, domain area) {
    return term * vocabulary<domain>::names.size() + static_cast<std::size_t>(area);
  }
  std::vector<std::string> opening_ids_;
  std::uint64_t last_revision_ = 0;
  std::vector<opening_gate, huge_page_allocator<opening_gate>> gates_;
  // The terms related to each term, side by side: term t's are related_[related_from_[t]] up to
  // related_[related_from_[t + 1]].
  std::vector<std::uint32_t> related_from_;
  std::vector<std::uint32_t> related_;
  // Each opening's valued strengths: the first eight inline, the rest in one pool. An update
  // that needs more room moves them to the end of the pool, which is compacted when more than
  // half of it is left behind this way.
  std::vector<opening_strengths, huge_page_allocator<opening_strengths>> strengths_;
  std::vector<term_weight> overflow_;
  std::size_t overflow_unused_ = 0;
  void set_strengths(std::uint32_t slot, const std::vector<term_weight>& terms, float total);
};

}  // namespace pathways
