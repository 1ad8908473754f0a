// The working state of one ranking: the person's factor per term, the openings already met and
// the best kept so far (the first two per thread, reused across rankings).
#pragma once

#include <algorithm>
#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

#include "match_reasons.hpp"
#include "pathways/match_graph.hpp"
#include "pathways/match_scoring.hpp"

namespace pathways {

// This thread's factor per term for one person (0: not reached), cleared again when done, so a
// match costs what the person reaches, not the size of the taxonomy. One per thread at a time.
class factor_table {
 public:
  factor_table(std::size_t term_count, const reached_list& reached) : reached_(reached) {
    auto& factors = storage();
    if (factors.size() < term_count) factors.resize(term_count, 0.0f);
    for (const reach& r : reached) factors[r.term] = r.factor;
  }
  ~factor_table() {
    for (const reach& r : reached_) storage()[r.term] = 0.0f;
  }
  factor_table(const factor_table&) = delete;
  factor_table& operator=(const factor_table&) = delete;

  // The strengths part (0..1) of an opening: its valued terms in its own order, each weight
  // times the person's factor for the term.
  double strengths_part(const match_graph& g, std::uint32_t slot) const {
    const auto& factors = storage();
    float sum = 0;
    g.for_each_valued(slot,
                      [&](std::uint32_t term, float weight) { sum += weight * factors[term]; });
    return scoring::strengths_value(sum, g.weight_total(slot));
  }

 private:
  static std::vector<float>& storage() {
    thread_local std::vector<float> factors;
    return factors;
  }
  const reached_list& reached_;
};

// This thread's set of openings already met in one ranking, emptied at the start of each.
class seen_openings {
 public:
  explicit seen_openings(std::size_t count) {
    auto& words = storage();
    words.assign((count + 63) / 64, 0);
    words_ = words.data();  // held apart from the vector, so the loop need not reload it
  }
  // True when the slot was met before; marks it met.
  bool check_and_mark(std::uint32_t slot) {
    std::uint64_t& word = words_[slot / 64];
    const std::uint64_t bit = std::uint64_t{1} << (slot % 64);
    const bool met = (word & bit) != 0;
    word |= bit;
    return met;
  }

 private:
  static std::vector<std::uint64_t>& storage() {
    thread_local std::vector<std::uint64_t> words;
    return words;
  }
  std::uint64_t* words_ = nullptr;
};

// A bounded list of the best (score, slot) pairs, ties broken by slot for determinism.
class best_of {
 public:
  explicit best_of(std::size_t k) : k_(k) {}
  // The score to beat to be kept: none while there is room; nothing is kept when k is 0.
  double threshold() const {
    if (k_ == 0) return std::numeric_limits<double>::infinity();
    return items_.size() < k_ ? -1.0 : items_.front().first;
  }
  void offer(double score, std::uint32_t slot) {
    if (k_ == 0) return;
    if (items_.size() < k_) {
      items_.emplace_back(score, slot);
      std::push_heap(items_.begin(), items_.end(), worse);
    } else if (worse({score, slot}, items_.front())) {
      std::pop_heap(items_.begin(), items_.end(), worse);
      items_.back() = {score, slot};
      std::push_heap(items_.begin(), items_.end(), worse);
    }
  }
  // Best first.
  std::vector<std::pair<double, std::uint32_t>> sorted() {
    std::sort_heap(items_.begin(), items_.end(), worse);
    return items_;
  }

 private:
  // a ranks before b: higher score, then lower slot. The heap's front is the worst kept.
  static bool worse(const std::pair<double, std::uint32_t>& a,
                    const std::pair<double, std::uint32_t>& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  }
  std::size_t k_;
  std::vector<std::pair<double, std::uint32_t>> items_;
};

}  // namespace pathways
