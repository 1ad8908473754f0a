// The posting pool against a plain list per term: the same postings and the same largest shares
// after many additions and removals, through moves and rewrites of the pool.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <vector>

#include "pathways/posting_pool.hpp"

namespace pathways::testing {
namespace {

std::vector<std::pair<std::uint32_t, std::uint16_t>> contents(std::span<const term_posting> list) {
  std::vector<std::pair<std::uint32_t, std::uint16_t>> out;
  for (const term_posting& p : list) out.emplace_back(p.slot, p.share);
  std::sort(out.begin(), out.end());
  return out;
}

TEST(posting_pool, keeps_every_list_as_a_plain_list_would) {
  constexpr std::size_t list_count = 50;
  posting_pool pool(list_count);
  std::vector<std::vector<std::pair<std::uint32_t, std::uint16_t>>> expected(list_count);
  std::mt19937 random(3);
  std::uint32_t next_slot = 0;
  for (int step = 0; step < 40000; ++step) {
    const std::size_t i = random() % list_count;
    auto& want = expected[i];
    if (!want.empty() && random() % 3 == 0) {  // remove one
      const std::size_t at = random() % want.size();
      pool.remove(i, want[at].first);
      want.erase(want.begin() + static_cast<std::ptrdiff_t>(at));
    } else {
      const auto share = static_cast<std::uint16_t>(random() % 65536);
      pool.add(i, {next_slot, share, {}, 0, 0, 0});
      want.emplace_back(next_slot++, share);
    }
    if (step % 997 == 0 || step == 39999)
      for (std::size_t l = 0; l < list_count; ++l) {
        auto sorted = expected[l];
        std::sort(sorted.begin(), sorted.end());
        ASSERT_EQ(contents(pool.list(l)), sorted) << "list " << l << " at step " << step;
        std::uint16_t top = 0;
        for (const auto& [slot, share] : sorted) top = std::max(top, share);
        ASSERT_DOUBLE_EQ(pool.top_share(l), top / 65535.0) << "list " << l;
      }
  }
}

TEST(posting_pool, removing_what_a_list_does_not_hold_changes_nothing) {
  posting_pool pool(2);
  pool.add(0, {7, 100, {}, 0, 0, 0});
  pool.remove(0, 8);
  pool.remove(1, 7);
  ASSERT_EQ(pool.list(0).size(), 1u);
  EXPECT_EQ(pool.list(0)[0].slot, 7u);
  EXPECT_TRUE(pool.list(1).empty());
}

}  // namespace
}  // namespace pathways::testing
