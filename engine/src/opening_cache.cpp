// Openings read from the store for match results, kept by revision (least recently used first
// out).
#include "pathways/opening_cache.hpp"

#include "store/opportunity_rows.hpp"

namespace pathways {

opening_cache::opening_cache(database& db, std::size_t capacity)
    : db_(db), capacity_(std::max<std::size_t>(1, capacity)) {}

std::vector<std::shared_ptr<const opportunity>> opening_cache::get(
    const std::vector<std::pair<std::string, std::uint64_t>>& wanted) {
  std::vector<std::shared_ptr<const opportunity>> out(wanted.size());
  std::vector<std::size_t> missing;
  {
    std::lock_guard lock(mutex_);
    for (std::size_t i = 0; i < wanted.size(); ++i) {
      const auto found = kept_.find(wanted[i].first);
      if (found == kept_.end() || found->second.revision < wanted[i].second) {
        missing.push_back(i);
        continue;
      }
      recently_used_.splice(recently_used_.begin(), recently_used_, found->second.used);
      out[i] = found->second.opening;
    }
  }
  if (missing.empty()) return out;
  {
    auto conn = db_.connect();
    transaction tx(*conn, transaction::kind::read);
    for (std::size_t i : missing) {
      auto o = store::find_opportunity(*conn, wanted[i].first);
      if (!o) continue;
      o->description.clear();  // results show a summary; keep the cache small
      out[i] = std::make_shared<const opportunity>(std::move(*o));
    }
  }
  std::lock_guard lock(mutex_);
  for (std::size_t i : missing)
    if (out[i]) keep(wanted[i].first, wanted[i].second, out[i]);
  return out;
}

void opening_cache::keep(const std::string& id, std::uint64_t revision,
                         std::shared_ptr<const opportunity> opening) {
  const auto found = kept_.find(id);
  if (found != kept_.end()) {
    if (found->second.revision > revision) return;  // another reader kept a newer one
    found->second.revision = revision;
    found->second.opening = std::move(opening);
    recently_used_.splice(recently_used_.begin(), recently_used_, found->second.used);
    return;
  }
  recently_used_.push_front(id);
  kept_.emplace(id, entry{revision, std::move(opening), recently_used_.begin()});
  while (kept_.size() > capacity_) {
    kept_.erase(recently_used_.back());
    recently_used_.pop_back();
  }
}

}  // namespace pathways
