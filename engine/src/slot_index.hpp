// A hash index from string ids to dense slots that keeps no copy of the ids: its table holds
// slots and compares against the caller's list of ids (open addressing, at most half full).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pathways {

class slot_index {
 public:
  // The slot whose id in `ids` is `id`, if it was added.
  std::optional<std::uint32_t> find(std::string_view id,
                                    const std::vector<std::string>& ids) const {
    if (table_.empty()) return std::nullopt;
    for (std::size_t at = home(id);; at = (at + 1) & (table_.size() - 1)) {
      const std::uint32_t slot = table_[at];
      if (slot == empty) return std::nullopt;
      if (ids[slot] == id) return slot;
    }
  }
  // Adds ids[slot], which must not be in the index yet.
  void add(std::uint32_t slot, const std::vector<std::string>& ids) {
    if ((count_ + 1) * 2 > table_.size()) grow(ids);
    place(slot, ids);
    ++count_;
  }

 private:
  static constexpr std::uint32_t empty = UINT32_MAX;
  std::vector<std::uint32_t> table_;  // a power of two long
  std::size_t count_ = 0;

  std::size_t home(std::string_view id) const {
    return std::hash<std::string_view>{}(id) & (table_.size() - 1);
  }
  void place(std::uint32_t slot, const std::vector<std::string>& ids) {
    std::size_t at = home(ids[slot]);
    while (table_[at] != empty) at = (at + 1) & (table_.size() - 1);
    table_[at] = slot;
  }
  void grow(const std::vector<std::string>& ids) {
    const std::vector<std::uint32_t> old = std::move(table_);
    table_.assign(std::max<std::size_t>(16, old.size() * 2), empty);
    for (std::uint32_t slot : old)
      if (slot != empty) place(slot, ids);
  }
};

}  // namespace pathways
