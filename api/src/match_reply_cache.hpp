// Match replies as JSON text, kept per person and request for one revision of the matching graph
// and one day: any person or opening saved changes the revision, so the next request ranks
// afresh. Only the ranking is reused; the caller is checked and the read audited every time.
// A reply is kept only once its request has been asked before: a request asked once (most of
// them when every request differs) costs no copy and no memory beyond a hash. Thread-safe (a
// reader-writer lock).
#pragma once

#include <cstdint>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <unordered_set>

namespace pathways::api {

class match_reply_cache {
 public:
  // The reply kept for `request` (person, query and day, in one string) at `revision`, if any.
  std::optional<std::string> find(const std::string& request, std::uint64_t revision) const;
  // Keeps `reply` for `request` at `revision` if the request was asked before (else remembers
  // that it has been asked), replacing what was kept for an older revision. True if kept.
  bool keep(const std::string& request, std::uint64_t revision, const std::string& reply);

 private:
  struct kept_reply {
    std::uint64_t revision = 0;
    std::string text;
  };
  mutable std::shared_mutex mutex_;
  std::unordered_map<std::string, kept_reply> by_request_;
  std::size_t bytes_ = 0;                  // of the replies kept
  std::unordered_set<std::size_t> asked_;  // hashes of requests asked once and not kept
};

}  // namespace pathways::api
