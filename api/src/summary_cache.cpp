// Opening summaries serialized once per revision.
#include "summary_cache.hpp"

#include <mutex>

#include "json_mapping.hpp"

namespace pathways::api {

void summary_cache::append(std::string& out, const opportunity& o, std::uint64_t revision) {
  {
    std::shared_lock lock(mutex_);
    const auto it = by_id_.find(o.id);
    if (it != by_id_.end() && it->second.first == revision) {
      out += it->second.second;
      return;
    }
  }
  std::string text = summary_json(o).dump();
  out += text;
  constexpr std::size_t most_kept = 200000;  // openings; beyond it, start again
  std::unique_lock lock(mutex_);
  if (by_id_.size() >= most_kept) by_id_.clear();
  by_id_.insert_or_assign(o.id, std::pair{revision, std::move(text)});
}

}  // namespace pathways::api
