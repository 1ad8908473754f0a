// The matching graph's posting lists (an opening valuing a term, per term and domain) in one pool
// on huge pages: each list is a run of the pool with room to grow, and its head keeps where it is
// and its largest share, so a list can be judged before it is read.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "pathways/geo.hpp"
#include "pathways/huge_page_allocator.hpp"

namespace pathways {

// An opening valuing a term, as the match loop reads it from the term's list for the opening's
// domain: enough to rule the opening out, or bound its score, without touching the opening
// itself (16 bytes, read in order).
struct term_posting {
  static constexpr std::uint8_t available = 1;  // open with places left
  static constexpr std::uint8_t located = 2;    // has a place and is not remote
  static constexpr std::uint8_t remote = 4;
  static constexpr std::uint8_t hours_known = 8;  // hours a week given: see half_hours
  std::uint32_t slot;
  // The term's weight over the opening's total, in 1/65535ths rounded up: at least its share
  // of the strengths part.
  std::uint16_t share;
  packed_place place;         // when located
  std::uint16_t adjustments;  // bit n: adjustment n offered
  std::uint8_t flags;         // the constants above
  std::uint8_t half_hours;    // hours a week, doubled and rounded down (255: 127.5 or more)
  // (A product, not a quotient: the match loop reads this for every posting. The share is
  // rounded up when stored, and the loop's bounds allow 1e-5 of slack for the last bit.)
  double share_at_most() const { return share * (1.0 / 65535.0); }
  // The opening's hours a week lie in [hours_at_least(), hours_below()).
  double hours_at_least() const { return half_hours / 2.0; }
  double hours_below() const { return half_hours == 255 ? 1e9 : (half_hours + 1) / 2.0; }
};

// A list that outgrows its room moves to the end of the pool with half as much again; when more
// than a third of the pool is left behind this way, the pool is rewritten in list order (a
// term's lists side by side).
class posting_pool {
 public:
  explicit posting_pool(std::size_t list_count) : heads_(list_count) {}

  std::span<const term_posting> list(std::size_t i) const {
    return {pool_.data() + heads_[i].offset, heads_[i].size};
  }
  // The largest share in list i (as share_at_most): no posting in it can bound higher.
  double top_share(std::size_t i) const { return heads_[i].top_share * (1.0 / 65535.0); }
  void add(std::size_t i, const term_posting& p);
  // Removes the slot's posting from list i, if there.
  void remove(std::size_t i, std::uint32_t slot);

  // Hints that lists first .. first + count - 1 will soon be read (their heads), or list i (its
  // first lines): scattered reads that would otherwise wait on memory one at a time.
  void prefetch_heads(std::size_t first, std::size_t count) const {
    const char* at = reinterpret_cast<const char*>(&heads_[first]);
    for (std::size_t offset = 0; offset < count * sizeof(head); offset += 64)
      __builtin_prefetch(at + offset);
  }
  void prefetch_list(std::size_t i) const {
    const char* at = reinterpret_cast<const char*>(pool_.data() + heads_[i].offset);
    const std::size_t bytes = std::min<std::size_t>(heads_[i].size * sizeof(term_posting), 512);
    for (std::size_t offset = 0; offset < bytes; offset += 64) __builtin_prefetch(at + offset);
  }

 private:
  struct head {
    std::uint32_t offset = 0;
    std::uint32_t size = 0;
    std::uint32_t capacity = 0;
    std::uint16_t top_share = 0;  // the largest in the list
  };
  std::vector<head> heads_;
  std::vector<term_posting, huge_page_allocator<term_posting>> pool_;
  std::size_t left_behind_ = 0;  // pool entries no list owns
  void compact();
};

}  // namespace pathways
