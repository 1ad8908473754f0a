// What a person's strengths reach in the matching graph (each term once, at its best factor),
// and the reasons, in the person's own words, that an opening fits them.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "pathways/match_graph.hpp"
#include "pathways/matching.hpp"
#include "pathways/model.hpp"
#include "pathways/taxonomy.hpp"

namespace pathways {

// How strongly, and how, a person reaches a term.
struct reach {
  std::uint32_t term = 0;
  float factor = 0;
  enum class via : std::uint8_t { strength, related, interest } how = via::strength;
  std::uint32_t from_term = 0;  // for related: the person's own strength that leads here
};
// The terms a person reaches, each once at its best factor, highest factor first (then by slot).
using reached_list = std::vector<reach>;

reached_list reached_terms(const match_graph& g, const person& p);
// The person's reach of a term, or nullptr.
const reach* find_reach(const reached_list& reached, std::uint32_t term);

// The distance from home to an opening the graph knows, when both places are known and the
// opening is not remote (as scoring::distance_from_home).
std::optional<double> distance_from_home(const person& p, const opening_gate& g);

// Writes reasons a coordinator can read out, citing only what exists for one person and each
// opening; what is the same for every opening (their travel, preferred hours, adjustments and
// goal per domain) is worded once.
class reason_writer {
 public:
  reason_writer(const match_graph& g, const person& p, const reached_list& reached);
  // The reasons for the opening in `slot` (its valued terms in the order given, as slots: no
  // lookup by name), `km` from home when known (as distance_from_home).
  std::vector<match_reason> reasons(std::uint32_t slot, std::optional<double> km) const;

 private:
  const match_graph& g_;
  const person& p_;
  const reached_list& reached_;
  std::string within_travel_;    // ", within your 10 km", or empty
  std::string hours_preferred_;  // "10 to 16 hours you prefer", or empty
  std::string adjustments_;      // "Offers what you need: ...", or empty
  // Per domain: their first active goal there, quoted, or empty.
  std::array<std::string, vocabulary<domain>::names.size()> goal_text_;
};

}  // namespace pathways
