// Posting lists in one pool: growth by moving a list to the end, rewriting the pool when a third
// of it is left behind.
#include "pathways/posting_pool.hpp"

namespace pathways {

void posting_pool::add(std::size_t i, const term_posting& p) {
  head& h = heads_[i];
  if (h.size == h.capacity) {
    const std::uint32_t room = std::max<std::uint32_t>(4, h.capacity + h.capacity / 2);
    if (h.offset + h.capacity == pool_.size() && h.capacity > 0) {  // the last list: grows in place
      pool_.resize(h.offset + room);
    } else {
      const auto offset = static_cast<std::uint32_t>(pool_.size());
      pool_.resize(pool_.size() + room);
      std::copy_n(pool_.begin() + h.offset, h.size, pool_.begin() + offset);
      left_behind_ += h.capacity;
      h.offset = offset;
    }
    h.capacity = room;
  }
  pool_[h.offset + h.size++] = p;
  h.top_share = std::max(h.top_share, p.share);
  if (left_behind_ * 3 > pool_.size()) compact();
}

void posting_pool::remove(std::size_t i, std::uint32_t slot) {
  head& h = heads_[i];
  term_posting* first = pool_.data() + h.offset;
  term_posting* last = first + h.size;
  term_posting* at =
      std::find_if(first, last, [&](const term_posting& p) { return p.slot == slot; });
  if (at == last) return;
  const std::uint16_t share = at->share;
  *at = *(last - 1);
  --h.size;
  if (share < h.top_share) return;
  std::uint16_t top = 0;  // the largest left
  for (const term_posting& p : list(i)) top = std::max(top, p.share);
  h.top_share = top;
}

void posting_pool::compact() {
  // Each list keeps an eighth more room than it uses, so the next few additions stay in place.
  auto room_for = [](std::uint32_t size) { return size + size / 8; };
  std::size_t total = 0;
  for (const head& h : heads_) total += room_for(h.size);
  std::vector<term_posting, huge_page_allocator<term_posting>> compacted(total);
  std::uint32_t next = 0;
  for (head& h : heads_) {
    std::copy_n(pool_.begin() + h.offset, h.size, compacted.begin() + next);
    h.offset = next;
    h.capacity = room_for(h.size);
    next += h.capacity;
  }
  pool_ = std::move(compacted);
  left_behind_ = 0;
}

}  // namespace pathways
