// Match replies kept per revision of the matching graph, from a request's second ask.
#include "match_reply_cache.hpp"

#include <functional>
#include <mutex>

namespace pathways::api {

std::optional<std::string> match_reply_cache::find(const std::string& request,
                                                   std::uint64_t revision) const {
  std::shared_lock lock(mutex_);
  const auto it = by_request_.find(request);
  if (it == by_request_.end() || it->second.revision != revision) return std::nullopt;
  return it->second.text;
}

bool match_reply_cache::keep(const std::string& request, std::uint64_t revision,
                             const std::string& reply) {
  constexpr std::size_t most_bytes = 32 << 20;  // 32 MiB of replies; beyond it, start again
  constexpr std::size_t most_asked = 1 << 16;   // requests asked once; beyond it, start again
  const std::size_t hash = std::hash<std::string>{}(request);
  std::unique_lock lock(mutex_);
  auto found = by_request_.find(request);
  if (found == by_request_.end()) {
    // A hash shared with another request only keeps this one a little early: still correct.
    if (asked_.insert(hash).second) {
      if (asked_.size() > most_asked) asked_ = {hash};
      return false;
    }
    asked_.erase(hash);
    found = by_request_.try_emplace(request).first;
  }
  kept_reply& kept = found->second;
  // A reply ranked before a newer revision was seen never replaces the newer one.
  if (!kept.text.empty() && kept.revision > revision) return false;
  bytes_ -= kept.text.size();
  if (bytes_ + reply.size() > most_bytes) {
    by_request_.clear();
    bytes_ = 0;
    by_request_[request] = {revision, reply};
  } else {
    kept = {revision, reply};
  }
  bytes_ += reply.size();
  return true;
}

}  // namespace pathways::api
