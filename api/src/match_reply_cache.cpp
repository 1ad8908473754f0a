// Match replies kept per revision of the matching graph.
#include "match_reply_cache.hpp"

#include <mutex>

namespace pathways::api {

std::optional<std::string> match_reply_cache::find(const std::string& request,
                                                   std::uint64_t revision) const {
  std::shared_lock lock(mutex_);
  const auto it = by_request_.find(request);
  if (it == by_request_.end() || it->second.revision != revision) return std::nullopt;
  return it->second.text;
}

void match_reply_cache::keep(const std::string& request, std::uint64_t revision,
                             const std::string& reply) {
  constexpr std::size_t most_bytes = 32 << 20;  // 32 MiB of replies; beyond it, start again
  std::unique_lock lock(mutex_);
  auto& kept = by_request_[request];
  // A reply ranked before a newer revision was seen never replaces the newer one.
  if (!kept.text.empty() && kept.revision > revision) return;
  bytes_ -= kept.text.size();
  if (bytes_ + reply.size() > most_bytes) {
    by_request_.clear();
    bytes_ = 0;
    by_request_[request] = {revision, reply};
  } else {
    kept = {revision, reply};
  }
  bytes_ += reply.size();
}

}  // namespace pathways::api
